"""accounting's screens over HTTP: entries posted and reversed from their form, items grouped by account,
lock dates and year closing offered to advisers only."""

import datetime as dt

import pytest
from ui_client import UIClient

from addons.accounting.charts import load_chart
from core.testing import cheap_hashing
from core.testing import make_user
from core.web import create_app

PASSWORD = "accounting-screens-password"


@pytest.fixture(scope="module", autouse=True)
def fast_hashing():
    with cheap_hashing():
        yield


@pytest.fixture(scope="module")
def screens_db(tessera_databases):
    with tessera_databases.installed("accounting_screens", ["accounting"]) as db:
        with db.transaction() as env:
            load_chart(env, env.ref("base.main_company"), "tr_tdhp")
            make_user(env, "screens_bookkeeper", groups=["accounting.group_user"], password=PASSWORD)
            make_user(env, "screens_adviser", groups=["accounting.group_adviser"], password=PASSWORD)
        yield db


@pytest.fixture(scope="module")
def app(screens_db):
    return create_app(screens_db, secret_key="s" * 40)


@pytest.fixture(scope="module")
def bookkeeper(app):
    return UIClient(app, "screens_bookkeeper", PASSWORD)


@pytest.fixture(scope="module")
def adviser(app):
    return UIClient(app, "screens_adviser", PASSWORD)


@pytest.fixture
def draft(screens_db):
    """A committed draft entry of rent paid by bank; ``amounts`` (debit, credit) may unbalance it."""

    def make(debit="1500", credit="1500", day=dt.date(2026, 4, 30)):
        with screens_db.transaction() as env:
            accounts = {
                a.code: a.id for a in env["accounting.account"].search([("code", "in", ["770", "102"])])
            }
            journal = env["accounting.journal"].search([("code", "=", "BNK")])[0]
            move = env["accounting.move"].create(
                {
                    "journal": journal.id,
                    "date": day,
                    "ref": "Nisan kirası",
                    "lines": [
                        {"account": accounts["770"], "debit": debit, "name": "Ofis kirası"},
                        {"account": accounts["102"], "credit": credit},
                    ],
                }
            )
            return move.id

    return make


def state_of(db, move_id):
    with db.transaction() as env:
        move = env["accounting.move"].get(move_id)
        return move.state, move.name


def test_a_bookkeeper_posts_a_draft_from_its_form(bookkeeper, draft, screens_db):
    move_id = draft()
    form = bookkeeper.page(f"/web/accounting.move/{move_id}", action="accounting.moves")
    assert "call/action_post" in form.html and "Ofis kirası" in form.html
    response = bookkeeper.post(f"/web/accounting.move/{move_id}/call/action_post", {})
    assert response.status_code == 303
    state, name = state_of(screens_db, move_id)
    assert state == "posted" and name.startswith("BNK/2026/")
    posted = bookkeeper.page(f"/web/accounting.move/{move_id}")
    assert "call/action_post" not in posted.html and "call/reverse" in posted.html


def test_an_unbalanced_draft_is_refused_with_the_reason(bookkeeper, draft, screens_db):
    move_id = draft(debit="1500", credit="1400")
    response = bookkeeper.post(f"/web/accounting.move/{move_id}/call/action_post", {})
    assert response.status_code == 400
    assert "Debits 1500.00, credits 1400.00: they must be equal." in response.get_data(as_text=True)
    assert state_of(screens_db, move_id) == ("draft", None)


def test_a_posted_entry_is_reversed_on_the_date_asked(bookkeeper, draft, screens_db):
    move_id = draft()
    bookkeeper.post(f"/web/accounting.move/{move_id}/call/action_post", {})
    response = bookkeeper.post(
        f"/web/accounting.move/{move_id}/call/reverse", {"reverse": "1", "reverse.date": "2026-05-02"}
    )
    assert response.status_code == 303
    with screens_db.transaction() as env:
        [reversal] = env["accounting.move"].get(move_id).reversals
        assert (reversal.state, reversal.date) == ("posted", dt.date(2026, 5, 2))
        assert response.headers["Location"].endswith(f"/web/accounting.move/{reversal.id}")


def test_the_journal_items_list_groups_and_sums_by_account(bookkeeper, draft):
    move_id = draft(debit="250", credit="250", day=dt.date(2026, 6, 1))
    bookkeeper.post(f"/web/accounting.move/{move_id}/call/action_post", {})
    listing = bookkeeper.page("/web/accounting.move_line", action="accounting.move_lines", groupby="account")
    groups = {label: sums for label, _count, sums in listing.groups()}
    assert "770 Genel Yönetim Giderleri" in groups and "102 Bankalar" in groups


def test_lock_dates_and_closing_are_offered_to_advisers_only(bookkeeper, adviser, screens_db):
    with screens_db.transaction() as env:
        company = env.ref("base.main_company").id
        year = (
            env["accounting.fiscal_year"]
            .create({"name": "2025", "date_from": dt.date(2025, 1, 1), "date_to": dt.date(2025, 12, 31)})
            .id
        )
    assert "call/set_lock_dates" in adviser.page(f"/web/accounting.fiscal_year/{year}").html
    assert "call/set_lock_dates" not in bookkeeper.page(f"/web/accounting.fiscal_year/{year}").html
    assert "call/action_close" not in bookkeeper.page(f"/web/accounting.fiscal_year/{year}").html
    response = adviser.post(
        f"/web/accounting.fiscal_year/{year}/call/set_lock_dates",
        {
            "set_lock_dates": "1",
            "set_lock_dates.period_lock_date": "2025-06-30",
            "set_lock_dates.hard_lock_date": "",
        },
    )
    assert response.status_code == 303
    assert adviser.post(f"/web/accounting.fiscal_year/{year}/call/action_close", {}).status_code == 303
    with screens_db.transaction() as env:
        company = env.ref("base.main_company")
        assert (company.period_lock_date, company.hard_lock_date) == (
            dt.date(2025, 6, 30),
            dt.date(2025, 12, 31),
        )
        assert env["accounting.fiscal_year"].get(year).state == "closed"


def test_the_menus_lead_to_entries_items_reports_and_configuration(bookkeeper):
    home = bookkeeper.page("/web/accounting.move", action="accounting.moves")
    links = {link.text(): link.attrs.get("href") for link in home.all(".subnav a")}
    assert links["Journal entries"] == "/web/accounting.move?action=accounting.moves"
    assert links["Trial balance"] == "/accounting/reports/trial_balance"
    assert links["Chart of accounts"] == "/web/accounting.account?action=accounting.accounts"
