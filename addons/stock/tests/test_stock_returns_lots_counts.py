"""Returns, lots and serial numbers, and inventory counts."""

import decimal

import pytest

from core.errors import ValidationError

pytestmark = pytest.mark.addons("stock")
D = decimal.Decimal


def quantity(env, product, location, lot=None):
    domain = [("product", "=", product.id), ("location", "=", location.id)]
    if lot is not None:
        domain.append(("lot", "=", lot.id))
    return sum((q.quantity for q in env["stock.quant"].search(domain)), D(0))


def test_a_delivery_is_returned_in_part_then_no_more_than_is_left(
    env, make_picking, receive, chair, stock, customers
):
    receive((chair, 5))
    delivery = make_picking("outgoing", (chair, 5))
    delivery.action_validate()
    move = delivery.moves[0]
    back = delivery.action_return({str(move.id): "2"})
    assert back.kind == "incoming" and back.return_of == delivery
    assert back.state == "ready"
    back.action_validate()
    assert quantity(env, chair, stock) == 2
    assert quantity(env, chair, customers) == 3
    with pytest.raises(ValidationError) as refused:
        delivery.action_return({move.id: "4"})
    assert "Between 0 and 3" in refused.value.fields["quantities"]
    second = delivery.action_return()
    assert [m.quantity for m in second.moves] == [3]


def test_only_done_transfers_can_be_returned(env, make_picking, chair):
    delivery = make_picking("outgoing", (chair, 1))
    with pytest.raises(ValidationError, match="not done"):
        delivery.action_return()


def test_a_lot_tracked_receipt_needs_its_lot_and_deliveries_reserve_by_lot(env, make_picking, chair, stock):
    chair.tracking = "lot"
    receipt = make_picking("incoming", (chair, 10))
    with pytest.raises(ValidationError, match="needs a lot"):
        receipt.action_validate()
    receipt.moves[0].lines[0].lot_name = "L-2026-11"
    receipt.action_validate()
    lot = env["stock.lot"].search([("product", "=", chair.id)])[0]
    assert lot.name == "L-2026-11"
    assert quantity(env, chair, stock, lot) == 10
    delivery = make_picking("outgoing", (chair, 4))
    assert [line.lot for line in delivery.moves[0].lines] == [lot]


def test_serial_numbers_are_one_unit_each_and_unique(env, make_picking, chair, stock):
    chair.tracking = "serial"
    receipt = make_picking("incoming", (chair, 3))
    receipt.moves[0].lines[0].lot_name = "SN-1, SN-2"
    with pytest.raises(ValidationError, match="2 serial numbers for a quantity of 3"):
        receipt.action_validate()
    receipt.moves[0].lines[0].lot_name = "SN-1\nSN-2\nSN-3"
    receipt.action_validate()
    serials = sorted(lot.name for lot in env["stock.lot"].search([("product", "=", chair.id)]))
    assert serials == ["SN-1", "SN-2", "SN-3"]
    assert all(
        q.quantity == 1
        for q in env["stock.quant"].search([("product", "=", chair.id), ("location", "=", stock.id)])
    )


def test_a_count_makes_the_books_match_and_is_logged(env, receive, chair, desk, stock):
    receive((chair, 10), (desk, 2))
    count = env["stock.adjustment"].create({"name": "Year-end count", "location": stock.id})
    count.action_load()
    lines = {line.product: line for line in count.lines}
    assert (lines[chair].counted, lines[desk].counted) == (10, 2)
    lines[chair].counted = D(7)
    lines[desk].counted = D(3)
    count.action_apply()
    assert (quantity(env, chair, stock), quantity(env, desk, stock)) == (7, 3)
    assert (lines[chair].theoretical, lines[chair].difference) == (10, -3)
    loss = env.ref("stock.location_inventory")
    assert quantity(env, chair, loss) == 3 and quantity(env, desk, loss) == -1
    notes = [entry["body"] for entry in count.history() if entry["kind"] == "note"]
    assert any("CH-1" in note and "10 → 7" in note for note in notes)
    with pytest.raises(ValidationError, match="already applied"):
        count.action_apply()


def test_a_count_below_what_is_reserved_is_refused(env, receive, make_picking, chair, stock):
    receive((chair, 5))
    make_picking("outgoing", (chair, 4))
    count = env["stock.adjustment"].create(
        {"name": "Spot check", "location": stock.id, "lines": [{"product": chair.id, "counted": "3"}]}
    )
    with pytest.raises(ValidationError, match="4 are reserved"):
        count.action_apply()
    assert quantity(env, chair, stock) == 5
