"""Reading posted form data into field values, in the user's language and time zone."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from werkzeug.datastructures import MultiDict

from core.i18n import translator
from core.web.pages.form_layout import form_layout
from core.web.pages.form_values import encode
from core.web.pages.inputs import changes
from core.web.pages.inputs import parse

pytestmark = pytest.mark.addons("ui_forms")


@pytest.fixture
def form(env):
    return form_layout(
        env, env.registry.ui.view("ui_forms.deal", "form"), translator(env.registry, "en"), editing=True
    )


def read(env, form, lang="en", **posted):
    data = MultiDict()
    for key, value in posted.items():
        for item in value if isinstance(value, list) else [value]:
            data.add(key.replace("__0__", ".0.").replace("__1__", ".1."), item)
    return parse(env, form.editable, data, translator(env.registry, lang))


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "1,234.50", Decimal("1234.50")),
        ("tr", "1.234,50", Decimal("1234.50")),
        ("hu", "1 234,5", Decimal("1234.50")),
        ("fa", "۱٬۲۳۴٫۵", Decimal("1234.50")),
        ("tr", "1234", Decimal("1234.00")),
    ],
)
def test_amounts_are_read_as_the_users_language_writes_them(env, form, lang, text, expected):
    assert read(env, form, lang, amount=text).vals == {"amount": expected}


def test_whole_numbers_refuse_fractions_and_words(env, form):
    parsed = read(env, form, "en", probability="12.5", discount="abc")
    assert parsed.vals == {}
    assert parsed.errors == {"probability": "Enter a whole number.", "discount": "abc is not a number."}
    assert read(env, form, "tr", probability="1.234").vals == {"probability": 1234}
    assert set(read(env, form, "tr", probability="12,5").errors) == {"probability"}


def test_empty_inputs_clear_their_fields_and_unposted_ones_are_left_alone(env, form):
    parsed = read(env, form, name="", amount="", date_close="", priority="", partner="", partner__label="")
    assert parsed.vals == {
        "name": None,
        "amount": None,
        "date_close": None,
        "priority": None,
        "partner": None,
    }
    assert parsed.errors == {}


def test_checkboxes_post_a_hidden_zero_then_the_ticked_one(env, form):
    assert read(env, form, urgent="0").vals == {"urgent": False}
    assert read(env, form, urgent=["0", "1"]).vals == {"urgent": True}


def test_datetimes_are_read_on_the_users_wall_clock(env, form):
    env.context["tz"] = "Europe/Istanbul"
    parsed = read(env, form, meeting_at="2024-01-15T08:30", date_close="2024-01-31")
    assert parsed.vals == {
        "meeting_at": dt.datetime(2024, 1, 15, 5, 30, tzinfo=dt.UTC),
        "date_close": dt.date(2024, 1, 31),
    }
    assert read(env, form, meeting_at="yesterday").errors == {
        "meeting_at": "yesterday is not a date and time."
    }


def test_a_selection_refuses_values_it_does_not_offer(env, form):
    assert read(env, form, priority="9").errors == {"priority": "Choose one of: 0, 1."}


def test_a_many2one_keeps_the_chosen_id_or_finds_the_typed_name(env, form):
    acme = env["base.partner"].create({"name": "Inputs Acme"})
    env["base.partner"].create({"name": "Inputs Acme Labs"})
    chosen = read(env, form, partner=str(acme.id), partner__label="Inputs Acme", partner__shown="Inputs Acme")
    assert chosen.vals == {"partner": acme.id}
    assert read(env, form, partner="", partner__label="inputs acme").vals == {"partner": acme.id}
    ambiguous = read(env, form, partner="", partner__label="Inputs")
    assert ambiguous.errors == {"partner": "Several records match “Inputs”: choose one from the list."}


def test_lines_keep_ids_skip_blank_new_rows_and_drop_removed_ones(env, form):
    parsed = read(
        env,
        form,
        lines="",
        **{"lines__0__id": "4", "lines__0__name": "Kept", "lines__0__quantity": "2"},
        **{"lines__1__id": "5", "lines__1__name": "Gone", "lines__1__remove": "1"},
        **{"lines.2.id": "", "lines.2.name": "New", "lines.2.price": "", "lines.2.partner__label": ""},
        **{"lines.3.id": "", "lines.3.name": "", "lines.3.quantity": ""},
    )
    assert parsed.errors == {}
    assert parsed.vals == {
        "lines": [{"id": 4, "name": "Kept", "quantity": Decimal("2.000")}, {"name": "New"}]
    }


def test_a_new_line_without_its_required_cell_is_refused_on_that_cell(env, form):
    parsed = read(env, form, lines="", **{"lines.9.id": "", "lines.9.name": "", "lines.9.price": "3"})
    assert parsed.errors == {"lines.9.name": "This field is required."}


def test_a_new_line_left_blank_where_the_field_has_a_default_takes_the_default(env, form):
    cells = {"lines.9.id": "", "lines.9.name": "Bolt", "lines.9.quantity": ""}
    parsed = read(env, form, lines="", **cells)
    assert parsed.errors == {}
    deal = env["ui_forms.deal"].create({"name": "Defaults", **parsed.vals})
    assert [(line.name, line.quantity) for line in deal.lines] == [("Bolt", 1)]


def test_only_values_that_differ_from_the_record_are_written(env, form):
    deal = env["ui_forms.deal"].create({"name": "Same", "amount": "5", "lines": [{"name": "A", "price": 2}]})
    fmt = translator(env.registry, "en")
    data = encode(form.editable, deal, fmt, zoneinfo.ZoneInfo("UTC"))
    assert changes(deal, parse(env, form.editable, data, fmt).vals) == {}

    data["amount"] = "6"
    data["lines.0.price"] = "3"
    assert changes(deal, parse(env, form.editable, data, fmt).vals) == {
        "amount": Decimal("6"),
        "lines": [{"id": deal.lines[0].id, "price": Decimal("3.00")}],
    }
