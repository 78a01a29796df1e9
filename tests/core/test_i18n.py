"""core.i18n: catalogs per addon, translators per registry and language, locale formats, templates."""

import datetime as dt
import threading
from decimal import Decimal
from pathlib import Path

import jinja2
import pytest

from core.errors import ConfigError
from core.errors import ValidationError
from core.i18n import LANGUAGES
from core.i18n import Translator
from core.i18n import _
from core.i18n import translator
from core.i18n import using
from core.i18n.catalog import load_translations
from core.i18n.jinja import prepare_environment
from core.i18n.jinja import template_globals

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


def write_po(folder: Path, lang: str, body: str) -> Path:
    path = folder / "i18n" / f"{lang}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


# -- catalogs ---------------------------------------------------------------------------


def test_a_later_addon_overrides_an_earlier_one(tmp_path):
    write_po(
        tmp_path / "first", "tr", 'msgid "Partner"\nmsgstr "İş ortağı"\n\nmsgid "City"\nmsgstr "Şehir"\n'
    )
    write_po(tmp_path / "second", "tr", 'msgid "Partner"\nmsgstr "Müşteri"\n')
    merged = load_translations("tr", [("first", tmp_path / "first"), ("second", tmp_path / "second")])
    assert merged.gettext("Partner") == "Müşteri"
    assert merged.gettext("City") == "Şehir"


def test_fuzzy_entries_are_ignored(tmp_path):
    write_po(tmp_path / "addon", "hu", '#, fuzzy\nmsgid "Solved"\nmsgstr "Megoldva"\n')
    assert load_translations("hu", [("addon", tmp_path / "addon")]).gettext("Solved") == "Solved"


def test_a_malformed_po_file_is_a_config_error_naming_it(tmp_path):
    path = write_po(tmp_path / "broken", "fa", 'msgid "Name"\nthis is not po\n')
    with pytest.raises(ConfigError) as caught:
        load_translations("fa", [("broken", tmp_path / "broken")])
    assert str(path) in caught.value.message


def test_a_po_file_that_is_not_utf8_is_a_config_error(tmp_path):
    path = write_po(tmp_path / "latin", "tr", "")
    path.write_bytes(path.read_bytes() + 'msgid "City"\nmsgstr "Şehir"\n'.encode("cp1254"))
    with pytest.raises(ConfigError, match="latin"):
        load_translations("tr", [("latin", tmp_path / "latin")])


# -- translators of a registry -------------------------------------------------------------


@pytest.mark.addons("i18n_probe")
def test_field_labels_model_names_and_options_are_translated_in_turkish(db):
    tr = translator(db.registry, "tr")
    Ticket = db.registry["i18n_probe.ticket"]
    assert tr.model_label(Ticket) == "Destek talebi"
    assert tr.field_label(Ticket._fields["name"]) == "Konu"
    assert tr.option_label(Ticket._fields["state"], "open") == "Yanıt bekleniyor"
    assert tr.field_label(db.registry["base.partner"]._fields["city"]) == "Şehir"  # from base's tr.po
    assert tr.gettext("Created by") == "Oluşturan"  # from the kernel's tr.po


@pytest.mark.addons("i18n_probe")
def test_an_addon_rewords_what_base_translates_and_its_fuzzy_entry_is_skipped(db):
    tr = translator(db.registry, "tr")
    assert tr.model_label(db.registry["base.partner"]) == "Müşteri"  # base says "İş ortağı"
    assert tr.option_label(db.registry["i18n_probe.ticket"]._fields["state"], "closed") == "Solved"


def test_unknown_languages_fall_back_to_english(env):
    fallback = translator(env.registry, "de")
    assert fallback.lang == "en"
    assert fallback.gettext("Partner") == "Partner"
    assert translator(env.registry, None).lang == "en"
    assert translator(env.registry, "tr_TR").gettext("Partner") == "İş ortağı"


def test_translators_are_made_once_per_registry_and_language(env):
    made = []
    threads = [threading.Thread(target=lambda: made.append(translator(env.registry, "hu"))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(t) for t in made}) == 1
    assert made[0] is translator(env.registry, "hu")
    assert made[0].gettext("Partner") == "Partner" and made[0].gettext("City") == "Város"


def test_every_shipped_language_translates_the_base_addon(env):
    for lang in LANGUAGES:
        label = translator(env.registry, lang).model_label(env.registry["base.company"])
        assert label == {"en": "Company", "tr": "Şirket", "hu": "Vállalat", "fa": "شرکت"}[lang]


def test_underscore_translates_in_the_current_language_only_inside_using(env):
    assert _("%(tz)s is not a known time zone.", tz="Mars/Base") == "Mars/Base is not a known time zone."
    with using(translator(env.registry, "hu")):
        assert _("%(tz)s is not a known time zone.", tz="Mars/Base") == "Mars/Base nem ismert időzóna."
    assert _("Partner") == "Partner"


# -- formats ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "number", "money"),
    [
        ("en", "1,234.50", "€1,234.50"),
        ("tr", "1.234,50", "€1.234,50"),
        ("hu", "1\xa0234,50", "1\xa0234,50\xa0EUR"),
        ("fa", "۱٬۲۳۴٫۵۰", "\u200e€\xa0۱٬۲۳۴٫۵۰"),
    ],
)
def test_numbers_and_money_follow_the_language(lang, number, money):
    fmt = Translator(lang)
    assert fmt.number(Decimal("1234.5"), 2) == number
    assert fmt.money(Decimal("1234.5"), "EUR") == money


def test_money_shows_the_given_number_of_decimals_whatever_the_currency():
    assert Translator("en").money(Decimal("1234.5"), "JPY", digits=2) == "¥1,234.50"
    assert Translator("tr").money(Decimal("1234.567"), "TRY", digits=3) == "₺1.234,567"
    assert Translator("en").money(Decimal("1234.4"), "EUR", digits=0) == "€1,234"


def test_persian_is_right_to_left_with_persian_digits_in_numbers_and_dates():
    fa = Translator("fa")
    assert fa.rtl is True
    assert not any(Translator(lang).rtl for lang in ("en", "tr", "hu"))
    assert fa.number(1234567) == "۱٬۲۳۴٬۵۶۷"
    assert fa.date(dt.date(2024, 3, 5)) == "۵ مارس ۲۰۲۴"
    assert fa.percent(Decimal("0.25")) == "۲۵%"


def test_dates_and_percentages_follow_the_language():
    day = dt.date(2024, 3, 5)
    assert Translator("en").date(day) == "Mar 5, 2024"
    assert Translator("tr").date(day) == "5 Mar 2024"
    assert Translator("hu").date(day) == "2024. márc. 5."
    assert Translator("tr").percent(Decimal("0.255"), 1) == "%25,5"


def test_an_instant_in_utc_is_shown_on_the_users_clock():
    instant = dt.datetime(2024, 3, 5, 10, 30, tzinfo=dt.UTC)
    assert Translator("tr").datetime(instant, "Europe/Istanbul") == "5 Mar 2024 13:30"
    assert Translator("en").datetime(instant, "Europe/Istanbul") == "Mar 5, 2024, 1:30\u202fPM"
    assert Translator("en").datetime(instant, "Nowhere/Unknown") == "Mar 5, 2024, 10:30\u202fAM"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize("value", [Decimal("1234.5"), Decimal("-0.75"), Decimal("1000000"), Decimal("12")])
def test_parse_number_reads_back_what_number_writes(lang, value):
    fmt = Translator(lang)
    assert fmt.parse_number(fmt.number(value, 2)) == value


def test_parse_number_accepts_what_people_type():
    assert Translator("fa").parse_number("۱۲۳۴٫۵") == Decimal("1234.5")
    assert Translator("fa").parse_number("1234.5") == Decimal("1234.5")
    assert Translator("hu").parse_number("1 234,5") == Decimal("1234.5")
    assert Translator("tr").parse_number(" 1234,5 ") == Decimal("1234.5")


@pytest.mark.parametrize(("lang", "text"), [("en", "abc"), ("en", "1.234,5"), ("tr", "12.5"), ("en", "NaN")])
def test_parse_number_refuses_what_is_not_a_number_in_the_language(lang, text):
    with pytest.raises(ValidationError, match="is not a number"):
        Translator(lang).parse_number(text)


def test_parse_errors_are_in_the_users_language(env):
    with pytest.raises(ValidationError) as caught:
        translator(env.registry, "tr").parse_number("abc")
    assert caught.value.message == "abc bir sayı değil."
    with pytest.raises(ValidationError, match="Bir sayı girin"):
        translator(env.registry, "tr").parse_number("  ")


def test_parse_date_reads_what_a_date_input_sends():
    assert Translator("fa").parse_date("2024-03-05") == dt.date(2024, 3, 5)
    for text in ("05.03.2024", "2024-02-30", "20240305"):
        with pytest.raises(ValidationError, match="not a date"):
            Translator("en").parse_date(text)


# -- templates -------------------------------------------------------------------------------


def test_one_environment_renders_two_languages_alternately(env):
    templates = jinja2.Environment(
        loader=jinja2.DictLoader(
            {"page.html": '{{ _("Log out") }}|{% trans %}Log in{% endtrans %}|{{ fmt.number(1234.5, 2) }}'}
        ),
        autoescape=True,
    )
    prepare_environment(templates)
    page = templates.get_template("page.html")
    tr, hu = translator(env.registry, "tr"), translator(env.registry, "hu")
    assert page.render(**template_globals(tr)) == "Oturumu kapat|Oturum aç|1.234,50"
    assert page.render(**template_globals(hu)) == "Kijelentkezés|Bejelentkezés|1\xa0234,50"
    assert page.render(**template_globals(tr)) == "Oturumu kapat|Oturum aç|1.234,50"
    assert "gettext" not in templates.globals


def test_template_variables_are_escaped_and_plurals_count(env):
    templates = jinja2.Environment(autoescape=True)
    prepare_environment(templates)
    page = templates.from_string(
        '{% trans name=who %}Hello {{ name }}{% endtrans %} · {{ _("Error %(code)s", code=who) }} · '
        "{% trans count=n %}{{ count }} line{% pluralize %}{{ count }} lines{% endtrans %}"
        " · {{ lang }} {{ rtl }}"
    )
    assert (
        page.render(**template_globals(translator(env.registry, "fa")), who="<b>", n=3)
        == "Hello &lt;b&gt; · خطای &lt;b&gt; · 3 lines · fa True"
    )


# -- the user's language and time zone ---------------------------------------------------------


def test_a_user_chooses_a_shipped_language_and_a_known_time_zone(env):
    user = env["base.user"].create({"login": "ayse", "name": "Ayşe", "lang": "tr", "tz": "Europe/Istanbul"})
    assert (user.lang, user.tz) == ("tr", "Europe/Istanbul")
    assert env["base.user"].create({"login": "anna", "name": "Anna"}).lang == "en"
    with pytest.raises(ValidationError) as caught:
        user.write({"lang": "de"})
    assert "lang" in caught.value.fields
    with pytest.raises(ValidationError) as caught:
        user.write({"tz": "Europe/Atlantis"})
        env.flush()
    assert caught.value.fields == {"tz": "Europe/Atlantis is not a known time zone."}
