"""Average cost valuation, forecasts, and reorder rules."""

import datetime as dt
import decimal

import pytest

from addons.stock import forecast
from addons.stock import replenish

pytestmark = pytest.mark.addons("stock")
D = decimal.Decimal


def test_receipts_average_the_cost_and_deliveries_are_valued_at_it(env, receive, make_picking, chair):
    # Chair starts at a cost of 40.00 with nothing on hand: the first receipt sets the cost.
    first = receive((chair, 10, "30.00"))
    assert chair.cost == D("30.00")
    assert first.moves[0].value == D("300.00")
    # (10 × 30 + 5 × 36) / 15 = 32.00
    receive((chair, 5, "36.00"))
    assert chair.cost == D("32.00")
    delivery = make_picking("outgoing", (chair, 4))
    delivery.action_validate()
    assert (delivery.moves[0].price_unit, delivery.moves[0].value) == (D("32.00"), D("-128.00"))
    # A return of the delivery comes back at the price it left with: the average stays 32.
    back = delivery.action_return()
    back.action_validate()
    assert back.moves[0].value == D("128.00")
    assert chair.cost == D("32.00")


def test_a_cost_in_another_currency_is_averaged_in_the_company_s(env, receive, make_picking):
    # The company keeps its books in EUR; 1 EUR buys 40 TRY.
    lira, euro = env.ref("base.currency_try"), env.ref("base.currency_eur")
    env["base.currency_rate"].create([
        {"currency": lira.id, "date": "2000-01-01", "rate": "40"},
        {"currency": euro.id, "date": "2000-01-01", "rate": "1"},
    ])  # fmt: skip
    bearing = env["product.product"].create(
        {"name": "Rulman", "type": "storable", "currency": lira.id, "cost": "400.00"}
    )
    receive((bearing, 10, "12.00"))  # nothing on hand: the cost is 12 EUR, 480 TRY
    assert bearing.cost == D("480.00")
    # (10 × 12 + 10 × 8) / 20 = 10 EUR, 400 TRY
    receipt = receive((bearing, 10, "8.00"))
    assert (bearing.cost, receipt.moves[0].value) == (D("400.00"), D("80.00"))
    delivery = make_picking("outgoing", (bearing, 5))
    delivery.action_validate()
    assert (delivery.moves[0].price_unit, delivery.moves[0].value) == (D("10.00"), D("-50.00"))


def test_levels_count_on_hand_reserved_incoming_and_outgoing(env, receive, make_picking, chair, desk):
    receive((chair, 6))
    make_picking("outgoing", (chair, 4))
    make_picking("incoming", (chair, 10))
    make_picking("outgoing", (desk, 1))
    levels = forecast.levels(env, [chair.id, desk.id])
    assert (levels[chair.id].on_hand, levels[chair.id].reserved, levels[chair.id].free) == (6, 4, 2)
    assert (levels[chair.id].incoming, levels[chair.id].outgoing, levels[chair.id].forecast) == (10, 4, 12)
    assert (levels[desk.id].on_hand, levels[desk.id].outgoing, levels[desk.id].forecast) == (0, 1, -1)
    assert (chair.qty_on_hand, chair.qty_free, chair.qty_forecast) == (6, 2, 12)


def test_the_promise_date_waits_for_the_receipt_that_covers_it(env, receive, make_picking, chair):
    receive((chair, 3))
    in_five_days = dt.datetime.now(dt.UTC) + dt.timedelta(days=5)
    make_picking("incoming", (chair, 10), scheduled_date=in_five_days)
    assert forecast.available_on(env, chair, D(3)) == env.today()
    assert forecast.available_on(env, chair, D(8)) == in_five_days.astimezone(env.tz).date()
    assert forecast.available_on(env, chair, D(20)) is None


def test_reorder_rules_ask_up_to_the_maximum_in_multiples(env, receive, make_picking, warehouse, chair, desk):
    receive((chair, 2))
    make_picking("outgoing", (chair, 1))
    env["stock.reorder_rule"].create([
        {"product": chair.id, "warehouse": warehouse.id, "min_qty": "5", "max_qty": "20", "multiple": "6"},
        {"product": desk.id, "warehouse": warehouse.id, "min_qty": "0", "max_qty": "4"},
    ])  # fmt: skip
    needs = replenish.needs(env)
    # Chair: forecast 2 − 1 = 1 < 5, so 20 − 1 = 19, rounded up to 24. Desk: forecast 0 is not below 0.
    assert [(need.product, need.quantity, need.location) for need in needs] == [
        (chair, D(24), warehouse.lot_stock)
    ]
