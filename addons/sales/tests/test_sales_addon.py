"""sales as an addon: its screens resolve, rights cover every model, demo and uninstall work."""

import pytest
from sqlalchemy import inspect

from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall


@pytest.mark.addons("sales")
def test_the_screens_resolve(db):
    ui = db.registry.ui
    assert ui.views["sales.order.form"].status == "state"
    [sales] = [node for node in ui.menus if node.menu.name == "sales"]
    assert [child.menu.label for child in sales.children] == [
        "Orders",
        "Products",
        "Reporting",
        "Configuration",
    ]
    assert len(sales.children[-1].children) == 4
    assert "crm.lead.form" not in ui.views or "quotations" not in [
        p.name for p in ui.views["crm.lead.form"].pages
    ]


@pytest.mark.addons("sales")
def test_every_sales_model_has_rights_for_salespeople_and_managers(db, env):
    models = [name for name, owner in db.registry.model_owner.items() if owner == "sales"]
    assert sorted(models) == [
        "sales.order",
        "sales.order_line",
        "sales.pricelist",
        "sales.pricelist_rule",
    ]
    for name in models:
        groups = {right.group.full_name for right in env["base.access"].search([("model", "=", name)])}
        assert groups == {"Sales / Salesperson", "Sales / Manager"}, name


@pytest.mark.addons("sales", "crm")
def test_with_crm_the_opportunity_form_shows_its_quotations(db):
    form = db.registry.ui.views["crm.lead.form"]
    assert "quotations" in [page.name for page in form.pages]
    assert "action_new_quotation" in [button.method for button in form.buttons]


def test_demo_installs_then_uninstalls_on_a_database_with_data(empty_db):
    install(empty_db, ["sales"], demo=True)
    with empty_db.transaction() as env:
        orders = env["sales.order"].search([])
        assert len(orders) == 12
        assert {order.state for order in orders} == {"draft", "sent", "confirmed", "done", "cancelled"}
        assert all(order.amount_total > 0 and order.name.startswith("SO/2026/") for order in orders)
        kept = env["base.partner"].create({"name": "Kept Partner Ltd.", "is_company": True}).id
    uninstall(empty_db, ["sales"])
    assert not {name for name in inspect(empty_db.engine).get_table_names() if name.startswith("sales_")}
    with empty_db.transaction() as env:
        assert env["base.partner"].get(kept).name == "Kept Partner Ltd."
        assert env["product.product"].search_count([]) >= 10  # product stays
        assert env["base.sequence"].search_count([("code", "=", "sales.order")]) == 0
    install(empty_db, ["sales"])
    assert "sales" in empty_db.installed()
