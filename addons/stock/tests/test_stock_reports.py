"""Stock reports: value on hand by location and category, turnover over a period, late deliveries.

Every figure is checked against the numbers worked out by hand in the comments.
"""

import datetime as dt
import decimal

import pytest

from addons.stock import reporting
from core.errors import AccessError
from core.errors import ValidationError
from core.testing import as_user
from core.testing import make_user
from core.testing.queries import count_queries

pytestmark = pytest.mark.addons("stock")
D = decimal.Decimal
NOW = dt.datetime.now(dt.UTC)


def at(day, hour=10):
    """An instant of a day of 2026, in UTC."""
    return dt.datetime.combine(dt.date.fromisoformat(f"2026-{day}"), dt.time(hour), tzinfo=dt.UTC)


def backdate(picking, moment):
    picking.date_done = moment
    for move in picking.moves:
        move.date_done = moment


# -- stock value --------------------------------------------------------------------------------


@pytest.fixture
def valued(env, receive, make_picking, warehouse, stock, chair, desk):
    """Chairs (EUR) in WH/Stock, on a shelf and in İzmir; two desks whose cost was changed by hand;
    ten bearings costed in TRY (40 TRY to the euro)."""
    furniture, parts = env["product.category"].create([{"name": "Furniture"}, {"name": "Parts"}])
    chair.category = furniture
    desk.category = furniture
    lira, euro = env.ref("base.currency_try"), env.ref("base.currency_eur")
    env["base.currency_rate"].create(
        [
            {"currency": lira.id, "date": "2000-01-01", "rate": "40"},
            {"currency": euro.id, "date": "2000-01-01", "rate": "1"},
        ]
    )
    bearing = env["product.product"].create(
        {"name": "Rulman", "type": "storable", "currency": lira.id, "category": parts.id}
    )
    shelf = env["stock.location"].create({"name": "Shelf A", "parent": stock.id})
    izmir = env["stock.warehouse"].create({"name": "İzmir depo", "code": "IZM"})
    receive((chair, 10, "30.00"), (desk, 2, "150.00"), (bearing, 10, "12.00"))  # bearing: 480 TRY
    make_picking("internal", (chair, 4), location_dest=shelf.id).action_validate()
    izmir_receipt = make_picking("incoming", (chair, 5, "36.00"), warehouse=izmir.id)
    izmir_receipt.action_validate()  # chair: (10 × 30 + 5 × 36) / 15 = 32
    desk.cost = D("160.00")  # the moves still say 300
    return {"shelf": shelf, "izmir": izmir, "bearing": bearing, "furniture": furniture, "parts": parts}


def test_each_quant_is_valued_at_the_current_cost_in_the_company_currency(env, valued, stock, chair, desk):
    rows = {
        (row.location.complete_name, row.product.name): (
            row.quantity,
            row.unit_cost,
            row.value,
            row.warehouse.code,
        )
        for row in env["stock.value"].search([])
    }
    assert rows == {
        ("WH/Stock", "Chair"): (D(6), D(32), D("192.00"), "WH"),
        ("WH/Stock/Shelf A", "Chair"): (D(4), D(32), D("128.00"), "WH"),
        ("IZM/Stock", "Chair"): (D(5), D(32), D("160.00"), "IZM"),
        ("WH/Stock", "Desk"): (D(2), D(160), D("320.00"), "WH"),
        ("WH/Stock", "Rulman"): (D(10), D(12), D("120.00"), "WH"),  # 480 TRY / 40
    }


def test_value_by_location_warehouse_and_category(env, valued):
    def figures(by):
        return [
            (row["key"]["display_name"], row["quantity"], row["value"])
            for row in env["stock.value"].value_by(by)
        ]

    assert figures("location") == [
        ("WH/Stock", D(18), D("632.00")),  # 192 + 320 + 120
        ("IZM/Stock", D(5), D("160.00")),
        ("WH/Stock/Shelf A", D(4), D("128.00")),
    ]
    assert figures("warehouse") == [("Main warehouse", D(22), D("760.00")), ("İzmir depo", D(5), D("160.00"))]
    assert figures("category") == [("Furniture", D(17), D("800.00")), ("Parts", D(10), D("120.00"))]
    assert {row["currency"] for row in env["stock.value"].value_by("product")} == {"EUR"}
    with pytest.raises(ValidationError):
        env["stock.value"].value_by("colour")


def test_values_are_for_cost_readers_and_quantities_for_every_storekeeper(
    env, valued, storekeeper, stock_manager
):
    with as_user(env, storekeeper) as keeper:
        groups = keeper["stock.value"].read_group([], ["category"], ["quantity:sum"])
        assert [(g["category"]["display_name"], g["quantity:sum"]) for g in groups] == [
            ("Furniture", D(17)),
            ("Parts", D(10)),
        ]
        with pytest.raises(AccessError):
            keeper["stock.value"].value_by("category")
    with as_user(env, stock_manager) as manager:
        assert sum(row["value"] for row in manager["stock.value"].value_by("location")) == D("920.00")


def test_the_report_reads_in_one_query_however_many_quants(env, valued):
    env.flush()
    with count_queries(env) as counter:
        env["stock.value"].read_group([], ["location", "currency"], ["quantity:sum", "value:sum"])
    assert counter.count == 3  # the groups, then the names of the locations and of the currencies


# -- turnover -------------------------------------------------------------------------------------


@pytest.fixture
def traded(env, receive, make_picking, chair, customer):
    """Chairs through the first months of 2026, each transfer dated as it happened."""
    chair.cost = D(0)
    backdate(receive((chair, 10, "10.00")), at("01-10"))  # +100, cost 10
    first = make_picking("outgoing", (chair, 4), partner=customer.id)
    first.action_validate()
    backdate(first, at("02-05"))  # −40
    backdate(receive((chair, 10, "14.00")), at("03-03"))  # +140, cost (6 × 10 + 10 × 14) / 16 = 12.50
    second = make_picking("outgoing", (chair, 8), partner=customer.id)
    second.action_validate()
    backdate(second, at("03-20"))  # −100
    back = second.action_return({second.moves[0].id: "2"})
    back.action_validate()
    backdate(back, at("04-02"))  # +25, a return at the price the chairs left with
    return chair


def test_turnover_is_the_cost_of_goods_delivered_over_the_average_stock_value(env, traded):
    [row] = env["stock.turnover"].turnover_between(dt.date(2026, 2, 1), dt.date(2026, 3, 31))
    # opening 100, closing 100 − 40 + 140 − 100 = 100, average 100, delivered 40 + 100 = 140;
    # turnover 140 / 100 = 1.40; 59 days / 1.4 = 42.1 days of inventory
    assert (row["product"]["id"], row["currency"]) == (traded.id, "EUR")
    assert (row["opening_value"], row["closing_value"], row["average_value"], row["cogs"]) == (
        D("100.00"),
        D("100.00"),
        D("100.00"),
        D("140.00"),
    )
    assert (row["turnover"], row["days_of_inventory"]) == (D("1.40"), D("42.1"))


def test_goods_customers_return_are_taken_off_the_cost_of_goods_delivered(env, traded):
    [row] = env["stock.turnover"].turnover_between(dt.date(2026, 2, 1), dt.date(2026, 4, 30))
    # closing 100 + 25 = 125, average 112.50, delivered 140 − 25 = 115;
    # turnover 115 / 112.5 = 1.02; 89 days × 112.5 / 115 = 87.1 days
    assert (row["closing_value"], row["average_value"], row["cogs"]) == (
        D("125.00"),
        D("112.50"),
        D("115.00"),
    )
    assert (row["turnover"], row["days_of_inventory"]) == (D("1.02"), D("87.1"))


def test_without_stock_or_deliveries_the_ratios_are_empty(env, traded):
    [before] = env["stock.turnover"].turnover_between(dt.date(2026, 1, 11), dt.date(2026, 1, 31))
    assert (before["cogs"], before["turnover"], before["days_of_inventory"]) == (D("0.00"), D("0.00"), None)
    assert env["stock.turnover"].turnover_between(dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == []
    with pytest.raises(ValidationError):
        env["stock.turnover"].turnover_between(dt.date(2026, 3, 1), dt.date(2026, 2, 1))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (
            "2026-05-31",
            {
                "this_month": ("2026-05-01", "2026-06-01"),
                "last_month": ("2026-04-01", "2026-05-01"),
                "this_quarter": ("2026-04-01", "2026-06-01"),
                "last_quarter": ("2026-01-01", "2026-04-01"),
                "this_year": ("2026-01-01", "2026-06-01"),
                "last_year": ("2025-01-01", "2026-01-01"),
                "last_12_months": ("2025-06-01", "2026-06-01"),
            },
        ),
        (
            "2026-01-15",
            {"last_month": ("2025-12-01", "2026-01-01"), "last_quarter": ("2025-10-01", "2026-01-01")},
        ),
    ],
)
def test_periods_run_from_their_first_day_to_the_day_after_their_last(today, expected):
    day = dt.date.fromisoformat(today)
    bounds = {p.code: tuple(d.isoformat() for d in p.bounds(day)) for p in reporting.PERIODS}
    assert {code: bounds[code] for code in expected} == expected


def test_the_screen_offers_the_usual_periods_up_to_today(env, receive, make_picking, chair, customer):
    chair.cost = D(0)
    backdate(receive((chair, 10, "10.00")), NOW - dt.timedelta(days=40))
    delivery = make_picking("outgoing", (chair, 5), partner=customer.id)
    delivery.action_validate()
    backdate(delivery, NOW - dt.timedelta(days=10))
    today = NOW.date()
    [row] = env["stock.turnover"].search([("product", "=", chair.id), ("period", "=", "last_12_months")])
    # nothing before, 100 − 50 = 50 at the end, average 25, 50 delivered: turnover 2, 365 / 2 days
    assert (row.date_from, row.date_to, row.days) == (today - dt.timedelta(days=364), today, 365)
    assert (row.opening_value, row.closing_value, row.average_value, row.cogs) == (0, 50, 25, 50)
    assert (row.turnover, row.days_of_inventory) == (D("2.00"), D("182.5"))
    periods = {r.period for r in env["stock.turnover"].search([("product", "=", chair.id)])}
    assert {"this_month", "this_quarter", "this_year", "last_12_months"} <= periods  # they end today


# -- late deliveries ------------------------------------------------------------------------------


@pytest.fixture
def deliveries(env, receive, make_picking, chair, desk):
    """Anadolu waits 5 days for chairs; Duna got desks 7 days late and chairs on time."""
    anadolu, duna = env["base.partner"].create([{"name": "Anadolu Makine"}, {"name": "Duna Kft."}])
    receive((chair, 10), (desk, 10))
    waiting = make_picking(
        "outgoing", (chair, 2), partner=anadolu.id, scheduled_date=NOW - dt.timedelta(days=5)
    )
    late = make_picking("outgoing", (desk, 3), partner=duna.id, scheduled_date=NOW - dt.timedelta(days=10))
    late.action_validate()
    backdate(late, NOW - dt.timedelta(days=3))
    punctual = make_picking(
        "outgoing", (chair, 1), partner=duna.id, scheduled_date=NOW - dt.timedelta(days=1)
    )
    punctual.action_validate()
    backdate(punctual, NOW - dt.timedelta(days=1))
    make_picking("outgoing", (chair, 1), partner=duna.id, scheduled_date=NOW + dt.timedelta(days=2))
    make_picking(
        "outgoing", (chair, 1), partner=anadolu.id, scheduled_date=NOW - dt.timedelta(days=9)
    ).action_cancel()
    return {"anadolu": anadolu, "duna": duna, "waiting": waiting, "late": late}


def test_late_deliveries_are_the_open_moves_past_their_day_and_those_done_after_it(env, deliveries):
    rows = [
        (row.partner.name, row.product.name, row.status, row.delay, row.quantity)
        for row in env["stock.late_delivery"].search([])
    ]
    assert rows == [("Duna Kft.", "Desk", "delivered", 7, D(3)), ("Anadolu Makine", "Chair", "open", 5, D(2))]


def test_late_deliveries_per_customer_and_per_product(env, deliveries, chair):
    by_customer = [
        (
            row["key"]["display_name"],
            row["late"],
            row["open"],
            row["delivered"],
            row["average_delay"],
            row["max_delay"],
        )
        for row in env["stock.late_delivery"].late_by("customer")
    ]
    assert by_customer == [("Duna Kft.", 1, 0, 1, D("7.0"), 7), ("Anadolu Makine", 1, 1, 0, D("5.0"), 5)]
    # a second late chair for Anadolu: (5 + 8) / 2 = 6.5 days on average
    anadolu, eight_days_ago = deliveries["anadolu"], NOW - dt.timedelta(days=8)
    env["stock.picking"].create(
        {"kind": "outgoing", "partner": anadolu.id, "scheduled_date": eight_days_ago,
         "moves": [{"product": chair.id, "quantity": "1"}]}
    ).action_confirm()  # fmt: skip
    [chairs, desks] = env["stock.late_delivery"].late_by("product")
    assert (chairs["key"]["id"], chairs["late"], chairs["average_delay"], chairs["max_delay"]) == (
        chair.id,
        2,
        D("6.5"),
        8,
    )
    assert (desks["late"], desks["delivered"]) == (1, 1)
    days = {"date_from": NOW.date() - dt.timedelta(days=9), "date_to": NOW.date()}
    assert [row["late"] for row in env["stock.late_delivery"].late_by("customer", **days)] == [2]


def test_storekeepers_of_another_company_see_none_of_it(env, deliveries):
    other = env["base.company"].create({"name": "Other Co", "currency": env.ref("base.currency_eur").id})
    outsider = make_user(env, "outsider", ["stock.group_user"], companies=[other])
    with as_user(env, outsider) as outsider_env:
        assert outsider_env["stock.late_delivery"].search_count([]) == 0
        assert outsider_env["stock.value"].search_count([]) == 0
