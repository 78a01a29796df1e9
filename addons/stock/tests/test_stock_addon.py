"""stock as an addon: its reports under Inventory › Reporting, rights on its models, its translations.

The catalogs' completeness is checked for every addon in tests/core/test_cli_i18n.py.
"""

import re
from pathlib import Path

import pytest

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


@pytest.mark.addons("stock", "sales")
def test_a_turkish_salesperson_reads_availability_in_turkish(db):
    turkish = translator(db.registry, "tr")
    assert (turkish.gettext("Available"), turkish.gettext("Late deliveries")) == (
        "Mevcut",
        "Geciken teslimatlar",
    )
    assert translator(db.registry, "hu").gettext("Stock value") == "Készletérték"
