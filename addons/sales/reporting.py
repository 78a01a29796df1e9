"""Sales figures, each one `read_group` query run as the user (so their rules apply).

Revenue is the untaxed amount of confirmed and done orders, dated by the
order date, and is never added across currencies: every figure is per
currency. ``date_from`` and ``date_to`` bound the order date, both included,
either open::

    env["sales.order"].sales_stats(env, by="customer", date_from=dt.date(2026, 1, 1))
    # [{"key": {"id": 7, "display_name": "Anadolu Makine A.Ş."}, "currency": "TRY",
    #   "revenue": Decimal("1250000.00"), "orders": 3}, ...]   largest first
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from core.errors import ValidationError
from core.orm.environment import Environment

SOLD = ("confirmed", "done")
GROUPINGS = {"month": "date_order:month", "customer": "partner", "salesperson": "user", "product": "product"}
PERCENT = decimal.Decimal("0.01")


def _period(prefix: str, date_from: dt.date | None, date_to: dt.date | None) -> list[Any]:
    domain: list[Any] = []
    if date_from is not None:
        domain.append((f"{prefix}date_order", ">=", date_from.isoformat()))
    if date_to is not None:
        domain.append((f"{prefix}date_order", "<=", date_to.isoformat()))
    return domain


def revenue(
    env: Environment, by: str, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> list[dict[str, Any]]:
    """Revenue and order count per month, customer, salesperson or product, and currency.

    Months come in date order, the others largest revenue first. By product,
    revenue is the lines' subtotals and ``orders`` the number of lines.

    Raises:
        ValidationError: ``by`` is not one of month, customer, salesperson, product.
    """
    key = GROUPINGS.get(by)
    if key is None:
        raise ValidationError(fields={"by": f"Group by one of {', '.join(GROUPINGS)}."})
    if by == "product":
        model, amount = "sales.order_line", "subtotal:sum"
        domain = [("order.state", "in", list(SOLD)), *_period("order.", date_from, date_to)]
    else:
        model, amount = "sales.order", "amount_untaxed:sum"
        domain = [("state", "in", list(SOLD)), *_period("", date_from, date_to)]
    order = f"{key} asc" if by == "month" else f"{amount} desc"
    groups = env[model].read_group(domain, [key, "currency"], [amount], order=order)
    return [
        {
            "key": group[key],
            "currency": group["currency"]["display_name"] if group["currency"] else None,
            "revenue": group[amount] or decimal.Decimal(0),
            "orders": group["__count"],
        }
        for group in groups
    ]


def average_order_value(
    env: Environment, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> dict[str, decimal.Decimal]:
    """The mean untaxed amount of confirmed and done orders, by currency code, rounded by the currency."""
    domain = [("state", "in", list(SOLD)), *_period("", date_from, date_to)]
    groups = env["sales.order"].read_group(domain, ["currency"], ["amount_untaxed:avg"])
    result: dict[str, decimal.Decimal] = {}
    currencies = env["base.currency"]
    for group in groups:
        currency = currencies.get(group["currency"]["id"])
        result[currency.code] = currency.round(decimal.Decimal(group["amount_untaxed:avg"] or 0))
    return result


def conversion_rate(
    env: Environment, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> decimal.Decimal | None:
    """Confirmed and done orders as a percentage of all orders not cancelled, to two places.

    None when there is no such order in the period.
    """
    domain = [("state", "!=", "cancelled"), *_period("", date_from, date_to)]
    counts = {
        group["state"]: group["__count"] for group in env["sales.order"].read_group(domain, ["state"], [])
    }
    total = sum(counts.values())
    if not total:
        return None
    won = sum(counts.get(state, 0) for state in SOLD)
    return (decimal.Decimal(won) * 100 / total).quantize(PERCENT, rounding=decimal.ROUND_HALF_UP)
