"""Unit prices and planned arrivals of purchase order lines, from vendor prices.

`fill_lines` completes new line values the way a buyer expects: the
product's description and vendor taxes; the unit price of the vendor price that
`VendorPrice.choose` picks for the order's vendor, the line's quantity and
the order date, converted into the order's currency at that day's rates; and
the planned arrival, the order date plus that price's lead time. Without a
vendor price for that vendor the product's cost is the price (converted the
same way) and the order date the arrival. Values given explicitly are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from core.base.models.currency import Rates
from core.orm.environment import Environment


def fill_lines(
    env: Environment,
    lines: Sequence[dict[str, Any]],
    *,
    vendor: Any,
    currency: Any,
    company: Any,
    day: dt.date,
) -> None:
    """Complete the values of new lines in place: description, taxes, unit price and planned arrival."""
    pending: list[tuple[dict[str, Any], Any]] = []
    for vals in lines:
        product = env.record("product.product", vals.get("product"))
        if product is None:
            continue
        vals.setdefault("description", product.description or product.display_name)
        if "taxes" not in vals:
            vals["taxes"] = [tax.id for tax in product.supplier_taxes]
        if vals.get("price_unit") is None or vals.get("date_planned") is None:
            pending.append((vals, product))
    if not pending or currency is None:  # without a currency, the order is refused for it anyway
        return
    if vendor is not None:
        items = [(product, vals.get("quantity") or 1) for vals, product in pending]
        prices = env.registry["purchase.vendor_price"].choose_many(  # type: ignore[attr-defined]
            env, items, day, vendor=vendor, company=company
        )
    else:
        prices = [None] * len(pending)
    rates: Rates = {}
    for (vals, product), price in zip(pending, prices, strict=True):
        if vals.get("price_unit") is None:
            if price is not None:
                vals["price_unit"] = price.currency.convert(price.price, currency, day, rates)
            else:
                vals["price_unit"] = product.currency.convert(product.cost, currency, day, rates)
        if vals.get("date_planned") is None:
            vals["date_planned"] = day + dt.timedelta(days=price.delay if price is not None else 0)
