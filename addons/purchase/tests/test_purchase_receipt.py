"""Receipts: made on confirmation; receiving, backorders and returns update the lines, cancels are guarded."""

import datetime as dt
from decimal import Decimal

import pytest

from core.errors import UserError

pytestmark = pytest.mark.addons("purchase")


@pytest.fixture
def order(make_order, make_price, bolt, nut, audit):
    """A request for 100 bolts (5 days' lead time), 40 nuts and a service, ordered on 4 May 2026."""
    make_price(bolt, "0.40", delay=5)
    make_price(nut, "0.15", delay=2)
    return make_order(
        [
            {"product": bolt.id, "quantity": "100", "discount": "10"},
            {"product": nut.id, "quantity": "40"},
            {"product": audit.id, "quantity": "1", "price_unit": "300"},
        ],
        date_order="2026-05-04",
    )


def receive(picking, quantities):
    """Set what arrived per product id on the receipt's lines, then validate it (keeping a backorder)."""
    for move in picking.moves:
        for line in move.lines:
            line.write({"quantity": quantities.get(move.product.id, Decimal(0))})
    return picking.action_validate()


def test_confirming_makes_one_ready_receipt_for_the_goods(env, order, warehouse, bolt, nut):
    order.action_confirm()
    [receipt] = order.receipts
    assert (receipt.kind, receipt.state, receipt.origin, receipt.partner) == (
        "incoming", "ready", order.name, order.partner,
    )  # fmt: skip
    assert (receipt.location, receipt.location_dest) == (
        env.ref("stock.location_suppliers"),
        warehouse.lot_stock,
    )
    assert receipt.scheduled_date.date() == dt.date(2026, 5, 6)  # the earliest of the goods: the nuts
    moves = {move.product: move for move in receipt.moves}
    assert set(moves) == {bolt, nut}  # the service is not received
    bolts = moves[bolt]
    assert (bolts.quantity, bolts.price_unit, bolts.purchase_line, bolts.origin) == (
        Decimal("100"), Decimal("0.36"), order.lines[0], order.name,
    )  # fmt: skip
    assert bolts.date.date() == dt.date(2026, 5, 9)
    assert order.receipt_status == "nothing"


def test_a_partial_receipt_leaves_a_backorder_and_updates_what_was_received(env, order, bolt, nut):
    order.action_confirm()
    [receipt] = order.receipts
    backorder = receive(receipt, {bolt.id: Decimal("60"), nut.id: Decimal("40")})
    env.flush()
    bolts, nuts, _service = order.lines
    assert (bolts.qty_received, nuts.qty_received, order.receipt_status) == (
        Decimal("60"), Decimal("40"), "partial",
    )  # fmt: skip
    assert backorder.backorder_of == receipt and set(order.receipts) == {receipt, backorder}
    [rest] = backorder.moves
    assert (rest.quantity, rest.purchase_line, rest.price_unit) == (Decimal("40"), bolts, Decimal("0.36"))
    receive(backorder, {bolt.id: Decimal("40")})
    env.flush()
    assert (bolts.qty_received, order.receipt_status) == (Decimal("100"), "full")


def test_a_return_to_the_vendor_lowers_what_was_received(env, order, bolt, nut):
    order.action_confirm()
    [receipt] = order.receipts
    receipt.action_validate()
    env.flush()
    assert order.receipt_status == "full"
    bolt_move = next(move for move in receipt.moves if move.product == bolt)
    back = receipt.action_return({bolt_move.id: Decimal("25")})
    back.action_validate()
    env.flush()
    assert back in order.receipts and back.moves[0].purchase_line == order.lines[0]
    assert (order.lines[0].qty_received, order.receipt_status) == (Decimal("75"), "partial")


def test_an_order_of_services_only_has_no_receipt(make_order, audit):
    order = make_order([{"product": audit.id, "price_unit": "300"}])
    order.action_confirm()
    assert list(order.receipts) == [] and order.receipt_status == "nothing"


def test_cancelling_an_order_cancels_its_open_receipts(env, order):
    order.action_confirm()
    [receipt] = order.receipts
    order.action_cancel()
    assert (order.state, receipt.state) == ("cancelled", "cancelled")


def test_an_order_with_goods_received_cannot_be_cancelled(env, order, bolt):
    order.action_confirm()
    [receipt] = order.receipts
    backorder = receive(receipt, {bolt.id: Decimal("10")})
    env.flush()
    with pytest.raises(UserError, match="were received"):
        order.action_cancel()
    assert (order.state, backorder.state) == ("purchase", "ready")


def test_once_everything_received_is_returned_the_order_can_be_cancelled(env, order):
    order.action_confirm()
    [receipt] = order.receipts
    receipt.action_validate()
    receipt.action_return().action_validate()
    env.flush()
    assert order.receipt_status == "nothing"
    assert order.action_cancel().state == "cancelled"


def test_a_receipt_in_another_currency_is_valued_in_the_company_s(env, make_order, make_price, bolt):
    try_ = env.ref("base.currency_try")
    env["base.currency_rate"].create([
        {"currency": env.ref("base.currency_eur").id, "date": "2026-01-01", "rate": "1"},
        {"currency": try_.id, "date": "2026-01-01", "rate": "40"},
    ])  # fmt: skip
    order = make_order(
        [{"product": bolt.id, "quantity": "10", "price_unit": "20"}],
        currency=try_.id,
        date_order="2026-05-04",
    )
    order.action_confirm()
    assert order.receipts[0].moves[0].price_unit == Decimal("0.5")


def test_a_receipt_cannot_be_made_without_a_rate_for_the_order_s_currency(env, make_order, bolt):
    order = make_order(
        [{"product": bolt.id, "quantity": "10", "price_unit": "20"}], currency=env.ref("base.currency_try").id
    )
    with pytest.raises(UserError, match="No exchange rate"):
        order.action_confirm()
