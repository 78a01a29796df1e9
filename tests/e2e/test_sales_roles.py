"""Sales in a real browser, as a salesperson and as a manager: whose quotations each sees, who sees margins,
confirming one's own quotation, and printing it (sales installed, on its demo data).

The record rules (addons/sales/security/rules.toml) let a salesperson read every order of their company
but change only their own and the unassigned ones; the Quotations menu opens on "My quotations and
orders", so by default a salesperson sees their own quotations only.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.addons("sales")

PASSWORD = "e2e-sales-password"
MINE = "My quotations and orders"


@pytest.fixture(scope="module")
def orders(live_server):
    """Selin and Ömer sell, Maria manages. Each salesperson has a quotation, Ömer a confirmed order too.

    Returns the orders' numbers: ``selin``, ``omer`` (quotations) and ``omer_confirmed``.
    """
    ids = {
        "selin": live_server.make_user("selin", PASSWORD, ["sales.group_user"]),
        "omer": live_server.make_user("omer", PASSWORD, ["sales.group_user"]),
    }
    live_server.make_user("maria", PASSWORD, ["sales.group_manager"])
    with live_server.db.transaction() as env:
        partner = env["base.partner"].create({"name": "Ege Tekstil A.Ş."})
        compressor = env.ref("product.demo_product_compressor")  # priced in TRY
        lira = env.ref("base.currency_try").id

        def order(user):
            lines = [{"product": compressor.id, "quantity": "1"}]
            vals = {"partner": partner.id, "user": ids[user], "currency": lira, "lines": lines}
            return env["sales.order"].create(vals)

        names = {"selin": order("selin").name, "omer": order("omer").name}
        confirmed = order("omer")
        confirmed.action_confirm()
        names["omer_confirmed"] = confirmed.name
    return names


def open_sales(page, login, user):
    """Log ``user`` in and open the Sales app (its quotations)."""
    login(page, user, PASSWORD)
    page.get_by_role("navigation", name="Apps").get_by_role("link", name="Sales").click()
    expect(page.locator(".facet", has_text=MINE)).to_be_visible()


def listed(page):
    return page.locator("tr[data-href] td[data-label='Number']").all_inner_texts()


def column_labels(page):
    return [" ".join(label.split()) for label in page.locator("thead th").all_text_contents()]


def test_a_salesperson_sees_their_own_quotations_without_margins(page, login, orders, screenshot):
    open_sales(page, login, "selin")

    assert listed(page) == [orders["selin"]]
    assert "Margin" not in column_labels(page)
    screenshot(page, "sales_quotations_salesperson")

    page.locator(".facet", has_text=MINE).get_by_role("link", name="Remove").click()
    expect(page.locator("tr[data-href]", has_text=orders["omer"])).to_be_visible()
    page.locator("tr[data-href]", has_text=orders["omer"]).click()
    expect(page.locator(".breadcrumbs [aria-current]")).to_have_text(orders["omer"])
    expect(page.get_by_role("button", name="Confirm")).to_have_count(0)  # a colleague's: read only


def test_a_salesperson_confirms_and_prints_their_own_quotation(page, live_server, login, orders, screenshot):
    open_sales(page, login, "selin")
    page.locator("tr[data-href]", has_text=orders["selin"]).click()
    page.get_by_role("tab", name="Amounts").click()
    expect(page.get_by_text("Untaxed amount")).to_be_visible()
    expect(page.get_by_text("Margin", exact=True)).to_have_count(0)  # neither a field nor a line column

    page.get_by_role("button", name="Confirm").click()

    expect(page.locator(".statusbar [aria-current]")).to_have_text("Sales order")
    expect(page.get_by_role("button", name="Add a line")).to_have_count(0)  # its lines are locked now
    screenshot(page, "sales_order_confirmed_by_salesperson")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Print").click()
    printed = opened.value
    expect(printed).to_have_url(re.compile(r"/sales/order/\d+/print$"))
    expect(printed.get_by_text(orders["selin"])).to_be_visible()
    with live_server.db.transaction() as env:
        assert env["sales.order"].search([("name", "=", orders["selin"])])[0].state == "confirmed"


def test_a_manager_sees_every_order_and_the_margins(page, login, orders, screenshot):
    open_sales(page, login, "maria")
    page.locator(".facet", has_text=MINE).get_by_role("link", name="Remove").click()
    expect(page.locator("tr[data-href]", has_text=orders["omer"])).to_be_visible()

    page.locator(".subnav summary", has_text="Orders").click()
    page.get_by_role("link", name="Sales orders").click()
    expect(page.locator("tr[data-href]", has_text=orders["omer_confirmed"])).to_be_visible()
    assert "Margin" in column_labels(page)
    screenshot(page, "sales_orders_manager")
    page.locator("tr[data-href]", has_text=orders["omer_confirmed"]).click()
    page.get_by_role("tab", name="Amounts").click()
    expect(page.get_by_role("tabpanel", name="Amounts").get_by_text("Margin", exact=True)).to_be_visible()
    page.get_by_role("tab", name="Order lines").click()
    expect(page.get_by_role("tabpanel", name="Order lines").get_by_text("Margin", exact=True)).to_be_visible()
