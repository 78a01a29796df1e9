"""`display`: each field type as users read it, in their language, time zone and currency, escaped."""

import datetime as dt
from decimal import Decimal

import pytest
from markupsafe import Markup

from core.i18n import Translator
from core.i18n import translator
from core.views import Field
from core.web.pages.display import display
from core.web.pages.display import field_label

EN = Translator("en")
EUR = {"id": 1, "display_name": "EUR", "decimal_places": 2}


@pytest.fixture(scope="module")
def fields(ui_db):
    return ui_db.registry["ui_showcase.deal"]._fields


@pytest.fixture(scope="module")
def turkish(ui_db):
    return translator(ui_db.registry, "tr")


def test_money_is_written_in_the_records_currency_with_its_decimals(fields, turkish):
    amount = fields["amount"]
    assert display(amount, "1234.5", {"currency": EUR}, EN) == "€1,234.50"
    assert display(amount, Decimal("1234.5"), {"currency": EUR}, turkish) == "€1.234,50"
    yen = {"id": 2, "display_name": "JPY"}  # no decimal_places: the currency's usual ones
    assert display(amount, "1234.6", {"currency": yen}, EN) == "¥1,235"
    assert display(amount, "1234.5", {}, EN) == "1,234.50"  # no currency: a plain number


def test_numbers_follow_the_language_and_the_fields_digits(ui_db, fields):
    assert display(fields["quantity"], 1234567, {}, EN) == "1,234,567"
    assert display(fields["quantity"], 1234, {}, Translator("fa")) == "۱٬۲۳۴"
    discount = ui_db.registry["base.currency_rate"]._fields["rate"]
    assert display(discount, "1.5", {}, EN) == "1.5000000000"


def test_dates_and_instants_in_the_users_language_and_zone(ui_db, fields, turkish):
    assert display(fields["date_close"], "2026-03-15", {}, EN) == "Mar 15, 2026"
    assert display(fields["date_close"], dt.date(2026, 3, 15), {}, turkish) == turkish.date(
        dt.date(2026, 3, 15)
    )
    created = fields["created_at"]
    assert (
        display(created, "2026-03-15T21:30:00+00:00", {}, EN, tz="Europe/Istanbul")
        == "Mar 16, 2026, 12:30\u202fAM"
    )
    assert display(created, "2026-03-15T21:30:00+00:00", {}, EN) == "Mar 15, 2026, 9:30\u202fPM"


def test_options_are_shown_by_their_translated_label(fields, turkish):
    assert display(fields["kind"], "renewal", {}, EN) == "Renewal"
    assert display(fields["kind"], "renewal", {}, turkish) == "Yenileme"


def test_a_many2one_links_to_its_record_and_its_name_is_escaped(fields):
    shown = display(fields["partner"], {"id": 7, "display_name": "<script>alert(1)</script>"}, {}, EN)
    assert isinstance(shown, Markup)
    assert shown == '<a href="/web/base.partner/7">&lt;script&gt;alert(1)&lt;/script&gt;</a>'


def test_a_many2many_shows_chips(fields):
    tags = [{"id": 1, "display_name": "Hardware"}, {"id": 2, "display_name": "A&B"}]
    assert display(fields["tags"], tags, {}, EN) == (
        '<span class="chips"><span class="chip">Hardware</span><span class="chip">A&amp;B</span></span>'
    )
    assert display(fields["tags"], [], {}, EN) == ""


def test_booleans_are_marks_with_a_spoken_label(fields):
    assert display(fields["confidential"], True, {}, EN) == (
        '<span class="bool bool-yes" role="img" aria-label="Yes">✓</span>'
    )
    assert 'aria-label="No"' in display(fields["confidential"], False, {}, EN)


def test_widgets_show_links_stars_and_hidden_secrets(fields):
    name = fields["name"]
    assert (
        display(name, "a@b.example", {}, EN, widget="email") == '<a href="mailto:a@b.example">a@b.example</a>'
    )
    assert display(name, "+90 212 555", {}, EN, widget="phone") == '<a href="tel:+90212555">+90 212 555</a>'
    assert display(name, "javascript:alert(1)", {}, EN, widget="url") == "javascript:alert(1)"
    assert 'rel="noopener noreferrer"' in display(name, "https://example.com", {}, EN, widget="url")
    assert display(name, "hunter2", {}, EN, widget="password") == "••••••••"
    stars = display(fields["priority"], "1", {}, EN, widget="priority")
    assert stars == '<span class="stars" role="img" aria-label="Priority 1 of 2">★☆</span>'


def test_text_keeps_its_line_breaks_and_is_escaped(ui_db):
    notes = ui_db.registry["base.partner"]._fields["notes"]
    assert display(notes, "a <b>\nb", {}, EN) == '<span class="text">a &lt;b&gt;\nb</span>'


def test_no_value_is_empty(fields):
    for name in ("name", "partner", "amount", "date_close", "kind", "quantity"):
        assert display(fields[name], None, {}, EN) == ""


def test_labels_come_from_the_view_or_the_field_translated(fields, turkish):
    assert field_label(fields["partner"], turkish) == "Müşteri"
    assert field_label(fields["partner"], turkish, Field("partner", label="Amount")) == "Tutar"
