"""Purchase figures: amounts and quantities by month, vendor and product; on-time rates; the dashboard."""

import datetime as dt
from decimal import Decimal

import pytest

from core.errors import ValidationError
from core.testing import as_user
from core.views.dashboards import parse_measure
from core.views.resolve import date_values
from core.views.resolve import substitute

pytestmark = pytest.mark.addons("purchase")


@pytest.fixture
def orders(make_order, bolt, nut, vendor, other_vendor):
    """Three orders bought (two in March, one in April, locked), one open request, one cancelled."""

    def order(date, lines, state="purchase", partner=vendor):
        values = [
            {"product": product.id, "quantity": str(qty), "price_unit": price}
            for product, qty, price in lines
        ]
        made = make_order(values, date_order=date, partner=partner.id)
        if state in ("purchase", "done"):
            made.action_confirm()
        if state == "done":
            made.action_done()
        if state == "cancelled":
            made.action_cancel()
        return made

    return [
        order("2026-03-05", [(bolt, 100, "0.40"), (nut, 50, "0.20")]),
        order("2026-03-20", [(bolt, 200, "0.35")], partner=other_vendor),
        order("2026-04-02", [(nut, 100, "0.15")], state="done"),
        order("2026-04-10", [(bolt, 1000, "0.40")], state="draft"),
        order("2026-04-12", [(bolt, 500, "0.40")], state="cancelled"),
    ]


def stats(env, by, **period):
    return [
        (row["key"] if by == "month" else row["key"]["display_name"], row["currency"], row["amount"],
         row["quantity"], row["orders"])
        for row in env["purchase.order"].purchase_stats(by=by, **period)
    ]  # fmt: skip


def test_purchases_by_month(env, orders):
    assert stats(env, "month") == [
        ("2026-03-01", "EUR", Decimal("120.00"), Decimal("350"), 2),
        ("2026-04-01", "EUR", Decimal("15.00"), Decimal("100"), 1),
    ]
    amounts = [str(row["amount"]) for row in env["purchase.order"].purchase_stats(by="month")]
    assert amounts == ["120.00", "15.00"]  # rounded by the currency


def test_purchases_by_vendor_largest_first(env, orders):
    assert stats(env, "vendor") == [
        ("Baltic Industrial Supply Ltd", "EUR", Decimal("70.00"), Decimal("200"), 1),
        ("Marmara Döküm A.Ş.", "EUR", Decimal("65.00"), Decimal("250"), 2),
    ]


def test_purchases_by_product_within_dates(env, orders):
    assert stats(env, "product") == [
        ("[BLT-8] Bolt M8", "EUR", Decimal("110.00"), Decimal("300"), 2),
        ("[NUT-8] Nut M8", "EUR", Decimal("25.00"), Decimal("150"), 2),
    ]
    assert stats(env, "vendor", date_from=dt.date(2026, 4, 1), date_to=dt.date(2026, 4, 30)) == [
        ("Marmara Döküm A.Ş.", "EUR", Decimal("15.00"), Decimal("100"), 1),
    ]


def test_an_unknown_grouping_is_refused(env):
    with pytest.raises(ValidationError) as error:
        env["purchase.order"].purchase_stats(by="weather")
    assert "by" in error.value.fields


def test_vendor_on_time_rate_counts_receipts_done_by_their_scheduled_day(
    env, make_order, make_price, bolt, nut, vendor, other_vendor
):
    today = env.today()
    make_price(bolt, "0.40", delay=3)
    make_price(nut, "0.20", partner=other_vendor.id)

    def received(partner, product, ordered):
        order = make_order([{"product": product.id, "quantity": "5"}], partner=partner.id, date_order=ordered)
        order.action_confirm()
        order.receipts[0].action_validate()

    received(vendor, bolt, today)  # due in 3 days: on time
    received(vendor, bolt, today - dt.timedelta(days=2))  # due tomorrow: on time
    received(vendor, bolt, today - dt.timedelta(days=10))  # due a week ago: late
    received(other_vendor, nut, today - dt.timedelta(days=1))  # due yesterday: late
    received(other_vendor, nut, today)  # due today: on time
    env.flush()
    assert [
        (row["vendor"]["display_name"], row["receipts"], row["on_time"], row["rate"])
        for row in env["purchase.order"].vendor_on_time()
    ] == [
        ("Marmara Döküm A.Ş.", 3, 2, Decimal("66.67")),
        ("Baltic Industrial Supply Ltd", 2, 1, Decimal("50.00")),
    ]
    assert env["purchase.order"].vendor_on_time(date_to=today - dt.timedelta(days=1)) == []


def test_the_dashboard_reads_as_a_buyer(db, env, orders, buyer):
    dashboard = db.registry.ui.dashboards["purchase.overview"]
    with as_user(env, buyer) as user_env:
        for item in (*dashboard.tiles, *dashboard.charts):
            field, function = parse_measure(item.measure)
            groupby = [item.group_by] if hasattr(item, "group_by") else []
            domain = substitute(item.domain, {**user_env.access.values, **date_values(dt.date.today())})
            assert user_env[item.model].read_group(domain, groupby, [f"{field}:{function}"])
