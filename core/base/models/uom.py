"""Units of measure, grouped in categories whose units convert into each other.

Each category has one reference unit (factor 1); ``factor`` says how many of
a unit make one reference unit (a dozen: 1/12, a gram in kg: 1000).
"""

from __future__ import annotations

import decimal

from core.errors import UserError
from core.orm import fields
from core.orm.constraints import Check
from core.orm.model import Model


class UomCategory(Model, name="base.uom_category"):
    _description = "Unit category"
    _order = "name"

    name = fields.Char(required=True)
    units = fields.One2many("base.uom", inverse="category")


class Uom(Model, name="base.uom"):
    _description = "Unit of measure"
    _order = "category, factor"
    _sql_constraints = (
        Check("factor > 0", name="factor_positive", message="A unit's factor must be positive."),
    )

    name = fields.Char(required=True)
    category = fields.Many2one("base.uom_category", required=True, ondelete="cascade")
    factor = fields.Decimal(digits=(20, 10), default=decimal.Decimal(1), required=True)
    rounding = fields.Decimal(digits=(20, 10), default=decimal.Decimal("0.01"), required=True)
    active = fields.Boolean(default=True)

    def convert(self, quantity: decimal.Decimal, to: Uom) -> decimal.Decimal:
        """``quantity`` of this unit expressed in ``to``, rounded to a multiple of ``to``'s rounding
        (2 dozens are 24.00 units, not the 24.0000000096 that the factor 0.0833333333 gives).

        Raises:
            UserError: the units are of different categories.
        """
        if to.category_id != self.category_id:  # type: ignore[attr-defined]
            raise UserError(f"Cannot convert {self.name} into {to.name}: they measure different things.")
        amount = decimal.Decimal(quantity) / self.factor * to.factor
        steps = (amount / to.rounding).to_integral_value(rounding=decimal.ROUND_HALF_UP)
        return (steps * to.rounding).quantize(to.rounding.normalize())  # a multiple of the rounding
