"""The three-way match: bookkeepers cannot post a bill that bills more than arrived or at another price."""

import decimal

import pytest

from core.errors import ValidationError
from core.testing import as_user
from core.testing import make_user

pytestmark = pytest.mark.addons("purchase", "accounting")
D = decimal.Decimal


@pytest.fixture
def order(books, confirmed, receive_order, chair):
    """10 chairs at 30.00 ordered, 6 received."""
    order = confirmed((chair, 10, "30.00"))
    receive_order(order, {chair: 6})
    return order


def test_a_bill_line_shows_ordered_received_and_billed_elsewhere(env, order):
    first = order.action_create_bill()
    first.lines[0].write({"quantity": "2"})
    env.flush()
    second = order.action_create_bill()
    [line] = second.lines
    match = (line.quantity, line.purchase_qty_ordered, line.purchase_qty_received, line.purchase_qty_billed)
    assert match == (D("4"), D("10"), D("6"), D("2"))
    assert line.purchase_price_unit == D("30.00")


def test_a_matching_bill_is_posted_by_a_bookkeeper(env, order, bookkeeper):
    bill = order.action_create_bill()
    with as_user(env, bookkeeper) as user_env:
        user_env["accounting.invoice"].get(bill.id).action_post()
        user_env.session.commit()
    assert bill.state == "posted"


def test_billing_more_than_arrived_needs_an_adviser(env, order, bookkeeper, adviser):
    bill = order.action_create_bill()
    bill.lines[0].write({"quantity": "8"})
    message = (
        rf"does not match its purchase order.*Line “\[CH-1\] Chair” of {order.name}: ordered 10, "
        r"received 6, billed 8 with this bill; unit price 30.00 on the bill, 30.00 on the order"
    )
    with as_user(env, bookkeeper) as user_env, pytest.raises(ValidationError, match=message):
        user_env["accounting.invoice"].get(bill.id).action_post()
    with as_user(env, adviser) as user_env:
        user_env["accounting.invoice"].get(bill.id).action_post()
        user_env.session.commit()
    assert bill.state == "posted"


def test_an_other_price_needs_an_adviser_beyond_the_currencys_rounding(env, order, bookkeeper):
    bill = order.action_create_bill()
    bill.lines[0].write({"price_unit": "30.004"})  # rounds to the order's 30.00: matches
    env.flush()
    with as_user(env, bookkeeper) as user_env:
        user_env["accounting.invoice"].get(bill.id).action_post()
        user_env.session.rollback()
    bill.lines[0].write({"price_unit": "30.01"})
    with (
        as_user(env, bookkeeper) as user_env,
        pytest.raises(ValidationError, match="unit price 30.01 on the bill, 30.00 on the order"),
    ):
        user_env["accounting.invoice"].get(bill.id).action_post()
    assert bill.state == "draft"


def test_earlier_posted_bills_count_against_what_arrived(env, order, bookkeeper):
    first = order.action_create_bill()
    first.action_post()  # 6 billed
    second = first.copy()
    second.lines[0].write({"quantity": "1"})
    with (
        as_user(env, bookkeeper) as user_env,
        pytest.raises(ValidationError, match="received 6, billed 7 with this bill"),
    ):
        user_env["accounting.invoice"].get(second.id).action_post()


def test_buyers_read_the_bills_of_their_orders_but_not_customer_invoices(env, order, books):
    buyer = make_user(env, "burcu", groups=["purchase.group_user"])
    bill = order.action_create_bill()
    customer = env["base.partner"].create({"name": "Ege Mobilya"})
    invoice = env["accounting.invoice"].create(
        {"kind": "out_invoice", "partner": customer.id, "lines": [{"description": "Desk", "price_unit": "1"}]}
    )
    with as_user(env, buyer) as user_env:
        found = user_env["accounting.invoice"].search([])
        assert [record.id for record in found] == [bill.id]
        assert user_env["purchase.order"].get(order.id).bills[0].origin == order.name
    assert invoice.id not in [record.id for record in found]
