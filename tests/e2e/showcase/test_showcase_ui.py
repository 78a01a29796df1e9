"""Lists, boards and dashboards in a real browser: search and group, drag a card, read the charts."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.addons("ui_showcase")

DEALS = "/web/ui_showcase.deal?action=ui_showcase.deals"


@pytest.fixture
def admin(page, live_server, login):
    login(page, live_server.admin_login, live_server.admin_password)
    return page


def test_a_list_is_searched_and_grouped_without_leaving_the_page(admin, screenshot):
    page = admin
    page.goto(DEALS)
    expect(page.locator("tr[data-href]")).to_have_count(6)
    page.evaluate("window.untouched = true")  # survives only if no full page load happens

    page.get_by_role("searchbox").fill("renewal")
    page.get_by_role("searchbox").press("Enter")
    expect(page.locator("tr[data-href]")).to_have_count(1)
    expect(page.locator("tr[data-href]")).to_contain_text("Maintenance contract renewal")
    expect(page).to_have_url(re.compile(r"q=renewal"))

    page.locator(".facet", has_text="Search: renewal").get_by_role("link", name="Remove").click()
    expect(page.locator("tr[data-href]")).to_have_count(6)
    page.locator(".search-options summary").click()
    page.locator(".search-options").get_by_role("link", name="Stage").click()
    expect(page.locator("details.group")).to_have_count(4)
    expect(page.locator("details.group").nth(1)).to_contain_text("Qualified 2")
    page.locator("details.group summary").nth(1).click()
    expect(page.locator("details.group").nth(1).locator("tr[data-href]")).to_have_count(2)
    expect(page.locator(".totals")).to_contain_text("€180,700.00 · $1,800.00")
    assert page.evaluate("window.untouched") is True
    screenshot(page, "list_grouped")

    page.goto(DEALS)
    page.locator("tr[data-href] input[type=checkbox]").nth(0).check()
    expect(page.locator("[data-selected-count]")).to_have_text("1 selected")
    assert "ids=" in page.locator("a[data-export]").first.get_attribute("href")
    screenshot(page, "list")


def test_a_card_dragged_to_another_stage_stays_there_after_a_reload(admin, live_server, screenshot):
    page = admin
    page.goto("/web/ui_showcase.deal?action=ui_showcase.pipeline")
    new, won = page.locator("section.column").nth(0), page.locator("section.column").nth(3)
    card = new.locator("li.card", has_text="Safety audit")
    expect(card).to_be_visible()

    with page.expect_response(re.compile(r"/move$")) as moved:
        card.drag_to(won.locator("ol.cards"))
    assert moved.value.status == 200
    expect(won.locator("li.card", has_text="Safety audit")).to_be_visible()
    expect(won.locator(".column-head .count")).to_have_text("2")  # the board reloaded its counts
    page.reload()
    expect(page.locator("section.column").nth(3).locator("li.card", has_text="Safety audit")).to_be_visible()
    with live_server.db.transaction() as env:
        deal = env["ui_showcase.deal"].search([("name", "=", "Safety audit")])[0]
        assert deal.stage.name == "Won"
    screenshot(page, "kanban")


def test_a_refused_move_puts_the_card_back_and_says_why(page, live_server, login):
    live_server.make_user("rita_seller", "seller-password", groups=["ui_showcase.group_user"])
    login(page, "rita_seller", "seller-password")
    page.goto("/web/ui_showcase.deal?action=ui_showcase.pipeline")
    qualified = page.locator("section.column").nth(1)
    card = qualified.locator("li.card", has_text="Operator training")
    expect(card).to_be_visible()
    with live_server.db.transaction() as env:  # the right is withdrawn while the page is open
        env.ref("ui_showcase.access_deal_user").write({"can_write": False})
    try:
        with page.expect_response(re.compile(r"/move$")) as moved:
            card.drag_to(page.locator("section.column").nth(2).locator("ol.cards"))
        assert moved.value.status == 403
        expect(page.locator("#board-status")).to_contain_text("You may not change Deal records")
        expect(qualified.locator("li.card", has_text="Operator training")).to_be_visible()
    finally:
        with live_server.db.transaction() as env:
            env.ref("ui_showcase.access_deal_user").write({"can_write": True})


def test_a_dashboard_draws_its_figures_and_charts(admin, screenshot):
    page = admin
    page.goto("/web/dashboard/ui_showcase.overview")
    expect(page.locator(".tile-value").first).to_have_text("6")
    charts = page.get_by_role("img")
    expect(charts).to_have_count(4)
    expect(page.get_by_role("img", name="Deals by stage")).to_be_visible()
    expect(page.locator("svg.chart-pie g.legend")).to_have_count(3)
    expect(page.locator("svg.chart-bar g.bar")).to_have_count(4)  # one bar per stage with deals
    counts = page.locator("svg.chart-bar text.value").all_text_contents()
    assert sum(int(count) for count in counts) == 6
    screenshot(page, "dashboard")


def test_on_a_phone_the_menu_folds_behind_a_button(admin, screenshot):
    page = admin
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(DEALS)
    apps = page.get_by_role("navigation", name="Apps")
    expect(apps).to_be_hidden()
    page.locator("label.nav-burger").click()
    expect(apps).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Showcase").get_by_role("link", name="Pipeline")
    ).to_be_visible()
    screenshot(page, "list_phone")
