"""Number fields: `Integer`, `Float`, `Decimal` and `Monetary`.

Money is never a float: `Monetary` stores a `decimal.Decimal` and the kernel
rounds it to its currency's decimal places whenever the record is flushed::

    amount = fields.Monetary(currency="currency")
"""

from __future__ import annotations

import decimal
import math
from typing import Any

from sqlalchemy import Float as SAFloat
from sqlalchemy import Integer as SAInteger
from sqlalchemy import Numeric
from sqlalchemy import TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeEngine

from core.i18n import _
from core.orm.environment import Environment
from core.orm.fields.base import Field

INTEGER_MIN = -(2**31)
INTEGER_MAX = 2**31 - 1


class Integer(Field[int | None]):
    """A whole number."""

    type_name = "integer"

    def sql_type(self) -> TypeEngine[Any]:
        return SAInteger()

    def convert(self, value: Any, env: Environment) -> int | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise ValueError(_("Enter a whole number."))
        try:
            number = decimal.Decimal(str(value).strip())
        except decimal.InvalidOperation:
            raise ValueError(_("Enter a whole number.")) from None
        if not number.is_finite() or number != number.to_integral_value():
            raise ValueError(_("Enter a whole number."))
        if not INTEGER_MIN <= number <= INTEGER_MAX:
            # The column is a 32-bit INTEGER on PostgreSQL; SQLite would take more, but data must move.
            raise ValueError(
                _("Enter a whole number between %(low)s and %(high)s.", low=INTEGER_MIN, high=INTEGER_MAX)
            )
        return int(number)


class Float(Field[float | None]):
    """A binary floating point number, for measures where rounding errors do not matter."""

    type_name = "float"

    def sql_type(self) -> TypeEngine[Any]:
        return SAFloat()

    def convert(self, value: Any, env: Environment) -> float | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            raise ValueError(_("Enter a number."))
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(_("Enter a number.")) from None
        if not math.isfinite(number):
            raise ValueError(_("Enter a number."))
        return number


class ExactDecimal(TypeDecorator[decimal.Decimal]):
    """NUMERIC that always returns `Decimal` quantized to its scale.

    PostgreSQL stores NUMERIC exactly. SQLite keeps numbers of up to 15
    significant digits exactly, which is enough for an embedded database; the
    value is quantized on the way back so callers always see the declared scale.
    """

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int, scale: int) -> None:
        super().__init__(precision=precision, scale=scale, asdecimal=True)
        self.quantum = decimal.Decimal(1).scaleb(-scale)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        value = decimal.Decimal(value).quantize(self.quantum, rounding=decimal.ROUND_HALF_UP)
        return str(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> decimal.Decimal | None:
        if value is None:
            return None
        return decimal.Decimal(str(value)).quantize(self.quantum, rounding=decimal.ROUND_HALF_UP)


def to_decimal(value: Any) -> decimal.Decimal | None:
    """Parse user input as a `Decimal`; floats go through their shortest repr."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(_("Enter a number."))
    try:
        number = decimal.Decimal(str(value).strip())
    except decimal.InvalidOperation:
        raise ValueError(_("Enter a number.")) from None
    if not number.is_finite():
        raise ValueError(_("Enter a number."))
    return number


class Decimal(Field[decimal.Decimal | None]):
    """An exact decimal number with ``digits=(precision, scale)``."""

    type_name = "decimal"

    def __init__(
        self, label: str | None = None, *, digits: tuple[int, int] = (16, 4), **options: Any
    ) -> None:
        super().__init__(label, **options)
        self.digits = digits

    def sql_type(self) -> TypeEngine[Any]:
        return ExactDecimal(*self.digits)

    def convert(self, value: Any, env: Environment) -> decimal.Decimal | None:
        number = to_decimal(value)
        if number is None:
            return None
        precision, scale = self.digits
        whole = precision - scale
        too_large = _("At most %(digits)s digits before the decimal point.", digits=whole)
        # Checked before rounding too: quantize() itself fails on numbers beyond the context's precision.
        if number and number.adjusted() >= whole:
            raise ValueError(too_large)
        quantum = decimal.Decimal(1).scaleb(-scale)
        context = decimal.Context(prec=precision + 1)
        rounded = number.quantize(quantum, rounding=decimal.ROUND_HALF_UP, context=context)
        if rounded and rounded.adjusted() >= whole:
            raise ValueError(too_large)
        return rounded

    def to_json(self, value: Any) -> str | None:
        return None if value is None else str(value)

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "digits": list(self.digits)}


class Monetary(Decimal):
    """An amount of money in the currency named by the ``currency`` many2one field.

    The value is rounded to the currency's decimal places (``base.currency.decimal_places``)
    on every flush, so totals add up the way an accountant expects.
    """

    type_name = "monetary"

    def __init__(self, label: str | None = None, *, currency: str = "currency", **options: Any) -> None:
        options.setdefault("digits", (20, 6))
        super().__init__(label, **options)
        self.currency_field = currency

    def to_json(self, value: Any) -> str | None:
        """The amount as text with its significant decimals, at least two: ``"402.00"``, ``"1.234"``.

        Stored amounts are already rounded by their currency on flush; the
        column keeps six places so every currency fits, and they are not shown.
        """
        if value is None:
            return None
        places = max(2, -decimal.Decimal(value).normalize().as_tuple().exponent)  # type: ignore[operator]
        return str(decimal.Decimal(value).quantize(decimal.Decimal(1).scaleb(-places)))

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "currency_field": self.currency_field}
