"""Sales taxes: a percentage or a fixed amount per unit, included in the price or added to it.

How a line's taxes are computed is `addons.sales.pricing.line_amounts`; how
an order rounds them (per line or once on the total) is the order's
``tax_rounding``, copied from its company's ``sales_tax_rounding``.
"""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Check
from core.orm.model import Model

AMOUNT_TYPES = [("percent", "Percentage of the price"), ("fixed", "Fixed amount per unit")]


class Tax(Model, name="sales.tax"):
    _description = "Tax"
    _order = "sequence, name"
    _sql_constraints = (
        Check("amount >= 0", name="amount_positive", message="A tax amount cannot be negative."),
    )

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    amount_type = fields.Selection(AMOUNT_TYPES, "Computation", default="percent", required=True)
    amount = fields.Decimal(
        digits=(16, 4), default=0, required=True, help="The rate in percent, or the amount per unit."
    )
    price_include = fields.Boolean(
        "Included in price", default=False, help="Prices with this tax already contain it."
    )
    company = fields.Many2one("base.company")
    active = fields.Boolean(default=True)
