"""Logging in and out in a real browser: the home page, a wrong password, the way back to /login."""

import re

from playwright.sync_api import expect

PASSWORD = "ayse-password"


def test_a_user_logs_in_and_sees_their_name_on_the_home_page(page, live_server, login, screenshot):
    live_server.make_user("ayse_demir", PASSWORD)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login\?next=%2F$"))
    screenshot(page, "login")

    login(page, "ayse_demir", PASSWORD)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("banner")).to_contain_text("Ayse Demir")
    expect(page.get_by_role("heading", name="Apps")).to_be_visible()
    expect(page.get_by_role("link", name="Contacts", exact=True)).to_be_visible()
    screenshot(page, "home")


def test_a_wrong_password_shows_the_error_and_stays_logged_out(page, live_server, login):
    login(page, live_server.admin_login, "not-the-password")

    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("alert")).to_have_text("Wrong login or password.")
    expect(page.get_by_label("Login", exact=True)).to_have_value(live_server.admin_login)
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login\?next=%2F$"))


def test_logging_out_returns_to_the_login_page_and_protects_pages_again(page, live_server, login):
    login(page, live_server.admin_login, live_server.admin_password)
    expect(page.get_by_role("banner")).to_contain_text("Administrator")

    page.get_by_role("banner").get_by_text("Administrator").click()  # the user menu
    page.get_by_role("button", name="Log out").click()

    expect(page).to_have_url(f"{live_server.url}/login")
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login\?next=%2F$"))
