"""Bill lines: one method computes the net amount and the tax, from the union of their dependencies."""

from __future__ import annotations

import decimal

from core.orm import fields
from core.orm.model import Model

ZERO = decimal.Decimal(0)


class BillLine(Model, name="orm_bills.bill_line"):
    _description = "Bill line"

    bill = fields.Many2one("orm_bills.bill", required=True, ondelete="cascade")
    quantity = fields.Decimal(digits=(12, 3), default=1)
    price = fields.Decimal(digits=(12, 2), default=0)
    rate = fields.Decimal("Tax rate", digits=(5, 2), default=0)
    net = fields.Decimal(digits=(16, 2), store=True)
    tax = fields.Decimal(digits=(16, 2), store=True)
    computations = 0  # how often _compute_amounts ran, for the tests

    @net.computed_from("quantity", "price")
    @tax.computed_from("rate")
    def _compute_amounts(self) -> None:
        type(self).computations += 1
        self.net = (self.quantity or ZERO) * (self.price or ZERO)
        self.tax = self.net * (self.rate or ZERO) / 100
