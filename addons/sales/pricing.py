"""The arithmetic of order lines: unit prices from pricelists, then net amounts and taxes.

`fill_lines` completes new line values the way a salesperson expects: the
product's description, unit and customer taxes, and the unit price from the
order's pricelist for the quantity on the order date (or the sale price,
converted into the order's currency, without a pricelist). Values given
explicitly are kept.

`line_amounts` computes one line, exactly (no rounding):

* the net unit price is ``price_unit × (1 − discount / 100)``; the gross is that × quantity;
* taxes included in the price are taken out of the gross first: fixed ones
  (amount × quantity), then the percentages together, so
  ``base = (gross − fixed) / (1 + Σ rates / 100)``;
* every tax is then computed on that base (percent) or per unit (fixed); taxes
  do not compound.

The order rounds (`addons.sales.models.order`): each line's subtotal is
rounded to the currency; the tax is rounded per line and summed, or summed
exactly and rounded once, by the order's ``tax_rounding``.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from addons.sales.models.pricelist import convert
from core.orm.environment import Environment

HUNDRED = decimal.Decimal(100)
ZERO = decimal.Decimal(0)


@dataclass(frozen=True)
class LineAmounts:
    """A line's exact untaxed amount and tax, before any rounding."""

    base: decimal.Decimal
    tax: decimal.Decimal


def line_amounts(price_unit: Any, quantity: Any, discount: Any, taxes: Iterable[Any]) -> LineAmounts:
    """The exact base and tax of a line (see the module's docstring)."""
    quantity = decimal.Decimal(quantity or 0)
    net_price = decimal.Decimal(price_unit or 0) * (HUNDRED - decimal.Decimal(discount or 0)) / HUNDRED
    gross = net_price * quantity
    taxes = list(taxes)
    included = [tax for tax in taxes if tax.price_include]
    fixed_included = sum(
        (decimal.Decimal(t.amount) * quantity for t in included if t.amount_type == "fixed"), ZERO
    )
    rate_included = sum((decimal.Decimal(t.amount) for t in included if t.amount_type == "percent"), ZERO)
    base = (gross - fixed_included) / (1 + rate_included / HUNDRED)
    tax = sum(
        (
            base * decimal.Decimal(t.amount) / HUNDRED
            if t.amount_type == "percent"
            else decimal.Decimal(t.amount) * quantity
            for t in taxes
        ),
        ZERO,
    )
    return LineAmounts(base=base, tax=tax)


def record(env: Environment, model: str, value: Any) -> Any:
    """The record a many2one value names: a record, an id, or None."""
    if value is None or value is False:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return env.session.get(env.registry[model], value)
    return value


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
        product = record(env, "product.product", vals.get("product"))
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
    else:
        rates: dict[int, decimal.Decimal] = {}
        for vals, product in pending:
            vals["price_unit"] = convert(product.sale_price, product.currency, currency, day, rates)
