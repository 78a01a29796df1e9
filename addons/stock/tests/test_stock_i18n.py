"""stock's catalogs (here: the messages of valuation entries and FIFO) are complete in tr, hu, fa."""

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


@pytest.mark.addons("stock", "accounting")
def test_a_turkish_bookkeeper_reads_the_check_in_turkish(db):
    assert (
        translator(db.registry, "tr").gettext("Stock against the books") == "Stok ve defter karşılaştırması"
    )
    assert translator(db.registry, "hu").gettext("Goods received not invoiced") == (
        "Beérkezett, még nem számlázott áruk"
    )
