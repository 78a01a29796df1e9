"""Replenishment: stock's reorder needs become requests for quotation per vendor, never ordered twice."""

import logging
from decimal import Decimal

import pytest

from addons.stock import replenish

pytestmark = pytest.mark.addons("purchase")


@pytest.fixture
def rules(env, warehouse, bolt, nut):
    """Bolts kept between 100 and 500, nuts between 50 and 200 (in tens), in the main warehouse."""
    return env["stock.reorder_rule"].create([
        {"product": bolt.id, "warehouse": warehouse.id, "min_qty": "100", "max_qty": "500"},
        {"product": nut.id, "warehouse": warehouse.id, "min_qty": "50", "max_qty": "200", "multiple": "10"},
    ])  # fmt: skip


def rfqs(env):
    return env["purchase.order"].search([("state", "in", ["draft", "sent"])], order="id")


def lines_of(order):
    return sorted((line.product.default_code, line.quantity) for line in order.lines)


def test_hook_stock_replenish_groups_needs_by_vendor(
    env, rules, make_price, bolt, nut, vendor, other_vendor, warehouse
):
    make_price(bolt, "0.42")
    make_price(bolt, "0.38", partner=other_vendor.id, sequence=20)  # cheaper, but the second choice
    make_price(nut, "0.15")
    replenish.run(env)
    [order] = rfqs(env)
    assert (order.partner, order.warehouse, order.state) == (vendor, warehouse, "draft")
    assert lines_of(order) == [("BLT-8", Decimal("500")), ("NUT-8", Decimal("200"))]
    assert [line.price_unit for line in order.lines] == [Decimal("0.42"), Decimal("0.15")]


def test_each_vendor_gets_its_own_request(env, rules, make_price, bolt, nut, vendor, other_vendor):
    make_price(bolt, "0.42")
    make_price(nut, "0.15", partner=other_vendor.id)
    replenish.run(env)
    assert [(order.partner, lines_of(order)) for order in rfqs(env)] == [
        (vendor, [("BLT-8", Decimal("500"))]),
        (other_vendor, [("NUT-8", Decimal("200"))]),
    ]


def test_products_without_a_vendor_are_skipped_and_logged(env, rules, make_price, bolt, caplog):
    make_price(bolt, "0.42")
    with caplog.at_level(logging.WARNING, logger="addons.purchase.replenish"):
        replenish.run(env)
    [order] = rfqs(env)
    assert lines_of(order) == [("BLT-8", Decimal("500"))]
    assert "no vendor price for [NUT-8] Nut M8" in caplog.text


def test_needs_are_added_to_the_vendor_s_draft_request(env, rules, make_price, make_order, bolt, nut, audit):
    make_price(bolt, "0.42")
    make_price(nut, "0.15")
    draft = make_order([{"product": bolt.id, "quantity": "30", "price_unit": "0.40"}, {"product": audit.id}])
    replenish.run(env)
    assert list(rfqs(env)) == [draft]
    # bolts: forecast 0 + 30 planned < 100 → 470 more on the same line, at the buyer's price
    assert lines_of(draft) == [("AUD", Decimal("1")), ("BLT-8", Decimal("500")), ("NUT-8", Decimal("200"))]
    assert draft.lines[0].price_unit == Decimal("0.40")


def test_hook_stock_planned_incoming_keeps_the_job_from_ordering_twice(env, rules, make_price, bolt, nut):
    make_price(bolt, "0.42")
    make_price(nut, "0.15")
    replenish.run(env)
    [order] = rfqs(env)
    order.action_send()
    assert replenish.run(env) == []  # the sent request counts, and is not changed
    order.action_confirm()
    assert replenish.run(env) == []  # now stock counts the receipt itself
    assert lines_of(order) == [("BLT-8", Decimal("500")), ("NUT-8", Decimal("200"))]


def test_planned_incoming_counts_requests_of_the_warehouse_only(env, make_order, bolt, nut, warehouse):
    other = env["stock.warehouse"].create({"name": "Depot", "code": "DEP"})
    make_order([{"product": bolt.id, "quantity": "30", "price_unit": "1"}])
    make_order([{"product": bolt.id, "quantity": "12", "price_unit": "1"}]).action_send()
    make_order([{"product": bolt.id, "quantity": "7", "price_unit": "1"}], warehouse=other.id)
    make_order([{"product": nut.id, "quantity": "5", "price_unit": "1"}]).action_confirm()
    planned = env.hook.stock_planned_incoming(env=env, warehouse=warehouse, product_ids=[bolt.id, nut.id])
    assert {bolt.id: Decimal("42")} in planned
