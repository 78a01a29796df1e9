"""stock as an addon: screens resolve, rights cover its models, tr/hu/fa catalogs are complete."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from core.i18n import translator

I18N = Path(__file__).resolve().parents[1] / "i18n"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


@pytest.mark.addons("stock")
def test_the_reports_hang_under_inventory_reporting(db):
    ui = db.registry.ui
    [stock] = [node for node in ui.menus if node.menu.name == "stock"]
    [reporting] = [child for child in stock.children if child.menu.name == "stock.reporting"]
    assert [child.menu.label for child in reporting.children] == [
        "Overview",
        "Moves history",
        "Stock value",
        "Turnover",
        "Late deliveries",
    ]
    assert db.registry.reports >= {"stock.value", "stock.turnover", "stock.late_delivery"}


@pytest.mark.addons("stock")
def test_every_stock_model_can_be_read_by_storekeepers(db, env):
    models = [name for name, owner in db.registry.model_owner.items() if owner == "stock"]
    for name in models:
        groups = {
            right.group.full_name
            for right in env["base.access"].search([("model", "=", name), ("can_read", "=", True)])
        }
        assert groups & {"Inventory / User", "Inventory / Manager", "Base / Internal user"}, name


def catalog(name):
    with (I18N / name).open("rb") as file:
        return {message.id: message for message in read_po(file) if message.id}


def test_every_message_is_translated_keeping_its_placeholders():
    template = set(catalog("messages.pot"))
    for lang in ("tr", "hu", "fa"):
        messages = catalog(f"{lang}.po")
        assert set(messages) == template, lang
        for message in messages.values():
            assert message.string and not message.fuzzy, (lang, message.id)
            assert sorted(PLACEHOLDER.findall(message.string)) == sorted(PLACEHOLDER.findall(message.id))


@pytest.mark.addons("stock", "sales")
def test_a_turkish_salesperson_reads_availability_in_turkish(db):
    turkish = translator(db.registry, "tr")
    assert (turkish.gettext("Available"), turkish.gettext("Late deliveries")) == (
        "Mevcut",
        "Geciken teslimatlar",
    )
    assert translator(db.registry, "hu").gettext("Stock value") == "Készletérték"
