"""Sales figures: revenue by month, customer, salesperson and product, average order, conversion."""

import datetime as dt
from decimal import Decimal

import pytest

from core.errors import ValidationError

pytestmark = pytest.mark.addons("sales")


@pytest.fixture
def orders(env, make_order, drill, customer, salesperson, manager):
    """Five orders: three sold (two in March, one in April), one open quotation, one cancelled."""
    other = env["base.partner"].create({"name": "Ege Tekstil", "is_company": True})

    def order(date, quantity, state, partner=customer, user=salesperson):
        made = make_order(
            [{"product": drill.id, "quantity": str(quantity), "price_unit": "100"}],
            date_order=date, partner=partner.id, user=user.id,
        )  # fmt: skip
        if state != "draft":
            getattr(made, {"confirmed": "action_confirm", "cancelled": "action_cancel"}[state])()
        return made

    return [
        order("2026-03-05", 2, "confirmed"),
        order("2026-03-20", 1, "confirmed", partner=other),
        order("2026-04-02", 6, "confirmed", user=manager),
        order("2026-04-10", 3, "draft"),
        order("2026-04-12", 9, "cancelled"),
    ]


def test_revenue_by_month(env, orders):
    rows = env["sales.order"].sales_stats(by="month")
    assert [(row["key"], row["currency"], row["revenue"], row["orders"]) for row in rows] == [
        ("2026-03-01", "EUR", Decimal("300"), 2),
        ("2026-04-01", "EUR", Decimal("600"), 1),
    ]


def test_revenue_by_customer_largest_first(env, orders, customer):
    rows = env["sales.order"].sales_stats(by="customer")
    assert [(row["key"]["display_name"], row["revenue"]) for row in rows] == [
        ("Anadolu Makine A.Ş.", Decimal("800")),
        ("Ege Tekstil", Decimal("100")),
    ]


def test_revenue_by_salesperson_and_by_product_within_dates(env, orders, salesperson, drill):
    march = {"date_from": dt.date(2026, 3, 1), "date_to": dt.date(2026, 3, 31)}
    [row] = env["sales.order"].sales_stats(by="salesperson", **march)
    assert (row["key"]["id"], row["revenue"]) == (salesperson.id, Decimal("300"))
    [row] = env["sales.order"].sales_stats(by="product")
    assert (row["key"]["id"], row["revenue"], row["orders"]) == (drill.id, Decimal("900"), 3)


def test_average_order_value_and_conversion(env, orders):
    assert env["sales.order"].sales_average() == {"EUR": Decimal("300.00")}
    # 3 sold of 4 not cancelled
    assert env["sales.order"].sales_conversion() == Decimal("75.00")
    assert env["sales.order"].sales_conversion(date_from=dt.date(2026, 4, 1)) == Decimal("50.00")
    assert env["sales.order"].sales_conversion(date_from=dt.date(2027, 1, 1)) is None


def test_an_unknown_grouping_is_refused(env):
    with pytest.raises(ValidationError):
        env["sales.order"].sales_stats(by="weather")


def test_the_dashboard_reads_as_a_salesperson(db, env, orders, salesperson):
    from core.testing import as_user
    from core.views.dashboards import parse_measure
    from core.views.resolve import date_values
    from core.views.resolve import substitute

    dashboard = db.registry.ui.dashboards["sales.overview"]
    with as_user(env, salesperson) as user_env:
        for item in (*dashboard.tiles, *dashboard.charts):
            field, function = parse_measure(item.measure)
            groupby = [item.group_by] if hasattr(item, "group_by") else []
            domain = substitute(item.domain, {**user_env.access.values, **date_values(dt.date.today())})
            user_env["sales.order"].read_group(domain, groupby, [f"{field}:{function}"])
