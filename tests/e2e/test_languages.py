"""Switching language in a real browser: Persian pages read right to left, in Persian, with Persian digits."""

import re

from playwright.sync_api import expect


def test_a_user_switches_to_persian_and_the_page_turns_right_to_left(page, live_server, login, screenshot):
    login(page, live_server.admin_login, live_server.admin_password)
    page.goto("/web/base.partner")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    page.get_by_role("banner").get_by_text("Administrator").click()  # the user menu
    page.get_by_role("button", name="فارسی").click()

    expect(page).to_have_url(re.compile(r"/web/base\.partner$"))
    expect(page.locator("html")).to_have_attribute("lang", "fa")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("link", name="مخاطبان").first).to_be_visible()  # "Contacts"
    header = page.locator("header.topbar").bounding_box()
    brand = page.get_by_role("link", name="Tessera").bounding_box()
    assert brand["x"] > header["x"] + header["width"] / 2, "the brand sits on the right, right to left"
    screenshot(page, "persian_contacts")

    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")  # kept: it is the user's preference
