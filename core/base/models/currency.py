"""Currencies and their dated exchange rates.

A rate says how many units of the currency one unit of the company currency
buys on a date; `Currency.convert` uses the latest rate on or before the date.
Conversions are exact: a converted price keeps its precision, and the
document that adds it up rounds its amounts by its currency. A batch passes
one ``rates`` dict to every call, so each rate is read once::

    rates: Rates = {}
    prices = [product.currency.convert(product.sale_price, eur, day, rates) for product in products]
"""

from __future__ import annotations

import datetime as dt
import decimal

from sqlalchemy import select

from core.errors import UserError
from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import Unique
from core.orm.model import Model

Rates = dict[tuple[int, dt.date], decimal.Decimal]
"""Rates already read, by currency id and day: what `Currency.convert` keeps between calls."""


class Currency(Model, name="base.currency"):
    _description = "Currency"
    _order = "code"
    _rec_name = "code"
    _sql_constraints = (
        Unique("code", message="Another currency has this code."),
        Check(
            "decimal_places >= 0 AND decimal_places <= 6", name="places", message="Use 0 to 6 decimal places."
        ),
    )

    code = fields.Char("ISO code", size=3, required=True)
    name = fields.Char(required=True)
    symbol = fields.Char(size=8)
    decimal_places = fields.Integer(default=2, required=True)
    active = fields.Boolean(default=True)
    rates = fields.One2many("base.currency_rate", inverse="currency")

    def round(self, amount: decimal.Decimal) -> decimal.Decimal:
        """``amount`` rounded half-up to this currency's decimal places."""
        quantum = decimal.Decimal(1).scaleb(-self.decimal_places)
        return decimal.Decimal(amount).quantize(quantum, rounding=decimal.ROUND_HALF_UP)

    def rate_on(self, day: dt.date, rates: Rates | None = None) -> decimal.Decimal:
        """The rate in force on ``day``: the latest one dated on or before it.

        ``rates`` keeps the rates read, so the next call for this currency and day reads none.

        Raises:
            UserError: no rate is known on or before ``day``.
        """
        if rates is not None and (self.id, day) in rates:
            return rates[(self.id, day)]
        Rate = self.env.registry["base.currency_rate"]
        stmt = (
            select(Rate.rate)
            .where(Rate.currency_id == self.id, Rate.date <= day)  # type: ignore[attr-defined]
            .order_by(Rate.date.desc())  # type: ignore[attr-defined]
            .limit(1)
        )
        rate = self.env.session.scalar(stmt)
        if rate is None:
            raise UserError(f"No exchange rate for {self.code} on or before {day.isoformat()}.")
        if rates is not None:
            rates[(self.id, day)] = decimal.Decimal(rate)
        return decimal.Decimal(rate)

    def convert(
        self, amount: decimal.Decimal | None, to: Currency, day: dt.date, rates: Rates | None = None
    ) -> decimal.Decimal:
        """``amount`` (None counts as 0) in this currency expressed in ``to`` at the rates of ``day``.

        Exact, not rounded: round the document's amounts, not each price.
        ``rates`` keeps the rates read, for the next calls of a batch.

        Raises:
            UserError: the currencies differ and one has no rate on or before ``day``.
        """
        value = decimal.Decimal(amount or 0)
        if to.id == self.id:
            return value
        return value * to.rate_on(day, rates) / self.rate_on(day, rates)


class CurrencyRate(Model, name="base.currency_rate"):
    _description = "Exchange rate"
    _order = "date desc"
    _rec_name = None
    _sql_constraints = (
        Unique("currency", "date", message="This currency already has a rate on this date."),
        Check("rate > 0", name="positive", message="A rate must be positive."),
    )

    currency = fields.Many2one("base.currency", required=True, ondelete="cascade")
    date = fields.Date(required=True)
    rate = fields.Decimal(digits=(20, 10), required=True)
