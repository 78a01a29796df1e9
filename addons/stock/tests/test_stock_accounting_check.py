"""Stock against the books: the value on hand per stock account next to its balance, and the page."""

import datetime as dt
import decimal
import re

import pytest
from werkzeug.test import Client

from addons.accounting.charts import load_chart
from addons.stock.accounting.check import stock_against_ledger
from core.testing import cheap_hashing
from core.testing import make_user
from core.web import create_app

D = decimal.Decimal
HTML = {"Accept": "text/html"}
PASSWORD = "stock-check-password"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def figures(rows):
    return [(row.code, row.stock_value, row.balance, row.difference) for row in rows]


@pytest.mark.addons("stock", "accounting")
def test_the_stock_matches_the_books_until_someone_books_on_the_stock_account_by_hand(
    env, receive, make_picking, chair, desk
):
    company = env.ref("base.main_company")
    load_chart(env, company, "tr_tdhp")
    accounts = {a.code: a for a in env["accounting.account"].search([("company", "=", company.id)])}
    desk.category = env["product.category"].create(
        {"name": "Office", "stock_valuation_account": accounts["157"].id}
    )
    receive((chair, 10, "30.00"), (desk, 2, "150.00"))
    make_picking("outgoing", (chair, 4)).action_validate()
    assert figures(stock_against_ledger(env, company.id)) == [
        ("153", D("180.00"), D("180.00"), 0),
        ("157", D("300.00"), D("300.00"), 0),
    ]
    journal = env["accounting.journal"].search([("code", "=", "MAH")])[0]
    lines = [
        {"account": accounts["153"].id, "debit": D("25.00")},
        {"account": accounts["770"].id, "credit": D("25.00")},
    ]
    env["accounting.move"].create(
        {"journal": journal.id, "date": dt.date.today(), "lines": lines}
    ).action_post()
    assert figures(stock_against_ledger(env, company.id))[0] == ("153", D("180.00"), D("205.00"), D("25.00"))


@pytest.mark.addons("stock", "accounting")
def test_fifo_goods_are_worth_what_their_open_layers_have_left(env, receive, make_picking, chair):
    company = env.ref("base.main_company")
    load_chart(env, company, "tr_tdhp")
    chair.category = env["product.category"].create({"name": "FIFO", "cost_method": "fifo"})
    receive((chair, 1, "10.00"), (chair, 2, "10.01"))
    # The three chairs are worth 30.02; their cost shown, 30.02 / 3 rounded, would say 3 × 10.01 = 30.03.
    assert chair.cost == D("10.01")
    assert figures(stock_against_ledger(env, company.id)) == [("153", D("30.02"), D("30.02"), 0)]


@pytest.mark.addons("stock", "accounting")
def test_goods_received_while_the_company_kept_no_stock_journal_show_as_a_difference(env, receive, chair):
    company = env.ref("base.main_company")
    load_chart(env, company, "tr_tdhp")
    journal, company.stock_journal = company.stock_journal, None
    receive((chair, 10, "30.00"))
    company.stock_journal = journal
    receive((chair, 10, "30.00"))
    assert figures(stock_against_ledger(env, company.id)) == [("153", D("600.00"), D("300.00"), D("-300.00"))]


@pytest.fixture(scope="module")
def check_db(tessera_databases):
    with tessera_databases.installed("stock_check", ["stock", "accounting"]) as db:
        with cheap_hashing(), db.transaction() as env:
            load_chart(env, env.ref("base.main_company"), "tr_tdhp")
            make_user(env, "check_bookkeeper", groups=["accounting.group_user"], password=PASSWORD)
            make_user(env, "check_storekeeper", groups=["stock.group_user"], password=PASSWORD)
            chair = env["product.product"].create({"name": "Chair", "type": "storable"})
            warehouse = env.ref("stock.warehouse_main")
            moves = [{"product": chair.id, "quantity": "10", "price_unit": "30.00"}]
            receipt = env["stock.picking"].create(
                {"kind": "incoming", "warehouse": warehouse.id, "moves": moves}
            )
            receipt.action_confirm().action_validate()
        yield db


def login(db, user):
    with cheap_hashing():
        client = Client(create_app(db, secret_key="s" * 32))
        token = TOKEN.search(client.get("/login", headers=HTML).get_data(as_text=True)).group(1)
        response = client.post("/login", data={"login": user, "password": PASSWORD, "csrf_token": token})
        assert response.status_code == 303
    return client


def test_a_bookkeeper_reads_the_check_page_from_the_reports_menu(check_db):
    client = login(check_db, "check_bookkeeper")
    response = client.get("/stock/valuation/check", headers=HTML)
    html = response.get_data(as_text=True)
    assert response.status_code == 200, html[:500]
    assert "153 Ticari Mallar" in html and html.count("300.00") >= 2
    [app] = [node for node in check_db.registry.ui.menus if node.menu.name == "accounting"]
    [reports] = [node for node in app.children if node.menu.name == "accounting.reports"]
    assert reports.children[-1].menu.url == "/stock/valuation/check"


def test_a_storekeeper_without_accounting_rights_is_refused(check_db):
    client = login(check_db, "check_storekeeper")
    assert client.get("/stock/valuation/check", headers=HTML).status_code == 403
