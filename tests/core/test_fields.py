"""Field types: how each turns user input into Python, refuses bad input, and reads back from the database."""

import datetime as dt
import decimal

import pytest

from core.errors import ValidationError

pytestmark = pytest.mark.addons("orm_orders")

D = decimal.Decimal


@pytest.fixture
def order(env):
    acme = env["base.partner"].create({"name": "Acme"})
    return env["orm_orders.order"].create({"name": "SO1", "partner": acme.id})


def written(env, order, name, value):
    """``value`` written to ``name``, then read back from the database."""
    order.write({name: value})
    env.flush()
    env.session.expire(order)
    return getattr(order, name)


def refused(order, name, value):
    """The message a user sees next to ``name`` when writing ``value``."""
    with pytest.raises(ValidationError) as caught:
        order.write({name: value})
    return caught.value.fields[name]


# -- text and booleans ---------------------------------------------------------------------


def test_char_strips_surrounding_spaces_and_stores_blank_as_empty(env, order):
    assert written(env, order, "note", "  call first ") == "call first"
    assert written(env, order, "note", "   ") is None


def test_char_refuses_more_than_its_size_and_non_text(env):
    partner = env["base.partner"].create({"name": "Acme"})
    with pytest.raises(ValidationError) as caught:
        partner.write({"lang": "much-too-long"})
    assert caught.value.fields == {"lang": "At most 8 characters."}
    with pytest.raises(ValidationError, match="Enter text"):
        partner.write({"name": 42})


def test_text_keeps_lines_and_spaces(env, order):
    assert written(env, order, "description", " one\n  two\n") == " one\n  two\n"


@pytest.mark.parametrize(("value", "expected"), [(True, True), ("yes", True), ("off", False), (0, False)])
def test_boolean_accepts_the_usual_spellings(env, order, value, expected):
    assert written(env, order, "urgent", value) is expected


def test_boolean_refuses_anything_else(order):
    assert refused(order, "urgent", "maybe") == "Enter true or false."


# -- numbers -------------------------------------------------------------------------------


def test_integer_accepts_whole_numbers_in_any_form(env, order):
    assert written(env, order, "priority", " 42 ") == 42
    assert written(env, order, "priority", "4.0") == 4


@pytest.mark.parametrize("value", [1.5, "1.5", "ten", True])
def test_integer_refuses_fractions_text_and_booleans(order, value):
    assert refused(order, "priority", value) == "Enter a whole number."


def test_float_accepts_numbers_and_refuses_text(env, order):
    assert written(env, order, "weight", "2.5") == 2.5
    assert refused(order, "weight", "heavy") == "Enter a number."


def test_decimal_rounds_half_up_to_its_scale_and_reads_back_exactly(env, order):
    value = written(env, order, "discount", "12.345")
    assert isinstance(value, D)
    assert value == D("12.35")
    assert str(value) == "12.35"


def test_decimal_reads_a_float_by_its_shortest_form(env, order):
    assert written(env, order, "discount", 0.1) == D("0.10")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "ten", True])
def test_decimal_refuses_what_is_not_a_finite_number(order, value):
    assert refused(order, "discount", value) == "Enter a number."


def test_monetary_is_rounded_to_its_currency_on_flush(env, order):
    eur = env["base.currency"].search([("code", "=", "EUR")]).ensure_one()
    yen = env["base.currency"].search([("code", "=", "JPY")]).ensure_one()
    order.write({"currency": eur.id})
    assert written(env, order, "deposit", "10.555") == D("10.56")
    order.write({"currency": yen.id})
    assert written(env, order, "deposit", "10.5") == D("11")


def test_monetary_without_a_currency_keeps_its_digits(env, order):
    assert written(env, order, "deposit", "10.555") == D("10.555")


# -- dates and times -----------------------------------------------------------------------


def test_date_accepts_iso_text_and_dates(env, order):
    assert written(env, order, "date", "2026-02-28") == dt.date(2026, 2, 28)
    assert written(env, order, "date", dt.date(2026, 3, 1)) == dt.date(2026, 3, 1)


def test_date_refuses_a_datetime_and_other_formats(order):
    assert (
        refused(order, "date", dt.datetime(2026, 1, 1, 10, tzinfo=dt.UTC)) == "Enter a date without a time."
    )
    assert refused(order, "date", "28/02/2026") == "Enter a date as YYYY-MM-DD."


def test_datetime_reads_back_timezone_aware_in_utc(env, order):
    instant = dt.datetime(2026, 3, 1, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    value = written(env, order, "confirmed_at", instant)
    assert value == instant
    assert value.utcoffset() == dt.timedelta(0)


def test_naive_datetime_input_is_read_in_the_users_timezone(env, order):
    env.context["tz"] = "Europe/Istanbul"
    value = written(env, order, "confirmed_at", "2026-03-01T10:00")
    assert value == dt.datetime(2026, 3, 1, 7, 0, tzinfo=dt.UTC)


def test_datetime_refuses_text_that_is_no_date(order):
    assert refused(order, "confirmed_at", "soon") == "Enter a date and time as YYYY-MM-DDTHH:MM."


# -- selection and json --------------------------------------------------------------------


def test_selection_accepts_a_declared_value_and_names_the_choices_otherwise(env, order):
    order.write({"date": "2026-01-01"})
    assert written(env, order, "state", "done") == "done"
    assert refused(order, "state", "lost") == "Choose one of: draft, confirmed, done."


def test_selection_labels_its_values(env):
    state = env["orm_orders.order"].fields["state"]
    assert state.label_of("confirmed") == "Confirmed"
    assert state.describe()["selection"] == [["draft", "Draft"], ["confirmed", "Confirmed"], ["done", "Done"]]


def test_json_keeps_structured_data(env, order):
    data = {"colour": "red", "sizes": [1, 2.5], "gift": True, "box": None}
    assert written(env, order, "attributes", data) == data


def test_json_refuses_what_cannot_be_serialised(order):
    assert refused(order, "attributes", {"when": dt.date(2026, 1, 1)}) == "Enter JSON data."


# -- relations -----------------------------------------------------------------------------


def test_many2one_accepts_an_id_or_a_record_and_false_empties_it(env, order):
    eur = env["base.currency"].search([("code", "=", "EUR")]).ensure_one()
    assert written(env, order, "currency", eur.id) == eur
    assert written(env, order, "currency", False) is None
    assert written(env, order, "currency", eur) == eur
    assert order.currency_id == eur.id


def test_many2one_refuses_a_missing_id(env, order):
    assert "No base.currency record with id 999999" in refused(order, "currency", 999999)


def test_many2many_is_written_as_the_full_list_of_ids(env, order):
    vip, rush, late = env["orm_orders.tag"].create([{"name": "vip"}, {"name": "rush"}, {"name": "late"}])
    assert written(env, order, "tags", [vip.id, rush.id]) == [rush, vip]
    assert written(env, order, "tags", [late.id, vip.id]) == [late, vip]
    assert written(env, order, "tags", []) == []


def test_many2many_reads_back_in_the_targets_order(env, order):
    late, early = env["orm_orders.tag"].create([{"name": "b-late"}, {"name": "a-early"}])
    assert [tag.name for tag in written(env, order, "tags", [late.id, early.id])] == ["a-early", "b-late"]


def test_many2many_links_a_repeated_id_once(env, order):
    vip = env["orm_orders.tag"].create({"name": "vip"})
    assert written(env, order, "tags", [vip.id, vip.id]) == [vip]


def test_many2many_refuses_a_missing_id(env, order):
    assert "No orm_orders.tag record with id 999999" in refused(order, "tags", [999999])


def test_money_reads_with_its_significant_decimals_and_at_least_two():
    from decimal import Decimal

    from core.orm.fields import Monetary

    money = Monetary()
    assert [money.to_json(Decimal(v)) for v in ("402.000000", "1.234000", "12.5", "0")] == [
        "402.00",
        "1.234",
        "12.50",
        "0.00",
    ]
    assert money.to_json(None) is None


@pytest.mark.parametrize("field", ["name", "notes"])
def test_text_with_a_nul_character_is_a_field_error_on_every_database(env, field):
    with pytest.raises(ValidationError) as refused:
        env["base.partner"].create({"name": "Acme", **{field: "before\x00after"}})
    assert refused.value.fields == {field: "Text cannot contain NUL characters."}
