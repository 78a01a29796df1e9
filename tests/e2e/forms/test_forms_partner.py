"""Forms in a real browser: a company with a contact person, typed and saved; a refused value."""

import re

from playwright.sync_api import expect


def open_new_partner(page, live_server, login):
    login(page, live_server.admin_login, live_server.admin_password)
    page.goto("/web/base.partner/new?action=base.contacts")
    expect(page.get_by_role("button", name="Save")).to_be_visible()


def test_a_company_and_its_contact_person_are_created_through_the_form(page, live_server, login, screenshot):
    open_new_partner(page, live_server, login)
    page.get_by_label("Name", exact=True).fill("Anadolu Tekstil")
    page.get_by_label("Is a company").check()
    page.get_by_label("Email", exact=True).fill("info@anadolu.example")

    page.get_by_role("tab", name="Contacts").click()
    page.get_by_role("button", name="Add a line").click()
    row = page.locator("[data-line-rows] tr").last
    row.get_by_label("Name").fill("Ayşe Yılmaz")
    row.get_by_label("Job position").fill("Purchasing")
    row.get_by_label("Email").fill("ayse@anadolu.example")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/web/base\.partner/\d+\?action=base\.contacts$"))
    expect(page.locator(".breadcrumbs")).to_contain_text("Anadolu Tekstil")
    page.get_by_role("tab", name="Contacts").click()
    expect(page.locator("[data-line-rows] tr").first.get_by_label("Name")).to_have_value("Ayşe Yılmaz")
    expect(page.locator("#history")).to_contain_text("Created the record.")
    screenshot(page, "partner_form")
    with live_server.db.transaction() as env:
        company = env["base.partner"].search([("name", "=", "Anadolu Tekstil")])[0]
        assert [(c.name, c.email) for c in company.contacts] == [("Ayşe Yılmaz", "ayse@anadolu.example")]


def test_a_contact_picks_its_company_by_typing_part_of_its_name(page, live_server, login):
    with live_server.db.transaction() as env:
        env["base.partner"].create({"name": "Boğaziçi Lojistik", "is_company": True})
    open_new_partner(page, live_server, login)
    page.get_by_label("Name", exact=True).fill("Mehmet Kaya")
    company = page.locator("#f-parent")  # the "company" field is labelled Company too
    company.fill("Boğaziçi")
    page.get_by_role("option", name="Boğaziçi Lojistik").click()
    expect(company).to_have_value("Boğaziçi Lojistik")
    page.get_by_role("button", name="Save").click()

    expect(page).to_have_url(re.compile(r"/web/base\.partner/\d+"))
    with live_server.db.transaction() as env:
        person = env["base.partner"].search([("name", "=", "Mehmet Kaya")])[0]
        assert person.parent.name == "Boğaziçi Lojistik"


def test_a_refused_email_is_shown_next_to_the_field_and_nothing_is_lost(page, live_server, login, screenshot):
    open_new_partner(page, live_server, login)
    page.get_by_label("Name", exact=True).fill("Refused Partner")
    page.get_by_label("Email", exact=True).fill("not-an-email")
    page.get_by_role("button", name="Save").click()

    expect(page.locator("#e-email")).to_have_text("'not-an-email' is not an email address.")
    expect(page.get_by_role("alert")).to_contain_text("Some values need your attention.")
    expect(page.get_by_label("Name", exact=True)).to_have_value("Refused Partner")
    expect(page.get_by_label("Email", exact=True)).to_have_value("not-an-email")
    screenshot(page, "validation_error")
    with live_server.db.transaction() as env:
        assert env["base.partner"].search_count([("name", "=", "Refused Partner")]) == 0


def test_groups_sit_side_by_side_on_a_wide_screen_and_stack_on_a_phone(page, live_server, login, screenshot):
    open_new_partner(page, live_server, login)
    groups = page.locator(".form-group")
    first, second = groups.nth(0).bounding_box(), groups.nth(1).bounding_box()
    assert second["x"] > first["x"] + first["width"] / 2  # two columns
    page.set_viewport_size({"width": 375, "height": 800})
    first, second = groups.nth(0).bounding_box(), groups.nth(1).bounding_box()
    assert abs(second["x"] - first["x"]) < 1 and second["y"] > first["y"]  # one column
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(page, "partner_form_phone")
