"""The demo: storable products counted into two warehouses, and sales' orders delivered through stock."""

import datetime as dt
import decimal

import pytest

from core.loader.lifecycle import install

D = decimal.Decimal
# Per sales demo order: the states of its deliveries, and the days each done one was late.
DELIVERIES = {
    "SO/2026/00005": [("waiting", None)],
    "SO/2026/00006": [("done", 4), ("ready", None)],
    "SO/2026/00007": [("ready", None)],
    "SO/2026/00008": [("done", 3)],
    "SO/2026/00009": [("done", 0)],
    "SO/2026/00010": [("done", -1)],
}


@pytest.fixture(scope="module")
def demo_db(tessera_databases):
    db = tessera_databases.create("stock_demo")
    try:
        install(db, ["sales", "stock", "purchase"], demo=True)
        yield db
    finally:
        tessera_databases.release(db)


@pytest.fixture
def demo(demo_db):
    with demo_db.transaction() as env:
        yield env


def deliveries(env):
    """Per order name, its deliveries as (state, days from schedule to delivery), in id order."""
    found = {}
    for picking in env["stock.picking"].search([("kind", "=", "outgoing")], order="id"):
        late = (picking.date_done - picking.scheduled_date).days if picking.date_done else None
        found.setdefault(picking.origin, []).append((picking.state, late))
    return found


def on_hand(env, warehouse):
    """(product reference, lot, quantity) in the warehouse's stock location, without empty quants."""
    quants = env["stock.quant"].search([("location", "=", warehouse.lot_stock.id), ("quantity", "!=", 0)])
    return {(q.product.default_code, q.lot.name if q.lot else None): q.quantity for q in quants}


def test_goods_are_storable_services_are_not_and_two_products_are_tracked(demo):
    products = {p.default_code: p for p in demo["product.product"].search([])}
    services = {code for code, p in products.items() if p.type == "service"}
    assert services == {"HZM-BAKIM", "HZM-EGT", "SRV-INST"}
    assert all(p.type == "storable" for code, p in products.items() if not code.startswith(("HZM", "SRV")))
    assert (products["YP-YAG-20"].tracking, products["T-400"].tracking) == ("lot", "serial")
    assert (products["VMC-850"].weight, products["VMC-850"].sale_delay) == (D("3200"), 21)


def test_the_opening_stock_is_an_applied_count_per_warehouse_dated_at_the_start_of_the_year(demo):
    counts = demo["stock.adjustment"].search([], order="name")
    assert [(c.name, c.state, c.date) for c in counts] == [
        ("IZM/COUNT/2026", "done", dt.date(2026, 1, 5)),
        ("WH/COUNT/2026", "done", dt.date(2026, 1, 5)),
    ]
    moves = demo["stock.move"].search([("origin", "in", [c.name for c in counts])])
    assert len(moves) == 17
    assert {move.location.usage for move in moves} == {"inventory"}
    assert {move.date_done for move in moves} == {dt.datetime(2026, 1, 5, 8, tzinfo=dt.UTC)}
    izmir = on_hand(demo, demo.ref("stock.demo_warehouse_izmir"))
    assert izmir[("T-400", "T400-0421")] == 1 and izmir[("YP-YAG-20", "KY-2026-01")] == 10
    # A lot-tracked delivery took the older lot first: 18 + 2 of the 20 litres of order 08.
    main = on_hand(demo, demo.ref("stock.warehouse_main"))
    assert ("YP-YAG-20", "KY-2025-11") not in main and main[("YP-YAG-20", "KY-2026-01")] == 10
    assert main[("T-400", "T400-0417")] == main[("T-400", "T400-0418")] == 1


def test_reorder_rules_watch_the_fast_moving_parts(demo):
    rules = demo["stock.reorder_rule"].search([])
    assert sorted((r.product.default_code, r.warehouse.code, r.min_qty, r.max_qty) for r in rules) == [
        ("SP-IND-12", "WH", D(100), D(400)),
        ("YP-FLT-15", "WH", D(40), D(120)),
        ("YP-RUL-01", "IZM", D(4), D(12)),
        ("YP-YAG-20", "WH", D(10), D(40)),
    ]


def test_sales_demo_orders_are_delivered_some_in_full_some_in_part_some_waiting(demo):
    assert deliveries(demo) == DELIVERIES
    sold = demo["sales.order"].search([("state", "in", ["confirmed", "done"])])
    statuses = {order.name: order.delivery_status for order in sold}
    assert statuses == {
        "SO/2026/00005": "nothing",
        "SO/2026/00006": "partial",
        "SO/2026/00007": "nothing",
        "SO/2026/00008": "full",
        "SO/2026/00009": "full",
        "SO/2026/00010": "full",
    }


def sales_deliveries(db):
    with db.transaction() as env:
        return deliveries(env)


def test_sales_installed_after_stock_and_purchase_gets_its_deliveries_too(empty_db):
    install(empty_db, ["purchase"], demo=True)
    install(empty_db, ["sales"], demo=True)
    assert sales_deliveries(empty_db) == DELIVERIES


def test_stock_and_purchase_installed_after_sales_deliver_its_orders(empty_db):
    install(empty_db, ["sales"], demo=True)
    install(empty_db, ["purchase"], demo=True)
    assert sales_deliveries(empty_db) == DELIVERIES
    with empty_db.transaction() as env:
        assert {order.warehouse.code for order in env["sales.order"].search([])} == {"WH", "IZM"}
