"""A quotation of 8 lines costs the same queries as one of 2: products, units and taxes load together."""

import decimal

import pytest

from core.testing.queries import count_queries

pytestmark = pytest.mark.addons("sales")


@pytest.mark.requires_postgresql
def test_creating_a_quotation_does_not_query_per_line(env):
    """On PostgreSQL, where SQLAlchemy batches the INSERTs of new lines (SQLite inserts them one by one)."""
    customer = env["base.partner"].create({"name": "Ege Makine"})
    vat = env["commerce.tax"].create({"name": "KDV %20", "amount": "20", "scope": "sale"})
    products = env["product.product"].create(
        [{"name": f"Part {i}", "sale_price": "25", "taxes": [vat.id]} for i in range(8)]
    )
    env.flush()
    env.session.expire_all()

    def quote(size):
        lines = [{"product": product.id, "quantity": decimal.Decimal(2)} for product in products[:size]]
        with count_queries(env) as counter:
            order = env["sales.order"].create({"partner": customer.id, "lines": lines})
            env.flush()
        env.session.expire_all()
        return counter.count, order

    quote(1)  # the first order number creates its sequence
    (small, _), (large, order) = quote(2), quote(8)
    assert small == large
    assert order.amount_total == decimal.Decimal("480.00")
