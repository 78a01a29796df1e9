"""The CRM in a real browser on its demo data: win a deal on the pipeline, read the dashboard, see the
opportunities crm adds to base's partner form."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.addons("crm")


@pytest.fixture
def admin(page, live_server, login):
    login(page, live_server.admin_login, live_server.admin_password)
    return page


def an_opportunity_in(live_server, stage):
    with live_server.db.transaction() as env:
        lead = env["crm.lead"].search([("stage.name", "=", stage), ("type", "=", "opportunity")], limit=1)[0]
        return lead.id, lead.name, lead.partner.id


def test_dragging_an_opportunity_to_won_wins_it(admin, live_server, screenshot):
    lead_id, name, _ = an_opportunity_in(live_server, "Proposition")
    admin.get_by_role("link", name="CRM", exact=True).click()
    expect(admin.locator("section.column").first).to_be_visible()
    admin.locator(".facet", has_text="My pipeline").get_by_role("link", name="Remove").click()
    won = admin.locator("section.column", has=admin.locator(".column-head", has_text="Won"))
    card = admin.locator("li.card", has_text=name)

    with admin.expect_response(re.compile(r"/move$")) as moved:
        card.drag_to(won.locator("ol.cards"))

    assert moved.value.status == 200
    expect(won.locator("li.card", has_text=name)).to_be_visible()
    screenshot(admin, "crm_pipeline")
    with live_server.db.transaction() as env:
        lead = env["crm.lead"].browse([lead_id])[0]
        assert (lead.state, lead.probability) == ("won", 100)


def test_the_pipeline_dashboard_draws_its_charts(admin, screenshot):
    admin.goto("/")
    admin.get_by_role("link", name="CRM", exact=True).click()
    admin.get_by_role("link", name="Reporting").click()
    expect(admin.locator("svg").first).to_be_visible()
    assert admin.locator("svg").count() >= 4
    screenshot(admin, "crm_dashboard")


def test_a_customers_form_shows_the_opportunities_crm_adds(admin, live_server, screenshot):
    _, name, partner_id = an_opportunity_in(live_server, "Qualified")
    admin.goto(f"/web/base.partner/{partner_id}")
    admin.get_by_role("tab", name="Opportunities").click()
    expect(admin.locator(f'input[value="{name}"]')).to_be_visible()
    screenshot(admin, "partner_opportunities")
