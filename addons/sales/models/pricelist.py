"""Pricelists: the price of a product for a quantity on a day, from dated and tiered rules.

A rule applies to one product, to a category (and the categories under it),
or to every product; from ``min_quantity`` on; between ``date_start`` and
``date_end`` (both included, either open). It gives a fixed price or a
discount on the product's sale price. When several rules apply, the most
specific wins: a product rule before a category rule (the nearest category
first) before a rule for all; then the highest minimum quantity; then the
lowest ``sequence``. Without a rule the product's sale price applies.
Prices are in the pricelist's currency; sale prices in another currency are
converted at the rates of the day::

    pricelist.price_for(product, Decimal(10), dt.date(2026, 5, 1))
    pricelist.prices_for([(drill, 1), (bits, 50)], day)   # one pass over the rules
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Sequence
from typing import Any

from core.base.models.currency import Rates
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import constrains
from core.orm.model import Model

HUNDRED = decimal.Decimal(100)
APPLIES_TO = [("all", "All products"), ("category", "Product category"), ("product", "Product")]
COMPUTE_PRICE = [("discount", "Discount on the sale price"), ("fixed", "Fixed price")]


class Pricelist(Model, name="sales.pricelist"):
    _description = "Pricelist"
    _order = "sequence, name"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    currency = fields.Many2one("base.currency", required=True, ondelete="restrict")
    company = fields.Many2one("base.company")
    rules = fields.One2many("sales.pricelist_rule", inverse="pricelist")
    active = fields.Boolean(default=True)

    def price_for(self, product: Any, quantity: decimal.Decimal | int | str, day: dt.date) -> decimal.Decimal:
        """The unit price of ``quantity`` of ``product`` on ``day``, in this pricelist's currency."""
        return self.prices_for([(product, quantity)], day)[0]

    def prices_for(
        self, items: Sequence[tuple[Any, decimal.Decimal | int | str]], day: dt.date
    ) -> list[decimal.Decimal]:
        """Unit prices for ``(product, quantity)`` pairs on ``day``: the rules are read once."""
        rules = [rule for rule in self.rules if rule.applies_on(day)]
        rates: Rates = {}
        prices = []
        for product, quantity in items:
            rule = best_rule(rules, product, decimal.Decimal(str(quantity)))
            if rule is not None and rule.compute_price == "fixed":
                prices.append(decimal.Decimal(rule.fixed_price or 0))
                continue
            base = self.convert_price(product, day, rates)
            if rule is not None:
                base = base * (HUNDRED - decimal.Decimal(rule.discount or 0)) / HUNDRED
            prices.append(base)
        return prices

    def convert_price(self, product: Any, day: dt.date, rates: Rates) -> decimal.Decimal:
        """The product's sale price in this pricelist's currency (rates kept in ``rates``)."""
        return product.currency.convert(product.sale_price, self.currency, day, rates)


def best_rule(rules: Sequence[Any], product: Any, quantity: decimal.Decimal) -> Any | None:
    """The most specific of ``rules`` that applies to ``quantity`` of ``product`` (see the module)."""
    ancestry = [category.id for category in product.category.ancestry()] if product.category else []
    ranked = []
    for rule in rules:
        if quantity < decimal.Decimal(rule.min_quantity or 0):
            continue
        if rule.applies_to == "product":
            if rule.product is None or rule.product.id != product.id:
                continue
            rank = 0
        elif rule.applies_to == "category":
            if rule.category is None or rule.category.id not in ancestry:
                continue
            rank = 1 + ancestry.index(rule.category.id)
        else:
            rank = 1000
        ranked.append(((rank, -decimal.Decimal(rule.min_quantity or 0), rule.sequence, rule.id), rule))
    return min(ranked, key=lambda pair: pair[0])[1] if ranked else None


class PricelistRule(Model, name="sales.pricelist_rule"):
    _description = "Pricelist rule"
    _order = "sequence, id"
    _rec_name = None
    _sql_constraints = (
        Check(
            "discount >= 0 AND discount <= 100", name="discount_range", message="A discount is 0 to 100 %."
        ),
        Check("min_quantity >= 0", name="min_quantity_positive", message="A minimum quantity is positive."),
    )

    pricelist = fields.Many2one("sales.pricelist", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    applies_to = fields.Selection(APPLIES_TO, "Applies to", default="all", required=True)
    product = fields.Many2one("product.product", ondelete="cascade")
    category = fields.Many2one("product.category", ondelete="cascade")
    min_quantity = fields.Decimal("Minimum quantity", digits=(16, 4), default=0, required=True)
    compute_price = fields.Selection(COMPUTE_PRICE, "Price", default="discount", required=True)
    currency = fields.Many2one("base.currency", related="pricelist.currency", store=True)
    fixed_price = fields.Monetary("Fixed price", currency="currency")
    discount = fields.Decimal("Discount (%)", digits=(5, 2), default=0, required=True)
    date_start = fields.Date("Valid from")
    date_end = fields.Date("Valid until")

    def applies_on(self, day: dt.date) -> bool:
        """Whether ``day`` is within the rule's dates (both included)."""
        return (self.date_start is None or self.date_start <= day) and (
            self.date_end is None or day <= self.date_end
        )

    @constrains("applies_to", "product", "category", "compute_price", "fixed_price", "date_start", "date_end")
    def _check_rule(self) -> None:
        errors: dict[str, str] = {}
        if self.applies_to == "product" and self.product is None:
            errors["product"] = _("Choose the product the rule applies to.")
        if self.applies_to == "category" and self.category is None:
            errors["category"] = _("Choose the category the rule applies to.")
        if self.compute_price == "fixed" and self.fixed_price is None:
            errors["fixed_price"] = _("Give the fixed price.")
        if self.date_start and self.date_end and self.date_end < self.date_start:
            errors["date_end"] = _("The rule ends before it starts.")
        if errors:
            raise ValidationError(fields=errors)
