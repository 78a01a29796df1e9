"""With sales: deliveries follow the order, lines count what was delivered and show availability."""

import datetime as dt
import decimal

import pytest

from core.errors import UserError

pytestmark = pytest.mark.addons("stock", "sales")
D = decimal.Decimal


@pytest.fixture
def service(env):
    return env["product.product"].create({"name": "Installation", "type": "service", "sale_price": "50.00"})


@pytest.fixture
def make_order(env, customer):
    def make(*lines):
        return env["sales.order"].create(
            {"partner": customer.id, "lines": [{"product": p.id, "quantity": str(q)} for p, q in lines]}
        )

    return make


def test_confirming_creates_a_reserved_delivery_without_the_services(
    env, receive, make_order, chair, service, customer
):
    receive((chair, 10))
    order = make_order((chair, 4), (service, 1))
    order.action_confirm()
    [delivery] = order.pickings
    assert (delivery.kind, delivery.partner, delivery.origin, delivery.state) == (
        "outgoing",
        customer,
        order.name,
        "ready",
    )
    assert [(m.product, m.quantity, m.sale_line) for m in delivery.moves] == [(chair, 4, order.lines[0])]
    assert order.delivery_status == "nothing"


def test_shipping_counts_delivered_quantities_and_returns_take_them_back(env, receive, make_order, chair):
    receive((chair, 3))
    order = make_order((chair, 5))
    order.action_confirm()
    backorder = order.pickings[0].action_validate()
    line = order.lines[0]
    assert line.qty_delivered == 3 and order.delivery_status == "partial"
    assert backorder.sale_order is None or backorder.origin == order.name
    assert backorder.moves[0].sale_line == line
    receive((chair, 2))
    backorder.action_validate()
    assert line.qty_delivered == 5 and order.delivery_status == "full"
    back = order.pickings[0].action_return()
    back.action_validate()
    assert line.qty_delivered == 2 and order.delivery_status == "partial"


def test_cancelling_the_order_cancels_its_delivery_unless_goods_left(env, receive, make_order, chair):
    receive((chair, 5))
    order = make_order((chair, 2))
    order.action_confirm()
    order.action_cancel()
    assert order.pickings[0].state == "cancelled"
    assert chair.qty_free == 5
    shipped = make_order((chair, 1))
    shipped.action_confirm()
    shipped.pickings[0].action_validate()
    with pytest.raises(UserError, match="return them"):
        shipped.action_cancel()


def test_a_quotation_line_shows_what_is_free_and_when_it_can_ship(
    env, receive, make_picking, make_order, chair, desk
):
    chair.sale_delay = 2
    receive((chair, 5))
    make_picking("incoming", (desk, 10), scheduled_date=dt.datetime.now(dt.UTC) + dt.timedelta(days=7))
    quotation = make_order((chair, 3), (desk, 4))
    chair_line, desk_line = quotation.lines
    assert (chair_line.qty_free, chair_line.expected_date) == (5, env.today() + dt.timedelta(days=2))
    assert desk_line.qty_free == 0
    assert desk_line.expected_date == env.today() + dt.timedelta(days=7)
    assert make_order((desk, 40)).lines[0].expected_date is None
