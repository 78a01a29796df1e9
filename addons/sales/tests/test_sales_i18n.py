"""sales' catalogs (its invoicing and credit messages among them) are complete in tr, hu, fa."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from core.i18n import translator

I18N = Path(__file__).resolve().parents[1] / "i18n"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def test_every_message_is_translated_keeping_placeholders():
    with (I18N / "messages.pot").open("rb") as file:
        template = {message.id for message in read_po(file) if message.id}
    for lang in ("tr", "hu", "fa"):
        with (I18N / f"{lang}.po").open("rb") as file:
            messages = {message.id: message for message in read_po(file) if message.id}
        assert set(messages) == template, lang
        for message in messages.values():
            assert message.string and not message.fuzzy, (lang, message.id)
            assert sorted(PLACEHOLDER.findall(message.string)) == sorted(PLACEHOLDER.findall(message.id))


@pytest.mark.addons("sales", "accounting")
def test_a_turkish_salesperson_reads_the_invoicing_status_in_turkish(db):
    assert translator(db.registry, "tr").gettext("Waiting for credit approval") == "Kredi onayı bekliyor"
    assert translator(db.registry, "hu").gettext("Fully invoiced") == "Teljesen számlázva"
