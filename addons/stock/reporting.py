"""Stock figures: what is on hand and what it is worth, turnover, late deliveries.

Each figure is a SQL query: the reports ``stock.value``, ``stock.turnover``
and ``stock.late_delivery`` (`core.orm.report`) are mapped onto the queries
built here, so the Inventory app lists, groups, sums and exports them; the
functions at the end answer in one query as the user::

    env["stock.value"].value_by(by="category")
    # [{"key": {"id": 4, "display_name": "Spare parts"}, "currency": "EUR",
    #   "quantity": Decimal("148.0000"), "value": Decimal("2071.42")}, ...]   largest value first

**Stock value** is the quantity on hand in each internal location times the
product's cost converted into the company's currency at today's rates
(`addons.stock.report_sql.to_company_currency`), rounded by that currency
per quant. It values what is there now at the cost now; the sum of the
moves' values would value it at the costs of the days the goods moved
(docs/decisions.md).

**Turnover** over a period, per product and company: the cost of goods
delivered to customers in the period (the value of the done moves into
customer locations, less that of goods customers returned) divided by the
average stock value, the mean of the stock value at the start of the period
and at its end. The stock value at an instant is reconstructed from the
moves: the sum of the values of every move done before it (goods coming
into the company's locations count positive, goods leaving negative,
transfers between its locations nothing). Days of inventory are the days of
the period divided by the turnover. Either is empty when it cannot be
computed (no stock, or nothing delivered). Periods are days in UTC; a period
ending today ends with today.

**Late deliveries** are moves of goods to customers that are not done a day
after their scheduled date (the promise made on the order), and moves done
on a later day than it; the delay is in whole days, to today for the ones
not done.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import functools
from collections.abc import Callable
from typing import Any

from sqlalchemy import Date
from sqlalchemy import Integer
from sqlalchemy import Select
from sqlalchemy import bindparam
from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import literal_column
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import union_all

from addons.stock.report_sql import days_between
from addons.stock.report_sql import to_company_currency
from addons.stock.report_sql import today_param
from addons.stock.report_sql import utc_day
from addons.stock.report_sql import utc_today
from core.errors import ValidationError
from core.i18n import _
from core.orm.environment import Environment
from core.orm.fields.temporal import UTCDateTime
from core.orm.names import display_names
from core.orm.registry import Registry

ZERO = decimal.Decimal(0)
OPEN = ("waiting", "partial", "ready")

# -- periods -------------------------------------------------------------------------------


def _month_start(day: dt.date, back: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


def _quarter_start(day: dt.date, back: int = 0) -> dt.date:
    return _month_start(day, (day.month - 1) % 3 + 3 * back)


@dataclasses.dataclass(frozen=True)
class Period:
    """A period the turnover screen offers: its code, label, and its days as of a day.

    ``bounds(today)`` is (first day, the day after the last).
    """

    code: str
    label: str
    bounds: Callable[[dt.date], tuple[dt.date, dt.date]]


TOMORROW = dt.timedelta(days=1)
PERIODS = (
    Period("this_month", "This month", lambda d: (_month_start(d), d + TOMORROW)),
    Period("last_month", "Last month", lambda d: (_month_start(d, 1), _month_start(d))),
    Period("this_quarter", "This quarter", lambda d: (_quarter_start(d), d + TOMORROW)),
    Period("last_quarter", "Last quarter", lambda d: (_quarter_start(d, 1), _quarter_start(d))),
    Period("this_year", "This year", lambda d: (d.replace(month=1, day=1), d + TOMORROW)),
    Period("last_year", "Last year", lambda d: (dt.date(d.year - 1, 1, 1), d.replace(month=1, day=1))),
    Period("last_12_months", "Last 12 months", lambda d: (d - dt.timedelta(days=364), d + TOMORROW)),
)


def _bound(bounds: tuple[dt.date, dt.date], end: bool | None, kind: Any, shift: int) -> Any:
    """A period's first day (``end`` False) or the day after its last (True), shifted by ``shift``
    days, as a date or as the instant it starts in UTC; its number of days when ``end`` is None."""
    if end is None:
        return (bounds[1] - bounds[0]).days
    day = bounds[end] + dt.timedelta(days=shift)
    return day if kind is Date else dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def _bound_today(period: Period, end: bool | None, kind: Any, shift: int) -> Any:
    return _bound(period.bounds(utc_today()), end, kind, shift)


def _period_row(code: str, position: int, param: Callable[[str, bool | None, Any, int], Any]) -> Select[Any]:
    """One period: its code and position, first and last day, the instants it starts and ends, its days.

    ``param(name, end, kind, shift)`` binds one of its bounds (see `_bound`).
    """
    return select(
        literal_column(f"'{code}'").label("period"),
        literal_column(str(position)).label("position"),
        param("date_from", False, Date, 0).label("date_from"),
        param("date_to", True, Date, -1).label("date_to"),
        param("start_at", False, UTCDateTime, 0).label("start_at"),
        param("end_at", True, UTCDateTime, 0).label("end_at"),
        param("days", None, Integer, 0).label("days"),
    )


def preset_periods() -> Any:
    """Every period of `PERIODS`, its bounds read again at each query (today moves on)."""
    rows = []
    for position, period in enumerate(PERIODS):

        def param(name: str, end: bool | None, kind: Any, shift: int, period: Period = period) -> Any:
            value = functools.partial(_bound_today, period, end, kind, shift)
            return bindparam(f"{period.code}_{name}", callable_=value, type_=kind())

        rows.append(_period_row(period.code, position, param))
    return union_all(*rows).subquery("periods")


def fixed_period(date_from: dt.date, date_to: dt.date) -> Any:
    """The days from ``date_from`` to ``date_to``, both included, as the period ``custom``."""
    bounds = (date_from, date_to + TOMORROW)

    def param(name: str, end: bool | None, kind: Any, shift: int) -> Any:
        return bindparam(f"custom_{name}", _bound(bounds, end, kind, shift), type_=kind())

    return _period_row("custom", 0, param).subquery("periods")


# -- the queries ---------------------------------------------------------------------------


def value_query(registry: Registry) -> Select[Any]:
    """One row per quant with goods in an internal location of a company: quantity and value."""
    quant = registry["stock.quant"]._table
    location = registry["stock.location"]._table
    product = registry["product.product"]._table
    company = registry["base.company"]._table
    currency = registry["base.currency"]._table
    warehouse = registry["stock.warehouse"]._table
    view = location.alias("view_location")
    # The warehouse whose tree holds the location: its view location's name starts the location's.
    prefix = (view.c.complete_name + "/").label("prefix")
    homes = select(warehouse.c.id, prefix).join(view, view.c.id == warehouse.c.view_location_id).subquery()
    in_tree = func.substr(location.c.complete_name, 1, func.length(homes.c.prefix)) == homes.c.prefix
    unit_cost = to_company_currency(
        registry, product.c.cost, product.c.currency_id, company.c.currency_id, today_param()
    )
    return (
        select(
            quant.c.id,
            quant.c.product_id,
            product.c.category_id,
            quant.c.location_id,
            homes.c.id.label("warehouse_id"),
            quant.c.lot_id,
            location.c.company_id,
            quant.c.quantity,
            unit_cost.label("unit_cost"),
            func.round(quant.c.quantity * unit_cost, currency.c.decimal_places).label("value"),
            company.c.currency_id,
        )
        .join(location, location.c.id == quant.c.location_id)
        .join(product, product.c.id == quant.c.product_id)
        .join(company, company.c.id == location.c.company_id)
        .join(currency, currency.c.id == company.c.currency_id)
        .outerjoin(homes, in_tree)
        .where(location.c.usage == "internal", quant.c.quantity != 0)
    )


def turnover_query(registry: Registry, periods: Any) -> Select[Any]:
    """One row per product, company and period with done moves before the period's end."""
    move = registry["stock.move"]._table
    product = registry["product.product"]._table
    source = registry["stock.location"]._table.alias("source")
    destination = registry["stock.location"]._table.alias("destination")
    before = move.c.date_done < periods.c.start_at
    sold = (move.c.date_done >= periods.c.start_at) & or_(
        source.c.usage == "customer", destination.c.usage == "customer"
    )
    opening = func.sum(case((before, move.c.value), else_=0))
    closing = func.sum(move.c.value)
    cogs = -func.sum(case((sold, move.c.value), else_=0))
    average = (opening + closing) * literal_column("1.0") / 2
    return (
        select(
            func.row_number()
            .over(order_by=(move.c.product_id, move.c.company_id, periods.c.position))
            .label("id"),
            move.c.product_id,
            product.c.category_id,
            move.c.company_id,
            move.c.currency_id,
            periods.c.period,
            periods.c.date_from,
            periods.c.date_to,
            periods.c.days,
            opening.label("opening_value"),
            closing.label("closing_value"),
            average.label("average_value"),
            cogs.label("cogs"),
            case((average > 0, cogs / average)).label("turnover"),
            case((cogs > 0, periods.c.days * average / cogs)).label("days_of_inventory"),
        )
        .join(periods, move.c.date_done < periods.c.end_at)
        .join(product, product.c.id == move.c.product_id)
        .join(source, source.c.id == move.c.location_id)
        .join(destination, destination.c.id == move.c.location_dest_id)
        .where(move.c.state == "done", move.c.value.is_not(None))
        .group_by(
            move.c.product_id,
            product.c.category_id,
            move.c.company_id,
            move.c.currency_id,
            periods.c.period,
            periods.c.position,
            periods.c.date_from,
            periods.c.date_to,
            periods.c.days,
        )
    )


def late_query(registry: Registry) -> Select[Any]:
    """One row per move of goods to customers that is late: not done past its day, or done after it."""
    move = registry["stock.move"]._table
    picking = registry["stock.picking"]._table
    product = registry["product.product"]._table
    source = registry["stock.location"]._table.alias("source")
    destination = registry["stock.location"]._table.alias("destination")
    done = move.c.state == "done"
    due = utc_day(move.c.date)
    delay = case((done, days_between(utc_day(move.c.date_done), due)), else_=days_between(today_param(), due))
    return (
        select(
            move.c.id,
            move.c.picking_id,
            picking.c.partner_id,
            move.c.product_id,
            product.c.category_id,
            picking.c.warehouse_id,
            move.c.company_id,
            move.c.origin,
            move.c.date,
            move.c.date_done,
            move.c.quantity,
            move.c.quantity_done,
            case((done, "delivered"), else_="open").label("status"),
            delay.label("delay"),
        )
        .join(source, source.c.id == move.c.location_id)
        .join(destination, destination.c.id == move.c.location_dest_id)
        .join(product, product.c.id == move.c.product_id)
        .outerjoin(picking, picking.c.id == move.c.picking_id)
        .where(
            source.c.usage == "internal",
            destination.c.usage == "customer",
            move.c.state.in_([*OPEN, "done"]),
            delay > 0,
        )
    )


# -- figures -------------------------------------------------------------------------------

VALUE_GROUPINGS = {
    "location": "location",
    "warehouse": "warehouse",
    "category": "category",
    "product": "product",
}
LATE_GROUPINGS = {"customer": "partner", "product": "product"}


def _by(groupings: dict[str, str], by: str) -> str:
    key = groupings.get(by)
    if key is None:
        raise ValidationError(fields={"by": _("Group by one of %(keys)s.", keys=", ".join(groupings))})
    return key


def value_by(env: Environment, by: str = "location") -> list[dict[str, Any]]:
    """Quantity on hand and its value per location, warehouse, product category or product, and currency.

    Largest value first. The value needs the right to read costs.

    Raises:
        ValidationError: ``by`` is not one of those.
        AccessError: the user may not read costs.
    """
    key = _by(VALUE_GROUPINGS, by)
    groups = env["stock.value"].read_group(
        [], [key, "currency"], ["quantity:sum", "value:sum"], order="value:sum desc"
    )
    ids = sorted({group["currency"]["id"] for group in groups})
    currencies = {currency.id: currency for currency in env["base.currency"].browse(ids)}
    return [
        {
            "key": group[key],
            "currency": group["currency"]["display_name"],
            "quantity": group["quantity:sum"] or ZERO,
            "value": currencies[group["currency"]["id"]].round(group["value:sum"] or ZERO),
        }
        for group in groups
    ]


def turnover_between(env: Environment, date_from: dt.date, date_to: dt.date) -> list[dict[str, Any]]:
    """Per product (and company), the turnover and days of inventory from ``date_from`` to ``date_to``.

    One query, as the user: the companies they may see, and the right to read
    ``stock.turnover`` and costs. Most delivered first.

    Raises:
        ValidationError: the period ends before it starts.
        AccessError: the user may not read the turnover or costs.
    """
    if date_to < date_from:
        raise ValidationError(fields={"date_to": _("The period ends before it starts.")})
    model = env.registry["stock.turnover"]
    if not env.su:
        env.access.check(model, "read")
        env.access.check_fields(model, ["cogs"])
    rows = turnover_query(env.registry, fixed_period(date_from, date_to)).subquery()
    stmt = select(rows).order_by(rows.c.cogs.desc(), rows.c.product_id)
    if not env.su:
        stmt = stmt.where(rows.c.company_id.in_(env.access.values["@companies"]))
    found = env.session.execute(stmt).all()
    names = display_names(env, env.registry["product.product"], [row.product_id for row in found])
    currencies = {c.id: c for c in env["base.currency"].browse(sorted({row.currency_id for row in found}))}
    return [_turnover_row(row, names, currencies) for row in found]


def _turnover_row(row: Any, names: dict[int, str], currencies: dict[int, Any]) -> dict[str, Any]:
    currency = currencies[row.currency_id]

    def money(value: Any) -> decimal.Decimal:
        return currency.round(decimal.Decimal(str(value or 0)))

    def ratio(value: Any, places: str) -> decimal.Decimal | None:
        if value is None:
            return None
        return decimal.Decimal(str(value)).quantize(decimal.Decimal(places), rounding=decimal.ROUND_HALF_UP)

    return {
        "product": {"id": row.product_id, "display_name": names.get(row.product_id, "")},
        "currency": currency.code,
        "opening_value": money(row.opening_value),
        "closing_value": money(row.closing_value),
        "average_value": money(row.average_value),
        "cogs": money(row.cogs),
        "turnover": ratio(row.turnover, "0.01"),
        "days_of_inventory": ratio(row.days_of_inventory, "0.1"),
    }


def late_by(
    env: Environment, by: str = "customer", date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[dict[str, Any]]:
    """Per customer or product: late moves (not delivered, delivered late), average and longest delay.

    ``date_from`` and ``date_to`` bound the scheduled day, both included. Most late first.

    Raises:
        ValidationError: ``by`` is not customer or product.
    """
    key = _by(LATE_GROUPINGS, by)
    domain: list[Any] = []
    if date_from is not None:
        domain.append(("date", ">=", dt.datetime.combine(date_from, dt.time(), tzinfo=dt.UTC)))
    if date_to is not None:
        domain.append(("date", "<", dt.datetime.combine(date_to + TOMORROW, dt.time(), tzinfo=dt.UTC)))
    groups = env["stock.late_delivery"].read_group(domain, [key, "status"], ["delay:sum", "delay:max"])
    rows: dict[Any, dict[str, Any]] = {}
    for group in groups:
        value = group[key]
        row = rows.setdefault(
            value["id"] if value else None,
            {"key": value, "late": 0, "open": 0, "delivered": 0, "days": 0, "max_delay": 0},
        )
        row["late"] += group["__count"]
        row[group["status"]] += group["__count"]
        row["days"] += group["delay:sum"] or 0
        row["max_delay"] = max(row["max_delay"], group["delay:max"] or 0)
    result = []
    for row in rows.values():
        days = row.pop("days")
        row["average_delay"] = (decimal.Decimal(days) / row["late"]).quantize(decimal.Decimal("0.1"))
        result.append(row)
    return sorted(result, key=lambda row: (-row["late"], -row["max_delay"]))
