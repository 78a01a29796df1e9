"""purchase as an addon: screens resolve, rights cover its models, it reads in Turkish, the demo installs.

Its catalogs are checked with every shipped one (tests/core/test_cli_i18n.py).
"""

import pytest
from sqlalchemy import inspect

from core.i18n import translator
from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall


@pytest.mark.addons("purchase")
def test_the_screens_resolve(db):
    ui = db.registry.ui
    assert ui.views["purchase.order.form"].status == "state"
    assert "receipts" in [page.name for page in ui.views["purchase.order.form"].pages]
    assert "purchase" in [page.name for page in ui.views["product.product.form"].pages]
    [purchase] = [node for node in ui.menus if node.menu.name == "purchase"]
    assert [child.menu.label for child in purchase.children] == [
        "Orders",
        "Vendor prices",
        "Products",
        "Reporting",
        "Configuration",
    ]
    assert [child.menu.label for child in purchase.children[0].children] == [
        "Requests for quotation",
        "Purchase orders",
        "Orders to receive",
    ]
    assert [child.menu.label for child in purchase.children[-1].children] == ["Taxes", "Payment terms"]


@pytest.mark.addons("purchase")
def test_every_purchase_model_has_rights_for_buyers_and_managers(db, env):
    models = [name for name, owner in db.registry.model_owner.items() if owner == "purchase"]
    assert sorted(models) == ["purchase.order", "purchase.order_line", "purchase.vendor_price"]
    for name in models:
        groups = {right.group.full_name for right in env["base.access"].search([("model", "=", name)])}
        assert groups == {"Purchase / Buyer", "Purchase / Manager"}, name


@pytest.mark.addons("purchase")
def test_a_turkish_buyer_reads_purchase_in_turkish(db):
    assert translator(db.registry, "tr").gettext("Requests for quotation") == "Teklif talepleri"


def test_demo_installs_with_its_history_then_uninstalls(empty_db):
    install(empty_db, ["purchase"], demo=True)
    with empty_db.transaction() as env:
        orders = env["purchase.order"].search([])
        assert len(orders) == 11
        assert {order.state for order in orders} == {"draft", "sent", "purchase", "done", "cancelled"}
        assert all(order.amount_untaxed > 0 and order.name.startswith("PO/2026/") for order in orders)
        statuses = {order.receipt_status for order in orders if order.state in ("purchase", "done")}
        assert statuses == {"nothing", "partial", "full"}
        rates = {row["vendor"]["display_name"]: row["rate"] for row in env["purchase.order"].vendor_on_time()}
        assert rates == {
            "Baltic Industrial Supply Ltd": 100,
            "Harper & Lowe Office Supplies": 100,
            "Marmara Döküm ve Makine Sanayi A.Ş.": 0,
            "Yıldız Hırdavat ve Yedek Parça Ltd. Şti.": 0,
        }
        kept = env["base.partner"].create({"name": "Kept Vendor Ltd.", "is_company": True}).id
    uninstall(empty_db, ["purchase"])
    assert not {name for name in inspect(empty_db.engine).get_table_names() if name.startswith("purchase_")}
    columns = {column["name"] for column in inspect(empty_db.engine).get_columns("stock_move")}
    assert "purchase_line_id" not in columns
    with empty_db.transaction() as env:
        assert env["base.partner"].get(kept).name == "Kept Vendor Ltd."
        assert env["base.sequence"].search_count([("code", "=", "purchase.order")]) == 0
        # stock keeps the receipts and the backorder: they are its history now
        assert env["stock.picking"].search_count([("kind", "=", "incoming")]) == 6
    install(empty_db, ["purchase"])
    assert "purchase" in empty_db.installed()
