"""From a confirmed order to its invoice in a real browser (sales and accounting on their demo data): the
salesperson sees the order's down payment, creates the invoice, which deducts it; a bookkeeper posts it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.addons("sales", "accounting")

PASSWORD = "e2e-invoicing-password"


@pytest.fixture(scope="module")
def people(live_server):
    live_server.make_user("selin", PASSWORD, ["sales.group_user"])
    live_server.make_user("bora", PASSWORD, ["accounting.group_user"])


def test_a_salesperson_invoices_an_order_and_a_bookkeeper_posts_it(
    page, live_server, login, people, screenshot
):
    with live_server.db.transaction() as env:
        order = env.ref("sales.demo_order_05")
        order_id, name = order.id, order.name
    login(page, "selin", PASSWORD)
    page.goto(f"/web/sales.order/{order_id}?action=sales.orders")
    page.get_by_role("tab", name="Invoices").click()
    panel = page.get_by_role("tabpanel", name="Invoices")
    expect(panel.get_by_text("To invoice")).to_be_visible()
    expect(panel.get_by_text("Posted")).to_be_visible()  # the down payment
    page.get_by_role("button", name="Create invoice").click()
    expect(page).to_have_url(re.compile(r"/web/accounting\.invoice/\d+"))
    expect(page.get_by_text(f"Down payments of {name} deducted")).to_be_visible()
    invoice_url = page.url
    screenshot(page, "order_to_invoice")
    post = page.locator("button[formaction*='/call/action_post']")
    expect(post).to_have_count(0)  # posting is accounting's

    page.context.clear_cookies()
    login(page, "bora", PASSWORD)
    page.goto(invoice_url)
    post.click()
    expect(page.locator(".statusbar [aria-current]")).to_have_text("Posted")
    with live_server.db.transaction() as env:
        assert env["sales.order"].get(order_id).invoice_status == "invoiced"
