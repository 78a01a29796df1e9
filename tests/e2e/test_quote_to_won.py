"""The front office in a real browser: a lead becomes an opportunity, gets a quotation, and confirming the
quotation wins the opportunity (crm and sales installed, on their demo data)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.addons("crm", "sales")


def test_a_lead_is_quoted_and_confirming_the_order_wins_it(page, live_server, login, screenshot):
    login(page, live_server.admin_login, live_server.admin_password)
    page.goto("/web/crm.lead/new?action=crm.leads")
    page.get_by_label("Subject").fill("Kompresör yenileme")
    page.get_by_label("Contact name").fill("Deniz Arslan")
    page.get_by_label("Company name").fill("Marmara Hava Sistemleri")
    page.get_by_label("Email", exact=True).fill("deniz@marmarahava.example")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(re.compile(r"/web/crm\.lead/\d+"))
    lead_id = int(re.search(r"/web/crm\.lead/(\d+)", page.url).group(1))

    page.get_by_role("button", name="Convert to opportunity").click()
    expect(page.get_by_role("button", name="New quotation")).to_be_visible()
    page.get_by_role("button", name="New quotation").click()
    expect(page).to_have_url(re.compile(r"/web/sales\.order/\d+"))

    page.get_by_role("tab", name="Order lines").click()
    page.get_by_role("button", name="Add a line").click()
    row = page.locator("[data-line-rows] tr").last
    row.get_by_label("Product").fill("Vidalı")
    page.get_by_role("option", name=re.compile("Vidalı kompresör")).click()
    row.get_by_label("Quantity").fill("2")
    page.get_by_role("button", name="Confirm").click()

    expect(page.locator(".statusbar [aria-current]")).to_contain_text("Sales order")
    screenshot(page, "sales_order_confirmed")
    with live_server.db.transaction() as env:
        lead = env["crm.lead"].browse([lead_id])[0]
        order = env["sales.order"].search([("opportunity", "=", lead_id)])[0]
        assert (order.state, lead.state, lead.probability) == ("confirmed", "won", 100)
        assert lead.partner.name == "Marmara Hava Sistemleri" and order.partner.id == lead.partner.id
        assert [(line.product.name, line.quantity) for line in order.lines] == [("Vidalı kompresör 15 kW", 2)]
