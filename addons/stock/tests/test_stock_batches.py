"""Confirming an order and shipping it run the same number of queries for 2 lines as for 8."""

import decimal

import pytest

from core.testing.queries import count_queries

pytestmark = pytest.mark.addons("stock", "sales")


@pytest.fixture
def order_of(env, receive, customer):
    """``order_of(n)``: a committed-to-the-session quotation of ``n`` storable products in stock."""

    def make(size):
        products = env["product.product"].create(
            [
                {"name": f"Part {size}-{i}", "type": "storable", "cost": "10", "sale_price": "25"}
                for i in range(size)
            ]
        )
        receive(*[(product, 10, "10") for product in products])
        lines = [{"product": product.id, "quantity": decimal.Decimal(2)} for product in products]
        order = env["sales.order"].create({"partner": customer.id, "lines": lines})
        env.flush()
        env.session.expire_all()
        return order

    return make


def queries_of(env, action):
    with count_queries(env) as counter:
        action()
        env.flush()
    env.session.expire_all()
    return counter.count


def test_shipping_an_order_does_not_query_per_line(env, order_of):
    small, large = order_of(2), order_of(8)
    for order in (small, large):
        order.action_confirm()
    env.flush()
    env.session.expire_all()
    shipped = [
        queries_of(env, lambda order=order: order.pickings[0].action_validate()) for order in (small, large)
    ]
    assert shipped[0] == shipped[1]
    assert large.delivery_status == "full"


@pytest.mark.requires_postgresql
def test_confirming_an_order_does_not_query_per_line(env, order_of):
    """On PostgreSQL, where SQLAlchemy batches the INSERTs of new moves (SQLite inserts them one by one)."""
    order_of(1).action_confirm()  # the first delivery number creates its sequence
    small, large = order_of(2), order_of(8)
    confirmed = [queries_of(env, order.action_confirm) for order in (small, large)]
    assert confirmed[0] == confirmed[1]
    assert len(large.pickings[0].moves) == 8
