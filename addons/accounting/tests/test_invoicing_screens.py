"""Invoicing over HTTP: an invoice posted, paid and credited from its form, the printed invoice,
the aged balances and the tax report as pages and files, partners' balances on their form."""

import csv
import datetime as dt
import io

import pytest
from form_client import FormClient
from ui_client import UIClient

from addons.accounting.charts import load_chart
from core.testing import cheap_hashing
from core.testing import make_user
from core.web import create_app

PASSWORD = "accounting-invoicing-password"


@pytest.fixture(scope="module", autouse=True)
def fast_hashing():
    with cheap_hashing():
        yield


@pytest.fixture(scope="module")
def invoicing_db(tessera_databases):
    with tessera_databases.installed("accounting_invoicing", ["accounting"]) as db:
        with db.transaction() as env:
            load_chart(env, env.ref("base.main_company"), "tr_tdhp")
            make_user(env, "invoicing_bookkeeper", groups=["accounting.group_user"], password=PASSWORD)
            make_user(env, "invoicing_employee", groups=["base.group_user"], password=PASSWORD)
            env["base.partner"].create({"name": "Anadolu Makine A.Ş.", "is_company": True})
            env["commerce.tax"].create({"name": "KDV %20", "amount": "20"})
        yield db


@pytest.fixture(scope="module")
def app(invoicing_db):
    return create_app(invoicing_db, secret_key="i" * 40)


@pytest.fixture(scope="module")
def bookkeeper(app):
    return UIClient(app, "invoicing_bookkeeper", PASSWORD)


@pytest.fixture(scope="module")
def employee(app):
    return UIClient(app, "invoicing_employee", PASSWORD)


@pytest.fixture
def invoice(invoicing_db):
    """A committed draft customer invoice of 2 × 500 + KDV %20, 30% now and 70% in 60 days."""

    def make(day=dt.date(2026, 1, 15)):
        with invoicing_db.transaction() as env:
            partner = env["base.partner"].search([("name", "=", "Anadolu Makine A.Ş.")])[0]
            tax = env["commerce.tax"].search([("name", "=", "KDV %20")])[0]
            record = env["accounting.invoice"].create(
                {
                    "partner": partner.id,
                    "date": day,
                    "payment_term": env.ref("commerce.payment_term_30_now_70_60").id,
                    "lines": [
                        {"description": "CNC bakımı", "quantity": 2, "price_unit": "500", "taxes": [tax.id]}
                    ],
                }
            )
            return record.id

    return make


def read(db, model, record_id, *names):
    with db.transaction() as env:
        record = env[model].get(record_id)
        return tuple(getattr(record, name) for name in names)


def test_an_invoice_is_posted_paid_and_listed_as_paid(bookkeeper, invoice, invoicing_db):
    invoice_id = invoice()
    form = bookkeeper.page(f"/web/accounting.invoice/{invoice_id}", action="accounting.customer_invoices")
    assert "call/action_post" in form.html and "call/action_register_payment" not in form.html
    assert bookkeeper.post(f"/web/accounting.invoice/{invoice_id}/call/action_post", {}).status_code == 303
    name, state = read(invoicing_db, "accounting.invoice", invoice_id, "name", "state")
    assert state == "posted" and name.startswith("SAT/2026/")
    response = bookkeeper.post(f"/web/accounting.invoice/{invoice_id}/call/action_register_payment", {})
    assert response.status_code == 303 and "/web/accounting.payment/" in response.headers["Location"]
    payment_id = int(response.headers["Location"].rsplit("/", 1)[1].split("?")[0])
    assert read(invoicing_db, "accounting.payment", payment_id, "state", "amount") == ("draft", 1200)
    assert bookkeeper.post(f"/web/accounting.payment/{payment_id}/call/action_post", {}).status_code == 303
    assert read(invoicing_db, "accounting.invoice", invoice_id, "payment_state") == ("paid",)
    listing = bookkeeper.page("/web/accounting.invoice", action="accounting.customer_invoices")
    assert any(row.get("Number") == name and row.get("Payment") == "Paid" for row in listing.rows())


def test_a_credit_note_of_all_of_it_settles_the_invoice(bookkeeper, invoice, invoicing_db):
    invoice_id = invoice()
    bookkeeper.post(f"/web/accounting.invoice/{invoice_id}/call/action_post", {})
    response = bookkeeper.post(
        f"/web/accounting.invoice/{invoice_id}/call/action_credit_note",
        {
            "action_credit_note": "1",
            "action_credit_note.date": "2026-01-20",
            "action_credit_note.whole": "on",
        },
    )
    assert response.status_code == 303
    assert read(invoicing_db, "accounting.invoice", invoice_id, "payment_state") == ("reversed",)


def test_the_printed_invoice_shows_lines_taxes_and_installments(bookkeeper, employee, invoice):
    invoice_id = invoice()
    bookkeeper.post(f"/web/accounting.invoice/{invoice_id}/call/action_post", {})
    html = bookkeeper.get(f"/accounting/invoice/{invoice_id}/print").get_data(as_text=True)
    assert "Invoice SAT/2026/" in html and "CNC bakımı" in html and "KDV %20" in html
    assert "1,200.00" in html and "360.00" in html and "840.00" in html  # 30% now, 70% in 60 days
    assert employee.get(f"/accounting/invoice/{invoice_id}/print").status_code == 404


def test_the_aged_receivable_and_tax_report_pages_drill_down_and_export(bookkeeper, invoice):
    invoice_id = invoice(day=dt.date(2026, 2, 2))
    bookkeeper.post(f"/web/accounting.invoice/{invoice_id}/call/action_post", {})
    html = bookkeeper.page("/accounting/reports/aged_receivable", date_to="2026-02-28").html
    assert "Anadolu Makine A.Ş." in html and "Not due" in html and "Over 90" in html
    assert "/accounting/reports/general_ledger?" in html and "partner=" in html
    rows = list(
        csv.reader(
            io.StringIO(
                bookkeeper.get("/accounting/reports/aged_receivable/export.csv?date_to=2026-02-28")
                .get_data()
                .decode("utf-8-sig")
            )
        )
    )
    assert rows[0] == ["Partner", "Not due", "1–30", "31–60", "61–90", "Over 90", "Total"]
    taxes = bookkeeper.page(
        "/accounting/reports/tax_report", date_from="2026-02-01", date_to="2026-02-28"
    ).html
    assert "KDV %20" in taxes and "1,000.00" in taxes and "200.00" in taxes


def test_partners_show_what_they_owe_to_accounting_users_only(bookkeeper, employee, invoicing_db):
    with invoicing_db.transaction() as env:
        partner = env["base.partner"].search([("name", "=", "Anadolu Makine A.Ş.")])[0].id
    assert "Owes us" in bookkeeper.page(f"/web/base.partner/{partner}").html
    assert "Owes us" not in employee.page(f"/web/base.partner/{partner}").html


def test_other_employees_see_no_invoice(employee):
    assert employee.get("/web/accounting.invoice?action=accounting.customer_invoices").status_code == 403


def test_a_bill_typed_in_the_bills_form_is_a_vendor_bill_in_the_purchase_journal(app, invoicing_db):
    client = FormClient(app, "invoicing_bookkeeper", PASSWORD)
    with invoicing_db.transaction() as env:
        vendor = env["base.partner"].create({"name": "Ege Döküm Ltd."}).id
    data = client.get("/web/accounting.invoice/new?action=accounting.vendor_bills").form()
    assert data["kind"] == "in_invoice"
    data["partner"] = str(vendor)
    data["partner__shown"] = data["partner__label"] = "Ege Döküm Ltd."
    data["date"] = "2026-02-03"
    data["ref"] = "EGE-118"
    data["lines.0.id"] = ""
    data["lines.0.description"] = "Döküm parçası"
    data["lines.0.quantity"] = "4"
    data["lines.0.price_unit"] = "125"
    response = client.post("/web/accounting.invoice/new?action=accounting.vendor_bills", data)
    assert response.status == 303
    with invoicing_db.transaction() as env:
        [bill] = env["accounting.invoice"].search([("ref", "=", "EGE-118")])
        assert (bill.kind, bill.journal.code, bill.amount_total) == ("in_invoice", "ALS", 500)
        assert bill.lines[0].account.code == "153"  # the purchase journal's default account
