"""Invoicing an order of 8 lines runs the same queries as one of 2; several orders are invoiced at once."""

import decimal

import pytest

from addons.sales.accounting.invoicing import create_invoices
from core.testing.queries import count_queries

pytestmark = pytest.mark.addons("sales", "accounting")
D = decimal.Decimal


@pytest.fixture
def order_of(env, customer, kdv):
    """``order_of(n)``: a confirmed order of ``n`` products, its records expired."""
    products = env["product.product"].create(
        [{"name": f"Part {i}", "sale_price": "25", "taxes": [kdv.id]} for i in range(8)]
    )

    def make(size):
        lines = [{"product": product.id, "quantity": D(2)} for product in products[:size]]
        order = env["sales.order"].create({"partner": customer.id, "lines": lines}).action_confirm()
        env.flush()
        env.session.expire_all()
        return order

    return make


@pytest.mark.requires_postgresql
def test_invoicing_does_not_query_per_line(env, order_of):
    """On PostgreSQL, where SQLAlchemy batches the INSERTs of new lines (SQLite inserts them one by one)."""
    order_of(1).action_create_invoice()  # the first numbers and sequences
    counts = []
    for order in (order_of(2), order_of(8)):
        with count_queries(env) as counter:
            invoice = order.action_create_invoice()
            env.flush()
        env.session.expire_all()
        counts.append(counter.count)
    assert counts[0] == counts[1]
    assert invoice.amount_total == D("480.00") and len(invoice.lines) == 8


def test_several_orders_are_invoiced_in_one_call_one_invoice_each(env, order_of):
    orders = [order_of(2), order_of(3)]
    invoices = create_invoices(env, orders)
    assert [(invoice.origin, len(invoice.lines)) for invoice in invoices] == [
        (o.name, n) for o, n in zip(orders, (2, 3), strict=True)
    ]
    env.flush()
    assert [order.invoice_status for order in orders] == ["invoiced", "invoiced"]
