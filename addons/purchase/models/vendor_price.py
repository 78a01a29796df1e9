"""Vendor prices: what a vendor charges for a product, from a quantity on, for a while.

A vendor price gives a unit ``price`` in its ``currency`` from ``min_quantity``
on, between ``date_start`` and ``date_end`` (both included, either open), and
the vendor's lead time ``delay`` in days from ordering to receiving. A price
with a ``company`` serves that company only; without one, every company.

`VendorPrice.choose` picks the price a purchase uses, by this rule:

1. the candidates are the product's prices of the vendor (of any vendor when
   none is given), of the company or shared, valid on the day, whose minimum
   quantity is at most the quantity ordered;
2. the lowest ``sequence`` wins: it is how buyers rank their vendors;
3. between equal sequences, the lowest price wins, prices in different
   currencies compared in the company's currency at the day's rates (so a
   quantity break of the same vendor wins over its base price);
4. then the highest minimum quantity, then the oldest record.

No candidate gives None: the product has no vendor for that quantity on that day::

    price = env["purchase.vendor_price"].choose(product, Decimal(40), dt.date(2026, 5, 4))
    price.partner, price.price, price.currency, price.delay
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from addons.product.models.product import default_currency
from core.base.models.company import current_company
from core.base.models.currency import Rates
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.model import Model

ZERO = decimal.Decimal(0)


class VendorPrice(Model, name="purchase.vendor_price"):
    _description = "Vendor price"
    _order = "product, sequence, min_quantity, id"
    _rec_name = None

    partner = fields.Many2one("base.partner", "Vendor", required=True, ondelete="cascade", index=True)
    product = fields.Many2one("product.product", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10, help="Lower comes first: the preferred vendor.")
    min_quantity = fields.Decimal("Minimum quantity", digits=(16, 4), default=0, required=True)
    price = fields.Decimal("Unit price", digits=(20, 6), required=True)
    currency = fields.Many2one("base.currency", default=default_currency, required=True, ondelete="restrict")
    delay = fields.Integer(
        "Lead time (days)", default=0, required=True, help="Days from ordering to receiving."
    )
    date_start = fields.Date("Valid from")
    date_end = fields.Date("Valid until")
    company = fields.Many2one("base.company", help="Empty: every company.")

    @property
    def display_name(self) -> str:
        """``Vendor: product``, as the price's lists show it."""
        vendor = self.partner.display_name if self.partner is not None else ""
        product = self.product.display_name if self.product is not None else ""
        return f"{vendor}: {product}"

    @constrains("price", "min_quantity", "delay", "date_start", "date_end")
    def _check_values(self) -> None:
        errors: dict[str, str] = {}
        if self.price is not None and self.price < 0:
            errors["price"] = _("A price cannot be negative.")
        if self.min_quantity is not None and self.min_quantity < 0:
            errors["min_quantity"] = _("A minimum quantity cannot be negative.")
        if self.delay is not None and self.delay < 0:
            errors["delay"] = _("A lead time cannot be negative.")
        if self.date_start and self.date_end and self.date_end < self.date_start:
            errors["date_end"] = _("The price ends before it starts.")
        if errors:
            raise ValidationError(fields=errors)

    @classmethod
    def choose(
        cls,
        env: Environment,
        product: Any,
        quantity: decimal.Decimal | int | str,
        day: dt.date,
        vendor: Any = None,
        company: Any = None,
    ) -> VendorPrice | None:
        """The vendor price for ``quantity`` of ``product`` on ``day`` (the rule: see the module).

        Args:
            vendor: only this vendor's prices (a ``base.partner``); any vendor when None.
            company: the buying company; the acting user's by default.

        Raises:
            UserError: prices in different currencies must be compared and a
                currency has no rate on or before ``day``.
        """
        return cls.choose_many(env, [(product, quantity)], day, vendor=vendor, company=company)[0]

    @classmethod
    def choose_many(
        cls,
        env: Environment,
        items: Sequence[tuple[Any, decimal.Decimal | int | str]],
        day: dt.date,
        vendor: Any = None,
        company: Any = None,
    ) -> list[VendorPrice | None]:
        """`choose` for each ``(product, quantity)`` pair, reading every candidate in one query."""
        if not items:
            return []
        company = company if company is not None else current_company(env)
        domain: list[Any] = [
            ("product", "in", sorted({product.id for product, _quantity in items})),
            "|",
            ("company", "not set", 0),
            ("company", "=", company.id),
            "|",
            ("date_start", "not set", 0),
            ("date_start", "<=", day.isoformat()),
            "|",
            ("date_end", "not set", 0),
            ("date_end", ">=", day.isoformat()),
        ]
        if vendor is not None:
            domain.append(("partner", "=", vendor.id))
        by_product: dict[int, list[VendorPrice]] = defaultdict(list)
        for price in cls.search(env, domain):
            by_product[price.product_id].append(price)  # type: ignore[attr-defined]
        rates: Rates = {}

        def rank(price: VendorPrice) -> tuple[Any, ...]:
            in_company = price.currency.convert(price.price, company.currency, day, rates)
            return (price.sequence, in_company, -price.min_quantity, price.id)

        chosen: list[VendorPrice | None] = []
        for product, quantity in items:
            wanted = decimal.Decimal(str(quantity or 0))
            candidates = [price for price in by_product[product.id] if price.min_quantity <= wanted]
            chosen.append(min(candidates, key=rank) if candidates else None)
        return chosen
