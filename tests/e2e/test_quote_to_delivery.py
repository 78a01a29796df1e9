"""From quotation to delivery in a real browser (stock and sales on their demo data): the salesperson
sees what is available on the line while quoting and confirms; the storekeeper validates the delivery;
the order then shows what was delivered."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from addons.stock import forecast
from core.i18n import translator

pytestmark = pytest.mark.addons("stock", "sales")

PASSWORD = "e2e-stock-password"


@pytest.fixture(scope="module")
def people(live_server):
    live_server.make_user("selin", PASSWORD, ["sales.group_user"])
    live_server.make_user("kerem", PASSWORD, ["stock.group_user"])


def column(table, label):
    """The cells of the column headed ``label`` in a line table, as a function of the row."""
    labels = [" ".join(text.split()) for text in table.locator("thead th").all_text_contents()]
    index = labels.index(label)
    return lambda row: row.locator("td").nth(index)


def test_a_quoted_storable_product_is_delivered_and_the_order_shows_it(
    page, live_server, login, people, screenshot
):
    with live_server.db.transaction() as env:
        filters = env.ref("product.demo_product_filter")
        main = env.ref("stock.warehouse_main")  # where new quotations ship from
        free, delay = forecast.levels(env, [filters.id], main)[filters.id].free, filters.sale_delay
        fmt = translator(env.registry, "en")
    # users work in UTC unless they choose a time zone
    expected = fmt.date(dt.datetime.now(dt.UTC).date() + dt.timedelta(days=delay))

    login(page, "selin", PASSWORD)
    page.goto("/web/sales.order/new?action=sales.quotations")
    page.get_by_label("Customer", exact=True).fill("Anadolu")
    page.get_by_role("option", name=re.compile("Anadolu Makine")).click()
    page.get_by_role("tab", name="Order lines").click()
    page.get_by_role("button", name="Add a line").click()
    row = page.locator("[data-line-rows] tr").last
    row.get_by_label("Product").fill("Hava filtresi")
    page.get_by_role("option", name=re.compile("Hava filtresi")).click()
    row.get_by_label("Quantity").fill("5")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/web/sales\.order/\d+"))
    order_id = int(re.search(r"/web/sales\.order/(\d+)", page.url).group(1))

    page.get_by_role("tab", name="Order lines").click()
    editor = page.locator(".line-table").first
    line = page.locator("[data-line-rows] tr").first
    expect(column(editor, "Available")(line)).to_have_text(fmt.number(free, 4))
    expect(column(editor, "Expected")(line)).to_have_text(expected)
    screenshot(page, "stock_quotation_availability")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".statusbar [aria-current]")).to_contain_text("Sales order")
    order_name = page.locator(".breadcrumbs [aria-current]").inner_text()

    page.context.clear_cookies()
    login(page, "kerem", PASSWORD)
    page.get_by_role("navigation", name="Apps").get_by_role("link", name="Inventory").click()
    page.goto("/web/stock.picking?action=stock.deliveries")
    page.locator("tr[data-href]", has_text=order_name).click()
    expect(page.locator(".statusbar [aria-current]")).to_contain_text("Ready")
    page.get_by_role("button", name="Validate").click()
    expect(page.locator(".statusbar [aria-current]")).to_contain_text("Done")

    page.context.clear_cookies()
    login(page, "selin", PASSWORD)
    page.goto(f"/web/sales.order/{order_id}")
    page.get_by_role("tab", name="Order lines").click()
    table = page.locator(".line-table.readonly").first
    expect(column(table, "Delivered")(table.locator("tbody tr").first)).to_have_text(fmt.number(5, 4))
    page.get_by_role("tab", name="Deliveries").click()
    expect(page.locator("#page-deliveries")).to_contain_text("Delivered")
    screenshot(page, "stock_order_delivered")
    with live_server.db.transaction() as env:
        order = env["sales.order"].get(order_id)
        assert (order.delivery_status, order.lines[0].qty_delivered) == ("full", 5)
        assert [picking.state for picking in order.pickings] == ["done"]
