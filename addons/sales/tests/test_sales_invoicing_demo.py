"""With accounting's demo, sales' demo orders are invoiced: paid, partly paid, a down payment, a draft;
sales then uninstalls and leaves accounting's invoices."""

import decimal

import pytest

from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall

D = decimal.Decimal


@pytest.fixture(scope="module")
def demo_db(tessera_databases):
    db = tessera_databases.create("sales_invoicing_demo")
    try:
        install(db, ["accounting"], demo=True)
        install(db, ["sales"], demo=True)
        yield db
    finally:
        tessera_databases.release(db)


def test_the_demo_orders_are_invoiced_paid_and_partly_paid(demo_db):
    with demo_db.transaction() as env:
        orders = {number: env.ref(f"sales.demo_order_{number}") for number in ("05", "08", "09", "10")}
        status = {
            number: (
                order.invoice_status,
                order.payment_status,
                [invoice.state for invoice in order.invoices],
            )
            for number, order in orders.items()
        }
        assert status == {
            "05": ("to_invoice", "not_paid", ["posted"]),
            "08": ("invoiced", "paid", ["posted"]),
            "09": ("invoiced", "partial", ["posted"]),
            "10": ("invoiced", None, ["draft"]),
        }
        company = env.ref("base.main_company")
        assert company.default_customer_advance_account.code == "340"
        [down] = env.ref("sales.demo_order_05").invoices
        assert down.lines[0].account.code == "340"


def test_uninstalling_sales_keeps_the_invoices(demo_db):
    with demo_db.transaction() as env:
        count = env["accounting.invoice"].search_count([])
    uninstall(demo_db, ["sales"])
    with demo_db.transaction() as env:
        assert env["accounting.invoice"].search_count([]) == count
        assert "sale_order" not in env.registry["accounting.invoice"]._fields
