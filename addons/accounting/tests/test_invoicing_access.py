"""Who reaches invoices and payments: bookkeepers do the work, advisers too, other employees see
nothing; with sales installed, salespeople read customer invoices and credit notes, and nothing else."""

import datetime as dt
import decimal

import pytest

from addons.accounting.charts import load_chart
from core.errors import AccessError
from core.testing import as_user
from core.testing import make_user

D = decimal.Decimal
MODELS = (
    "accounting.invoice",
    "accounting.invoice_line",
    "accounting.payment",
    "accounting.partial_reconcile",
)


@pytest.mark.addons("accounting")
@pytest.mark.parametrize("model", MODELS)
def test_other_employees_see_no_invoice_or_payment(env, employee, model):
    with as_user(env, employee) as user_env, pytest.raises(AccessError):
        user_env[model].search([])


@pytest.mark.addons("accounting")
def test_a_bookkeeper_invoices_registers_payments_and_unmatches_them(env, lira, customer, kdv20, bookkeeper):
    with as_user(env, bookkeeper) as user_env:
        invoice = user_env["accounting.invoice"].create(
            {
                "partner": customer.id,
                "date": dt.date(2026, 1, 15),
                "lines": [{"description": "Bakım", "price_unit": "100", "taxes": [kdv20.id]}],
            }
        )
        invoice.action_post()
        payment = user_env["accounting.payment"].register([invoice], date=dt.date(2026, 1, 20))
        assert invoice.payment_state == "paid"
        payment.action_unreconcile()
        assert invoice.payment_state == "not_paid"
        with pytest.raises(AccessError):
            user_env["accounting.tax_grid"].create({"code": "X", "name": "Mine"})


@pytest.mark.addons("accounting")
def test_an_adviser_sets_the_accounts_of_taxes(env, company, adviser, accounts):
    with as_user(env, adviser) as user_env:
        tax = user_env["commerce.tax"].create(
            {"name": "KDV %1", "amount": "1", "account": accounts["391"].id}
        )
        assert tax.account.code == "391"


@pytest.fixture
def sales_books(env):
    """Turkey's chart, a customer invoice and a vendor bill, posted; a salesperson and a bookkeeper
    who also sells."""
    company = env.ref("base.main_company")
    load_chart(env, company, "tr_tdhp")
    partner = env["base.partner"].create({"name": "Anadolu"})
    lines = [{"description": "Torna", "price_unit": "1000"}]
    invoice = env["accounting.invoice"].create(
        {"partner": partner.id, "date": dt.date(2026, 1, 15), "lines": lines}
    )
    bill = env["accounting.invoice"].create(
        {"kind": "in_invoice", "partner": partner.id, "date": dt.date(2026, 1, 15), "lines": lines}
    )
    invoice.action_post()
    bill.action_post()
    return {
        "invoice": invoice,
        "bill": bill,
        "salesperson": make_user(env, "selin", groups=["sales.group_user"]),
        "both": make_user(env, "burak", groups=["sales.group_user", "accounting.group_user"]),
    }


@pytest.mark.addons("accounting", "sales")
def test_salespeople_read_customer_invoices_and_nothing_else(env, sales_books):
    invoice, bill = sales_books["invoice"], sales_books["bill"]
    with as_user(env, sales_books["salesperson"]) as user_env:
        found = user_env["accounting.invoice"].search([])
        assert [record.id for record in found] == [invoice.id]
        [values] = user_env["accounting.invoice"].search_read(
            [], ["name", "amount_total", "payment_state", "lines"]
        )
        assert (values["name"], values["amount_total"], values["payment_state"]) == (
            invoice.name,
            "1000.00",
            "not_paid",
        )
        [read] = user_env["accounting.invoice"].browse([invoice.id]).read(None)  # the form's fields
        assert "move" not in read and "journal" not in read and read["lines"]
        with pytest.raises(AccessError):
            user_env["accounting.invoice"].get(invoice.id).write({"ref": "changed"})
            user_env.flush()
        for model in ("accounting.payment", "accounting.move_line"):
            with pytest.raises(AccessError):
                user_env[model].search([])
    with as_user(env, sales_books["both"]) as user_env:
        assert user_env["accounting.invoice"].search_count([]) == 2
    assert bill.state == "posted"


@pytest.mark.addons("accounting", "sales")
def test_salespeople_find_customer_invoices_in_the_sales_app(db):
    [sales] = [node for node in db.registry.ui.menus if node.menu.name == "sales"]
    [orders] = [node for node in sales.children if node.menu.name == "sales.orders_menu"]
    assert [child.menu.label for child in orders.children][-2:] == ["Invoices", "Credit notes"]
