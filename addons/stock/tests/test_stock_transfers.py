"""Receipts, deliveries and internal transfers: states, quants, reservation order, backorders."""

import decimal

import pytest

from core.errors import AccessError
from core.errors import ValidationError
from core.testing import as_user
from core.testing import make_user

pytestmark = pytest.mark.addons("stock")
D = decimal.Decimal


def on_hand(env, product, location):
    return sum(
        (
            q.quantity
            for q in env["stock.quant"].search([("product", "=", product.id), ("location", "=", location.id)])
        ),
        D(0),
    )


def test_a_warehouse_comes_with_its_locations(env):
    warehouse = env["stock.warehouse"].create({"name": "İzmir depo", "code": "IZM"})
    names = sorted(
        loc.complete_name
        for loc in env["stock.location"].search([("id", "child_of", warehouse.view_location.id)])
    )
    assert names == ["IZM", "IZM/Input", "IZM/Output", "IZM/Stock"]
    assert warehouse.lot_stock.usage == "internal"


def test_a_receipt_is_ready_at_once_and_validating_it_puts_goods_in_stock(
    env, make_picking, chair, stock, suppliers
):
    receipt = make_picking("incoming", (chair, 10, "42.00"))
    assert receipt.name.startswith("WH/IN/")
    assert receipt.state == "ready"
    assert receipt.location == suppliers and receipt.location_dest == stock
    assert receipt.action_validate() is None
    assert receipt.state == "done"
    assert on_hand(env, chair, stock) == 10
    assert on_hand(env, chair, suppliers) == -10


def test_a_delivery_reserves_what_is_free_and_waits_for_the_rest(env, make_picking, receive, chair, stock):
    receive((chair, 3))
    delivery = make_picking("outgoing", (chair, 5), move_type="one")
    move = delivery.moves[0]
    assert (move.state, move.quantity_reserved) == ("partial", 3)
    assert delivery.state == "waiting"
    delivery.move_type = "direct"
    env.flush()
    assert delivery.state == "ready"
    quant = env["stock.quant"].search([("product", "=", chair.id), ("location", "=", stock.id)])[0]
    assert (quant.quantity, quant.reserved_quantity) == (3, 3)


def test_shipping_part_leaves_a_backorder_that_gets_the_next_receipt(
    env, make_picking, receive, chair, stock, customers
):
    receive((chair, 3))
    delivery = make_picking("outgoing", (chair, 5))
    backorder = delivery.action_validate()
    assert delivery.state == "done" and delivery.moves[0].quantity_done == 3
    assert backorder.backorder_of == delivery
    assert [(m.quantity, m.state) for m in backorder.moves] == [(2, "waiting")]
    receive((chair, 4))
    assert backorder.moves[0].state == "ready"
    backorder.action_validate()
    assert on_hand(env, chair, stock) == 2
    assert on_hand(env, chair, customers) == 5


def test_without_backorder_the_rest_is_dropped(env, make_picking, receive, chair):
    receive((chair, 3))
    delivery = make_picking("outgoing", (chair, 5))
    assert delivery.action_validate(backorder=False) is None
    assert delivery.state == "done"
    assert env["stock.picking"].search_count([("backorder_of", "=", delivery.id)]) == 0


def test_the_order_confirmed_first_is_served_first(env, make_picking, receive, chair):
    first = make_picking("outgoing", (chair, 4))
    second = make_picking("outgoing", (chair, 4))
    assert first.moves[0].state == second.moves[0].state == "waiting"
    receive((chair, 5))
    assert (first.moves[0].state, first.moves[0].quantity_reserved) == ("ready", 4)
    assert (second.moves[0].state, second.moves[0].quantity_reserved) == ("partial", 1)
    # Checking availability of the later one does not take from the earlier one.
    second.action_unreserve()
    second.action_assign()
    assert first.moves[0].quantity_reserved == 4 and second.moves[0].quantity_reserved == 1


def test_validating_without_stock_is_refused_and_changes_nothing(env, make_picking, chair, stock):
    delivery = make_picking("outgoing", (chair, 2))
    with pytest.raises(ValidationError, match="Nothing to move"):
        delivery.action_validate()
    assert not delivery.moves[0].lines
    line = env["stock.move_line"].create(
        {
            "move": delivery.moves[0].id,
            "location": stock.id,
            "location_dest": delivery.location_dest.id,
            "quantity": "2",
        }
    )
    assert line.quantity == 2
    with pytest.raises(ValidationError, match="Not enough"):
        delivery.action_validate()


def test_a_warehouse_may_allow_negative_stock(env, make_picking, warehouse, chair, stock):
    warehouse.allow_negative = True
    delivery = make_picking("outgoing", (chair, 2))
    env["stock.move_line"].create(
        {
            "move": delivery.moves[0].id,
            "location": stock.id,
            "location_dest": delivery.location_dest.id,
            "quantity": "2",
        }
    )
    delivery.action_validate()
    assert on_hand(env, chair, stock) == -2


def test_an_internal_transfer_moves_reserved_goods_to_a_shelf(env, make_picking, receive, chair, stock):
    shelf = env["stock.location"].create({"name": "Shelf A", "parent": stock.id})
    receive((chair, 6))
    transfer = make_picking("internal", (chair, 4), location_dest=shelf.id)
    transfer.action_validate()
    assert on_hand(env, chair, stock) == 2
    assert on_hand(env, chair, shelf) == 4
    # A delivery from WH/Stock takes from its shelves too.
    delivery = make_picking("outgoing", (chair, 5))
    assert delivery.moves[0].quantity_reserved == 5
    assert sorted(line.location.name for line in delivery.moves[0].lines) == ["Shelf A", "Stock"]


def test_cancelling_releases_the_reservation(env, make_picking, receive, chair, stock):
    receive((chair, 2))
    delivery = make_picking("outgoing", (chair, 2))
    delivery.action_cancel()
    assert delivery.state == "cancelled"
    quant = env["stock.quant"].search([("product", "=", chair.id), ("location", "=", stock.id)])[0]
    assert quant.reserved_quantity == 0
    with pytest.raises(ValidationError):
        delivery.action_confirm()


def test_a_done_transfer_cannot_be_cancelled(env, receive, chair):
    receipt = receive((chair, 1))
    with pytest.raises(ValidationError, match="return"):
        receipt.action_cancel()


def test_only_storekeepers_operate_transfers(env, make_picking, receive, chair, storekeeper):
    receive((chair, 2))
    delivery = make_picking("outgoing", (chair, 1))
    clerk = make_user(env, "clerk", groups=["base.group_user"])
    with as_user(env, clerk) as clerk_env:
        assert clerk_env["stock.picking"].get(delivery.id).state == "ready"
        with pytest.raises(AccessError):
            clerk_env["stock.picking"].get(delivery.id).action_validate()
    with as_user(env, storekeeper) as keeper_env:
        mine = keeper_env["stock.picking"].get(delivery.id)
        mine.action_validate()
        assert mine.state == "done"


def test_a_backorder_keeps_the_receipt_price(env, make_picking, chair):
    receipt = make_picking("incoming", (chair, 10, "25.00"))
    receipt.moves[0].lines[0].quantity = decimal.Decimal(4)
    backorder = receipt.action_validate()
    assert backorder.moves[0].price_unit == decimal.Decimal("25.00")
