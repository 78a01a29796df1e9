"""How new order lines are completed: description, unit, customer taxes and unit price.

`fill_lines` completes new line values the way a salesperson expects: the
product's description, unit and customer taxes, and the unit price from the
order's pricelist for the quantity on the order date (or the sale price,
converted into the order's currency, without a pricelist). Values given
explicitly are kept. The amounts of the lines are commerce's
(`addons.commerce.taxes`).
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
    pricelist: Any,
    currency: Any,
    day: dt.date,
) -> None:
    """Complete the values of new lines in place: description, unit, taxes and unit price."""
    pending: list[tuple[dict[str, Any], Any]] = []
    for vals in lines:
        product = env.record("product.product", vals.get("product"))
        if product is None:
            continue
        vals.setdefault("description", product.description or product.display_name)
        if "uom" not in vals and product.uom is not None:
            vals["uom"] = product.uom.id
        if "taxes" not in vals:
            vals["taxes"] = [tax.id for tax in product.taxes]
        if vals.get("price_unit") is None:
            pending.append((vals, product))
    if not pending:
        return
    if pricelist is not None:
        items = [(product, vals.get("quantity") or 1) for vals, product in pending]
        for (vals, _product), price in zip(pending, pricelist.prices_for(items, day), strict=True):
            vals["price_unit"] = price
    elif currency is not None:  # without one, the order is refused for its currency anyway
        rates: Rates = {}
        for vals, product in pending:
            vals["price_unit"] = product.currency.convert(product.sale_price, currency, day, rates)
