"""With stock: products invoiced on delivery are invoiced as the goods leave, not before."""

import decimal

import pytest

from core.errors import UserError

pytestmark = pytest.mark.addons("sales", "accounting", "stock")
D = decimal.Decimal


@pytest.fixture
def chair(env, kdv):
    return env["product.product"].create(
        {"name": "Chair", "type": "storable", "cost": "40.00", "sale_price": "90.00", "taxes": [kdv.id],
         "invoice_policy": "delivery"}
    )  # fmt: skip


def receive(env, product, quantity):
    """Receive ``quantity`` of ``product`` into the main warehouse's stock."""
    picking = env["stock.picking"].create(
        {
            "kind": "incoming",
            "warehouse": env.ref("stock.warehouse_main").id,
            "moves": [{"product": product.id, "quantity": D(quantity), "price_unit": D("40.00")}],
        }
    )
    picking.action_confirm().action_validate()


def test_deliver_three_of_five_invoice_three_then_the_last_two(env, make_order, chair):
    receive(env, chair, 3)
    order = make_order([{"product": chair.id, "quantity": "5"}]).action_confirm()
    line = order.lines[0]
    assert order.invoice_status == "nothing"
    with pytest.raises(UserError, match="nothing left to invoice"):
        order.action_create_invoice()
    backorder = order.pickings[0].action_validate()
    assert (line.qty_delivered, line.qty_to_invoice, order.invoice_status) == (D("3"), D("3"), "to_invoice")
    first = order.action_create_invoice()
    assert [(item.quantity, item.price_unit) for item in first.lines] == [(D("3"), D("90.00"))]
    first.action_post()
    env.flush()
    assert (line.qty_invoiced, line.qty_to_invoice, order.invoice_status) == (D("3"), D("0"), "nothing")
    receive(env, chair, 2)
    backorder.action_validate()
    second = order.action_create_invoice()
    assert [item.quantity for item in second.lines] == [D("2")]
    env.flush()
    assert (line.qty_invoiced, order.invoice_status) == (D("5"), "invoiced")
    # 3 × 90.00 × 1.20 + 2 × 90.00 × 1.20 = 324.00 + 216.00 = 540.00, the order's total
    assert first.amount_total + second.amount_total == order.amount_total == D("540.00")
