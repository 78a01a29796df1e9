"""Purchase figures, each one SQL query run as the user (so their rules apply).

Purchases are the lines of confirmed and locked orders, dated by the order
date, and are never added across currencies: every figure is per currency.
Amounts are untaxed subtotals; quantities are in each product's unit.
``date_from`` and ``date_to`` bound the order date, both included, either
open::

    env["purchase.order"].purchase_stats(by="vendor", date_from=dt.date(2026, 1, 1))
    # [{"key": {"id": 9, "display_name": "Marmara Döküm A.Ş."}, "currency": "TRY",
    #   "amount": Decimal("412000.00"), "quantity": Decimal("40.0000"), "orders": 3}, ...]

A vendor's on-time rate is the share of its purchase receipts, done in the
period, that were done no later than their scheduled day (days in UTC, as
every report reads them; receipts are scheduled at noon of the expected day,
`addons.purchase.receipts`). Backorders count as receipts of their own;
returns do not count::

    env["purchase.order"].vendor_on_time()
    # [{"vendor": {"id": 9, "display_name": "..."}, "receipts": 4, "on_time": 3,
    #   "rate": Decimal("75.00")}, ...]   best first
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import select

from core.errors import ValidationError
from core.orm.environment import Environment
from core.orm.names import display_names

PURCHASED = ("purchase", "done")
GROUPINGS = {"month": "date_order:month", "vendor": "partner", "product": "product"}
AMOUNT = "subtotal:sum"
PERCENT = decimal.Decimal("0.01")
ZERO = decimal.Decimal(0)


def purchases(
    env: Environment, by: str, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[dict[str, Any]]:
    """Amount, quantity and number of orders per month, vendor or product, and currency.

    Months come in date order, the others largest amount first.

    Raises:
        ValidationError: ``by`` is not one of month, vendor, product.
    """
    key = GROUPINGS.get(by)
    if key is None:
        raise ValidationError(fields={"by": f"Group by one of {', '.join(GROUPINGS)}."})
    domain: list[Any] = [("order.state", "in", list(PURCHASED))]
    if date_from is not None:
        domain.append(("date_order", ">=", date_from.isoformat()))
    if date_to is not None:
        domain.append(("date_order", "<=", date_to.isoformat()))
    groups = env["purchase.order_line"].read_group(
        domain,
        [key, "currency"],
        [AMOUNT, "quantity:sum", "order:count_distinct"],
        order=f"{key} asc" if by == "month" else f"{AMOUNT} desc",
    )
    # Every line has its order's currency: amounts are rounded by it.
    ids = sorted({group["currency"]["id"] for group in groups})
    currencies = {currency.id: currency for currency in env["base.currency"].browse(ids)}
    return [
        {
            "key": group[key],
            "currency": group["currency"]["display_name"],
            "amount": currencies[group["currency"]["id"]].round(group[AMOUNT] or ZERO),
            "quantity": group["quantity:sum"] or ZERO,
            "orders": group["order:count_distinct"],
        }
        for group in groups
    ]


def on_time_rates(
    env: Environment, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[dict[str, Any]]:
    """Per vendor, its receipts done between the dates (both included) and the share done on time."""
    Picking = env.registry["stock.picking"]
    domain: list[Any] = [
        ("purchase_order", "is set", True),
        ("kind", "=", "incoming"),
        ("state", "=", "done"),
    ]
    if date_from is not None:
        domain.append(("date_done", ">=", date_from.isoformat()))
    if date_to is not None:
        domain.append(("date_done", "<", (date_to + dt.timedelta(days=1)).isoformat()))
    on_time = func.date(Picking.date_done) <= func.date(Picking.scheduled_date)  # type: ignore[attr-defined]
    stmt = (
        select(Picking.partner_id, func.count(), func.sum(case((on_time, 1), else_=0)))  # type: ignore[attr-defined]
        .where(Picking.where(env, domain))
        .group_by(Picking.partner_id)  # type: ignore[attr-defined]
    )
    rows = [row for row in env.session.execute(stmt) if row[0] is not None]
    names = display_names(env, env.registry["base.partner"], [row[0] for row in rows])
    result = [
        {
            "vendor": {"id": vendor_id, "display_name": names.get(vendor_id, "")},
            "receipts": int(count),
            "on_time": int(punctual),
            "rate": (decimal.Decimal(int(punctual)) * 100 / int(count)).quantize(
                PERCENT, rounding=decimal.ROUND_HALF_UP
            ),
        }
        for vendor_id, count, punctual in rows
    ]
    return sorted(result, key=lambda row: (-row["rate"], row["vendor"]["display_name"]))
