"""The bank pages over HTTP: uploading a CSV file (with its CSRF token), the refusal of a bad row, the
reconciliation page with its suggestions, accepting and booking; the follow-up letter in the partner's
language; employees without accounting rights get nothing."""

import datetime as dt
import io
import re

import pytest
from werkzeug.test import Client

from addons.accounting.bank_import import import_csv
from addons.accounting.charts import load_chart
from addons.accounting.followups import create_followups
from core.testing import cheap_hashing
from core.testing import make_user
from core.testing.queries import count_queries
from core.web import create_app

HTML = {"Accept": "text/html"}
PASSWORD = "accounting-bank-password"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def bank_db(tessera_databases):
    with tessera_databases.installed("accounting_bank", ["accounting"]) as db:
        yield db


@pytest.fixture(scope="module")
def books(bank_db):
    """An open invoice of 1,200.00 to a Turkish-speaking customer, a bookkeeper and an employee."""
    with cheap_hashing(), bank_db.transaction() as env:
        company = env.ref("base.main_company")
        load_chart(env, company, "tr_tdhp")
        make_user(env, "bank_bookkeeper", groups=["accounting.group_user"], password=PASSWORD)
        make_user(env, "bank_employee", groups=["base.group_user"], password=PASSWORD)
        customer = env["base.partner"].create({"name": "Anadolu Makine A.Ş.", "lang": "tr"})
        invoice = env["accounting.invoice"].create(
            {
                "partner": customer.id,
                "date": dt.date(2026, 1, 15),
                "lines": [{"description": "Bakım", "price_unit": "1200", "quantity": "1"}],
            }
        )
        invoice.action_post()
        [followup] = create_followups(env, dt.date(2026, 2, 20))
        bank = env["accounting.journal"].search([("code", "=", "BNK")])[0]
        fee = env["accounting.account"].search([("code", "=", "780")])[0]
        return {
            "invoice": invoice.id,
            "number": invoice.name,
            "bank": bank.id,
            "fee": fee.id,
            "followup": followup.id,
        }


def login(db, user):
    with cheap_hashing():
        client = Client(create_app(db, secret_key="b" * 32))
        token = TOKEN.search(client.get("/login", headers=HTML).get_data(as_text=True)).group(1)
        response = client.post("/login", data={"login": user, "password": PASSWORD, "csrf_token": token})
        assert response.status_code == 303
    return client


@pytest.fixture(scope="module")
def bookkeeper(bank_db, books):
    return login(bank_db, "bank_bookkeeper")


def upload(client, books, text, name="statement.csv"):
    form = client.get("/accounting/bank_statements/import", headers=HTML).get_data(as_text=True)
    token = TOKEN.search(form).group(1)
    data = {"csrf_token": token, "journal": str(books["bank"]), "file": (io.BytesIO(text.encode()), name)}
    return client.post("/accounting/bank_statements/import", data=data, headers=HTML)


def test_a_file_with_a_bad_row_is_refused_naming_it_and_imports_nothing(bookkeeper, books, bank_db):
    response = upload(bookkeeper, books, "Tarih;Tutar;Açıklama\n01.02.2026;1.200,00;x\n02.02.2026;bin;y\n")
    assert response.status_code == 400
    assert "Row 3, column Tutar" in response.get_data(as_text=True)
    with bank_db.transaction() as env:
        assert env["accounting.bank_statement"].search_count([]) == 0


def test_upload_suggest_accept_and_book(bookkeeper, books, bank_db):
    text = (
        "Tarih;Açıklama;Karşı Taraf;Tutar\n"
        f"01.02.2026;Havale {books['number']};Anadolu Makine;1.200,00\n"
        "02.02.2026;EFT masrafı;;-7,50\n"
    )
    response = upload(bookkeeper, books, text)
    assert response.status_code == 303
    page_url = response.headers["Location"]
    page = bookkeeper.get(page_url, headers=HTML).get_data(as_text=True)
    assert books["number"] in page and "Its number is in the transaction" in page
    token = TOKEN.search(page).group(1)
    lines = re.findall(r"/accounting/bank_statement_lines/(\d+)/accept", page)
    accepted = bookkeeper.post(
        f"/accounting/bank_statement_lines/{lines[0]}/accept",
        data={"csrf_token": token, "invoice": str(books["invoice"])},
    )
    assert accepted.status_code == 303
    fee_line = re.findall(r"/accounting/bank_statement_lines/(\d+)/book", page)[-1]
    forged = bookkeeper.post(
        f"/accounting/bank_statement_lines/{fee_line}/book", data={"account": books["fee"]}
    )
    assert forged.status_code == 403
    booked = bookkeeper.post(
        f"/accounting/bank_statement_lines/{fee_line}/book",
        data={"csrf_token": token, "account": books["fee"]},
    )
    assert booked.status_code == 303
    with bank_db.transaction() as env:
        assert env["accounting.invoice"].get(books["invoice"]).payment_state == "paid"
        [statement] = env["accounting.bank_statement"].search([])
        assert statement.state == "done"
    again = upload(bookkeeper, books, text)
    assert again.status_code == 200 and "imported before" in again.get_data(as_text=True)
    more = upload(bookkeeper, books, text + "03.02.2026;Faiz;;1,10\n")
    assert more.status_code == 303 and more.headers["Location"].endswith("?skipped=2")
    shown = bookkeeper.get(more.headers["Location"], headers=HTML).get_data(as_text=True)
    assert "2 transactions of the file were imported before and skipped." in shown


def test_the_follow_up_letter_is_in_the_partners_language(bookkeeper, books):
    page = bookkeeper.get(f"/accounting/followup/{books['followup']}/print", headers=HTML).get_data(
        as_text=True
    )
    assert 'lang="tr"' in page and "Anadolu Makine A.Ş." in page and books["number"] in page
    assert "Sayın Anadolu Makine A.Ş." in page


def test_employees_without_accounting_rights_get_no_bank_page(bank_db, books):
    employee = login(bank_db, "bank_employee")
    assert employee.get("/accounting/bank_statements/import", headers=HTML).status_code == 403
    assert employee.get(f"/accounting/followup/{books['followup']}/print", headers=HTML).status_code == 404


def test_the_generated_screens_list_statements_transactions_and_follow_ups(bookkeeper, books):
    for model in ("accounting.bank_statement", "accounting.bank_statement_line", "accounting.followup"):
        assert bookkeeper.get(f"/web/{model}", headers=HTML).status_code == 200, model
    form = bookkeeper.get(f"/web/accounting.followup/{books['followup']}", headers=HTML)
    assert form.status_code == 200 and "Mark as sent" in form.get_data(as_text=True)


def test_the_reconciliation_page_takes_the_same_queries_for_2_or_8_matched_lines(bookkeeper, books, bank_db):
    def counted(count):
        with bank_db.transaction() as env:
            journal = env["accounting.journal"].get(books["bank"])
            rows = "".join(f"2026-03-{day + 1:02d},Fee {count} {day},-{day + 1}.00\n" for day in range(count))
            statement = import_csv(env, journal, "Date,Label,Amount\n" + rows).statement
            for line in statement.lines:
                line.action_book(books["fee"])
            statement_id = statement.id
        with count_queries(bank_db.engine) as counter:
            page = bookkeeper.get(f"/accounting/bank_statements/{statement_id}/reconcile", headers=HTML)
        assert page.status_code == 200 and page.get_data(as_text=True).count("/web/accounting.move/") == count
        return counter.count

    assert counted(2) == counted(8)
