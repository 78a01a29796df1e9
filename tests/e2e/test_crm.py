"""The CRM in a real browser on its demo data: win a deal on the pipeline, mark one lost with its reason,
read the dashboard, see the opportunities crm adds to base's partner form."""

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


def test_marking_an_opportunity_lost_asks_for_the_reason_and_a_note(admin, live_server, screenshot):
    with live_server.db.transaction() as env:
        lead_id = env["crm.lead"].create([{"name": "Kompresör yenileme", "type": "opportunity"}])[0].id
    admin.goto(f"/web/crm.lead/{lead_id}")
    dialog = admin.get_by_role("dialog", name="Mark as lost")
    expect(dialog).to_be_hidden()

    admin.get_by_role("button", name="Mark as lost").click()
    expect(dialog).to_be_visible()
    dialog.get_by_label("Closing note").fill("They chose a cheaper compressor.")
    dialog.get_by_role("button", name="Mark as lost").click()  # without a reason: refused in the dialog
    expect(dialog.locator(".field-error")).to_have_text("This field is required.")
    expect(dialog.get_by_label("Closing note")).to_have_value("They chose a cheaper compressor.")
    dialog.get_by_role("combobox", name="Lost reason").fill("expens")
    admin.get_by_role("option", name="Too expensive").click()
    screenshot(admin, "crm_lost_dialog")
    dialog.get_by_role("button", name="Mark as lost").click()

    expect(admin.locator(".statusbar [aria-current]")).to_have_text("Lost")
    with live_server.db.transaction() as env:
        lead = env["crm.lead"].search([("id", "=", lead_id), ("active", "in", [True, False])])[0]
        notes = [entry["body"] for entry in lead.history() if entry["kind"] == "note"]
        assert (lead.state, lead.active, lead.lost_reason.name) == ("lost", False, "Too expensive")
        assert notes == ["They chose a cheaper compressor."]


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
