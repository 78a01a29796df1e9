"""The home page and the menus: apps and entries by groups and read rights, language, technical page."""

import re

import pytest


def test_home_shows_the_apps_and_dashboards_the_user_may_open(ui_login):
    page = ui_login("user").page("/")
    apps = {tile.one(".app-label").text(): tile.attrs["href"] for tile in page.all("a.app-tile")}
    assert apps == {
        "Contacts": "/web/base.partner?action=base.contacts",
        "Showcase": "/web/ui_showcase.deal?action=ui_showcase.deals",
    }
    assert [link.text() for link in page.all(".link-list a")] == ["Sales overview"]
    assert "/web/technical/models" not in page.html


def test_a_user_who_may_read_nothing_sees_no_app(ui_login):
    page = ui_login("stranger").page("/")
    assert page.all("a.app-tile") == []
    assert "No app is available to you yet." in page.text(".empty-state")


def test_an_entry_restricted_to_a_group_is_invisible_to_others(ui_login):
    admin = ui_login("admin").page("/web/ui_showcase.deal", action="ui_showcase.deals")
    assert [entry.text() for entry in admin.one(".subnav").first("ul").elements()] == [
        "Deals",
        "Pipeline",
        "Overview",
        "Configuration Stages",
    ]
    user = ui_login("user").page("/web/ui_showcase.deal", action="ui_showcase.deals")
    assert [entry.text() for entry in user.one(".subnav").first("ul").elements()] == [
        "Deals",
        "Pipeline",
        "Overview",
    ]
    assert "Settings" not in [link.text() for link in user.all(".apps a")]
    assert "Settings" in [link.text() for link in admin.all(".apps a")]


def test_the_current_app_and_entry_are_marked(ui_login):
    page = ui_login("user").page("/web/ui_showcase.deal", action="ui_showcase.pipeline")
    assert page.one(".apps a.active").text() == "Showcase"
    assert page.one(".subnav a[aria-current]").text() == "Pipeline"
    dashboard = ui_login("user").page("/web/dashboard/ui_showcase.overview")
    assert dashboard.one(".subnav a[aria-current]").text() == "Overview"


def test_the_technical_models_page_is_for_administrators(ui_db, ui_login):
    assert ui_login("user").get("/web/technical/models").status_code == 403
    page = ui_login("admin").page("/web/technical/models")
    with ui_db.transaction() as env:
        stages = env["ui_showcase.stage"].search_count([])
    row = next(row for row in page.all("tr") if "ui_showcase.stage" in row.text())
    assert row.text() == f"Stage ui_showcase.stage ui_showcase {stages}"
    assert "ui_showcase_extra" in page.texts("table")[0]


def test_the_user_chooses_their_language_and_persian_pages_read_right_to_left(fresh_login):
    client = fresh_login(["ui_showcase.group_user"])
    response = client.post("/web/preferences/language", {"lang": "fa", "next": "/web/ui_showcase.deal"})
    assert (response.status_code, response.headers["Location"]) == (303, "/web/ui_showcase.deal")
    html = client.page("/").one("html")
    assert (html.attrs["lang"], html.attrs["dir"]) == ("fa", "rtl")
    client.post("/web/preferences/language", {"lang": "tr"})
    assert client.page("/").one("html").attrs == {"lang": "tr", "dir": "ltr"}


@pytest.mark.parametrize("lang", ["xx", ""])
def test_only_shipped_languages_can_be_chosen(ui_login, lang):
    assert ui_login("user").post("/web/preferences/language", {"lang": lang}).status_code == 400


def test_pages_carry_no_inline_script_or_style_and_a_strict_policy(ui_login):
    client = ui_login("manager")
    for path in ("/", "/web/ui_showcase.deal?view=kanban", "/web/dashboard/ui_showcase.overview"):
        response = client.get(path)
        html = response.get_data(as_text=True)
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert " style=" not in html and "<style" not in html, path
        assert re.search(r'<meta name="csrf-token" content="[^"]+">', html)
