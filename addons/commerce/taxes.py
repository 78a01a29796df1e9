"""Tax arithmetic: the exact base and taxes of a line, and how a document rounds them.

`line_amounts` computes one line, exactly (no rounding):

* the net unit price is ``price_unit × (1 − discount / 100)``; the gross is that × quantity;
* a group tax counts as its children, in their order;
* taxes included in the price are taken out of the gross first: fixed ones
  (amount × quantity), then the percentages together, so
  ``base = (gross − fixed) / (1 + Σ rates / 100)``;
* every tax is then computed on that base (percent) or per unit (fixed);
  taxes do not compound.

The result keeps one exact amount per tax (``taxes``), which is what an
invoice posts as one tax line each::

    amounts = line_amounts("19.99", 3, 15, [vat20])
    amounts.base          # Decimal('50.9745')
    amounts.taxes         # {vat20: Decimal('10.1949')}

`document_taxes` rounds the taxes of a whole document (an order, an
invoice), per tax, by its ``tax_rounding``: ``per_line`` rounds each line's
amount of a tax to the currency and adds them up (what a customer checking
line by line expects); ``per_total`` adds the exact amounts of a tax over
the lines and rounds once (the smallest error on the total). The two can
differ by a cent per tax. The document's tax is the sum of those amounts, so
it always equals the sum of the tax lines accounting posts.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

HUNDRED = decimal.Decimal(100)
ZERO = decimal.Decimal(0)
TAX_ROUNDING = [("per_line", "Round per line"), ("per_total", "Round on the total")]


@dataclass(frozen=True)
class LineAmounts:
    """A line's exact untaxed amount and, per tax record, its exact tax (before any rounding)."""

    base: decimal.Decimal
    taxes: dict[Any, decimal.Decimal]

    @property
    def tax(self) -> decimal.Decimal:
        """The line's exact tax, all taxes together."""
        return sum(self.taxes.values(), ZERO)

    def rounded_tax(self, currency: Any) -> decimal.Decimal:
        """The line's tax with each tax's amount rounded by ``currency`` (per-line rounding)."""
        return sum((currency.round(amount) for amount in self.taxes.values()), ZERO)


def applied_taxes(taxes: Iterable[Any]) -> list[Any]:
    """``taxes`` with every group replaced by its children, in the children's order (sequence, name)."""
    return [
        child
        for tax in taxes
        for child in (sorted(tax.children, key=tax_order) if tax.amount_type == "group" else [tax])
    ]


def tax_order(tax: Any) -> tuple[int, str]:
    """The sort key of taxes, as ``commerce.tax`` orders them."""
    return (tax.sequence or 0, tax.name or "")


def line_amounts(price_unit: Any, quantity: Any, discount: Any, taxes: Iterable[Any]) -> LineAmounts:
    """The exact base of a line and the exact amount of each of its taxes (see the module's docstring)."""
    quantity = decimal.Decimal(quantity or 0)
    net_price = decimal.Decimal(price_unit or 0) * (HUNDRED - decimal.Decimal(discount or 0)) / HUNDRED
    gross = net_price * quantity
    applied = applied_taxes(taxes)
    included = [tax for tax in applied if tax.price_include]
    fixed_included = sum(
        (decimal.Decimal(tax.amount) * quantity for tax in included if tax.amount_type == "fixed"), ZERO
    )
    rate_included = sum(
        (decimal.Decimal(tax.amount) for tax in included if tax.amount_type == "percent"), ZERO
    )
    base = (gross - fixed_included) / (1 + rate_included / HUNDRED)
    amounts: dict[Any, decimal.Decimal] = {}
    for tax in applied:
        rate = decimal.Decimal(tax.amount)
        amount = base * rate / HUNDRED if tax.amount_type == "percent" else rate * quantity
        amounts[tax] = amounts.get(tax, ZERO) + amount
    return LineAmounts(base=base, taxes=amounts)


def document_taxes(lines: Iterable[LineAmounts], rounding: str, currency: Any) -> dict[Any, decimal.Decimal]:
    """Per tax, a document's tax amount rounded by ``currency`` the ``rounding`` way (see the module)."""
    exact: dict[Any, decimal.Decimal] = {}
    for line in lines:
        for tax, amount in line.taxes.items():
            exact[tax] = exact.get(tax, ZERO) + (currency.round(amount) if rounding == "per_line" else amount)
    return {tax: currency.round(amount) for tax, amount in exact.items()}
