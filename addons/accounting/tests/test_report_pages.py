"""The reports over HTTP: pages with their figures and drill-down links, exports, menus and refusals."""

import csv
import datetime as dt
import io
import re
import zipfile

import pytest
from werkzeug.test import Client

from addons.accounting import report_pages
from addons.accounting.charts import load_chart
from core.testing import cheap_hashing
from core.testing import make_user
from core.web import create_app

HTML = {"Accept": "text/html"}
PASSWORD = "accounting-reports-password"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
QUARTER = "date_from=2026-01-01&date_to=2026-03-31"


@pytest.fixture(scope="module")
def reports_db(tessera_databases):
    with tessera_databases.installed("accounting_reports", ["accounting"]) as db:
        yield db


@pytest.fixture(scope="module")
def books(reports_db):
    """Two posted entries and a draft in the main company; a bookkeeper and an employee who may log in."""
    with cheap_hashing(), reports_db.transaction() as env:
        company = env.ref("base.main_company")
        load_chart(env, company, "tr_tdhp")
        make_user(env, "reports_bookkeeper", groups=["accounting.group_user"], password=PASSWORD)
        make_user(env, "reports_employee", groups=["base.group_user"], password=PASSWORD)
        accounts = {a.code: a.id for a in env["accounting.account"].search([])}
        journal = env["accounting.journal"].search([("code", "=", "MAH")])[0].id

        def entry(day, debit_code, credit_code, amount, post=True):
            move = env["accounting.move"].create(
                {
                    "journal": journal,
                    "date": day,
                    "lines": [
                        {"account": accounts[debit_code], "debit": amount, "name": "=SUM(A1)"},
                        {"account": accounts[credit_code], "credit": amount},
                    ],
                }
            )
            return move.action_post() if post else move

        first = entry(dt.date(2026, 1, 5), "102", "500", "25000")
        entry(dt.date(2026, 2, 14), "770", "102", "1234.5")
        entry(dt.date(2026, 3, 1), "770", "100", "99", post=False)
        return {"company": company.id, "bank": accounts["102"], "entry": first.id}


def login(db, user):
    with cheap_hashing():
        client = Client(create_app(db, secret_key="r" * 32))
        token = TOKEN.search(client.get("/login", headers=HTML).get_data(as_text=True)).group(1)
        response = client.post("/login", data={"login": user, "password": PASSWORD, "csrf_token": token})
        assert response.status_code == 303
    return client


@pytest.fixture(scope="module")
def bookkeeper(reports_db, books):
    return login(reports_db, "reports_bookkeeper")


def page(client, url):
    response = client.get(url, headers=HTML)
    assert response.status_code == 200, (url, response.get_data(as_text=True)[:500])
    return response.get_data(as_text=True)


def test_the_trial_balance_page_shows_each_account_and_drills_down_to_its_ledger(bookkeeper, books):
    html = page(bookkeeper, f"/accounting/reports/trial_balance?{QUARTER}")
    assert "102 Bankalar" not in html and "Bankalar" in html and "23,765.50" in html and "1,234.50" in html
    drill = (
        f"/accounting/reports/general_ledger?company={books['company']}"
        f"&amp;date_from=2026-01-01&amp;date_to=2026-03-31&amp;account={books['bank']}"
    )
    assert drill in html
    ledger = page(bookkeeper, drill.replace("&amp;", "&"))
    assert "MAH/2026/00001" in ledger and "25,000.00" in ledger and "23,765.50" in ledger
    assert f'href="/web/accounting.move/{books["entry"]}"' in ledger


def test_drafts_are_left_out_unless_asked_for(bookkeeper):
    assert "99.00" not in page(bookkeeper, f"/accounting/reports/profit_loss?{QUARTER}")
    with_drafts = page(bookkeeper, f"/accounting/reports/profit_loss?{QUARTER}&drafts=1")
    assert "1,333.50" in with_drafts


def test_the_balance_sheet_page_shows_the_result_of_the_year(bookkeeper):
    html = page(bookkeeper, "/accounting/reports/balance_sheet?date_to=2026-03-31")
    assert "Result of the current year" in html and "-1,234.50" in html and "Total assets" in html


def test_the_reports_export_as_csv_and_xlsx(bookkeeper, books):
    response = bookkeeper.get(f"/accounting/reports/trial_balance/export.csv?{QUARTER}")
    assert response.status_code == 200 and response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0] == ["Code", "Account", "Opening balance", "Debit", "Credit", "Closing balance"]
    assert ["102", "Bankalar", "0.00", "25000.00", "1234.50", "23765.50"] in rows
    assert rows[-1] == ["", "Total", "0.00", "26234.50", "26234.50", "0.00"]
    ledger = bookkeeper.get(f"/accounting/reports/general_ledger/export.csv?{QUARTER}")
    labels = [row[3] for row in csv.reader(io.StringIO(ledger.get_data().decode("utf-8-sig")))]
    assert "'=SUM(A1)" in labels and "=SUM(A1)" not in labels
    workbook = bookkeeper.get("/accounting/reports/balance_sheet/export.xlsx?date_to=2026-03-31")
    assert workbook.headers["Content-Disposition"] == 'attachment; filename="balance_sheet.xlsx"'
    assert "xl/worksheets/sheet1.xml" in zipfile.ZipFile(io.BytesIO(workbook.get_data())).namelist()


def test_integrations_read_a_report_as_json_with_an_api_key(reports_db, books):
    with reports_db.transaction() as env:
        uid = env["base.user"].search([("login", "=", "reports_bookkeeper")])[0].id
    with reports_db.transaction(user_id=uid) as env:
        key = env.registry["base.api_key"].generate(env, "BI tool")
    client = Client(create_app(reports_db, secret_key="r" * 32))
    response = client.get(
        f"/accounting/reports/trial_balance/export.json?{QUARTER}",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 200 and response.mimetype == "application/json"
    table = response.get_json()
    assert table["report"] == "trial_balance" and table["date_from"] == "2026-01-01"
    assert [column["label"] for column in table["columns"]][:2] == ["Code", "Account"]
    bank = next(row for row in table["rows"] if row["cells"][0] == "102")
    assert bank["cells"][2:] == ["0.00", "25000.00", "1234.50", "23765.50"]
    assert bank["link"].startswith("/accounting/reports/general_ledger?")
    assert table["rows"][-1]["kind"] == "total" and table["rows"][-1]["cells"][-1] == "0.00"
    assert client.get("/accounting/reports/trial_balance/export.json").status_code == 401


def test_the_reports_menu_leads_to_the_pages(bookkeeper):
    html = page(bookkeeper, "/accounting/reports/general_ledger")
    assert 'href="/accounting/reports/trial_balance"' in html
    assert re.search(r'<a href="/accounting/reports/general_ledger"[^>]*aria-current="page"', html)


def test_wrong_parameters_are_refused_by_name(bookkeeper, books):
    assert bookkeeper.get("/accounting/reports/budget", headers=HTML).status_code == 404
    bad_date = bookkeeper.get("/accounting/reports/trial_balance?date_to=31.03.2026", headers=HTML)
    assert bad_date.status_code == 400 and "date_to" in bad_date.get_data(as_text=True)
    assert bookkeeper.get("/accounting/reports/trial_balance?journal=x", headers=HTML).status_code == 400
    assert (
        bookkeeper.get(f"/accounting/reports/trial_balance?company={books['company'] + 99}").status_code
        == 404
    )
    assert bookkeeper.get("/accounting/reports/trial_balance/export.pdf").status_code == 404


def test_employees_without_accounting_rights_get_no_report(reports_db, books):
    employee = login(reports_db, "reports_employee")
    assert employee.get("/accounting/reports/trial_balance", headers=HTML).status_code == 403
    assert employee.get("/accounting/reports/trial_balance/export.csv").status_code == 403
    assert "/accounting/reports/" not in page(employee, "/")


def test_a_ledger_too_large_to_export_asks_for_narrower_filters(bookkeeper, monkeypatch):
    monkeypatch.setattr(report_pages, "MAX_ROWS", 3)
    response = bookkeeper.get(f"/accounting/reports/general_ledger/export.csv?{QUARTER}", headers=HTML)
    assert response.status_code == 400
    refusal = "The ledger has 4 items: narrow the dates or accounts to export it."
    assert refusal in response.get_data(as_text=True)


def test_the_cash_flow_page_explains_the_bank_balance_and_exports(bookkeeper):
    html = page(bookkeeper, f"/accounting/reports/cash_flow?{QUARTER}")
    assert "Capital and distributions" in html and "25,000.00" in html and "-1,234.50" in html
    assert "Cash at the end of the period" in html and "23,765.50" in html
    response = bookkeeper.get(f"/accounting/reports/cash_flow/export.csv?{QUARTER}")
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0] == ["Line", "Amount"]
    assert ["Expenses paid", "-1234.50"] in rows and rows[-1] == ["Cash at the end of the period", "23765.50"]
