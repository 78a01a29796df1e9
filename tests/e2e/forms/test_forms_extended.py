"""A form extended by a second addon, in a real browser: its page, its button, the moved and hidden fields."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.addons("ui_forms_extra")


def test_the_extension_adds_a_page_and_a_button_that_work(page, live_server, login, screenshot):
    with live_server.db.transaction() as env:
        deal_id = env["ui_forms.deal"].create({"name": "Extended in the browser"}).id
    login(page, live_server.admin_login, live_server.admin_password)
    page.goto(f"/web/ui_forms.deal/{deal_id}")

    expect(page.get_by_role("tab", name="Competition")).to_be_visible()
    expect(page.get_by_label("PIN")).to_have_count(0)
    labels = page.locator(".form-group").first.locator(".field-label").all_inner_texts()
    assert labels[:2] == ["Name*", "Website"]
    page.get_by_role("tab", name="Competition").click()
    page.get_by_label("Competitor").fill("Rival Inc")
    screenshot(page, "extended_form")
    page.get_by_role("button", name="Escalate").click()

    expect(page).to_have_url(re.compile(rf"/web/ui_forms\.deal/{deal_id}$"))
    with live_server.db.transaction() as env:
        deal = env["ui_forms.deal"].get(deal_id)
        assert (deal.competitor, deal.escalated) == ("Rival Inc", True)


def test_a_confirmed_button_asks_first(page, live_server, login):
    with live_server.db.transaction() as env:
        deal_id = env["ui_forms.deal"].create({"name": "Maybe lost"}).id
    login(page, live_server.admin_login, live_server.admin_password)
    page.goto(f"/web/ui_forms.deal/{deal_id}")

    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Mark lost").click()
    expect(page.locator(".statusbar .current")).to_have_text("New")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Mark lost").click()
    expect(page.locator(".statusbar .current")).to_have_text("Lost")


def test_a_new_line_picks_its_supplier_and_a_tag_is_created_from_its_name(page, live_server, login):
    with live_server.db.transaction() as env:
        env["base.partner"].create({"name": "Kapadokya Seramik"})
        deal_id = env["ui_forms.deal"].create({"name": "Ceramics"}).id
    login(page, live_server.admin_login, live_server.admin_password)
    page.goto(f"/web/ui_forms.deal/{deal_id}")

    page.get_by_role("button", name="Add a line").click()
    row = page.locator("[data-line-rows] tr").last
    row.get_by_label("Product").fill("Vase")
    row.get_by_role("combobox", name="Supplier").fill("kapadokya")
    page.get_by_role("option", name="Kapadokya Seramik").click()
    row.get_by_label("Price").fill("12.5")
    page.get_by_role("tab", name="Tags").click()
    page.get_by_role("combobox", name="Add Tags").fill("Handmade")
    page.get_by_role("option", name="Create “Handmade”").click()
    expect(page.locator(".chip")).to_have_text("Handmade")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(rf"/web/ui_forms\.deal/{deal_id}$"))
    with live_server.db.transaction() as env:
        deal = env["ui_forms.deal"].get(deal_id)
        assert [(line.name, line.partner.name, str(line.price)) for line in deal.lines] == [
            ("Vase", "Kapadokya Seramik", "12.50")
        ]
        assert [tag.name for tag in deal.tags] == ["Handmade"]
