"""Bills: their totals add up what the lines' shared compute method produced."""

from __future__ import annotations

import decimal

from core.orm import fields
from core.orm.model import Model


class Bill(Model, name="orm_bills.bill"):
    _description = "Bill"

    name = fields.Char(required=True)
    lines = fields.One2many("orm_bills.bill_line", inverse="bill")
    net_total = fields.Decimal(digits=(16, 2), store=True)
    tax_total = fields.Decimal(digits=(16, 2), store=True)

    @net_total.computed_from("lines.net")
    def _compute_net_total(self) -> None:
        self.net_total = sum((line.net or decimal.Decimal(0) for line in self.lines), decimal.Decimal(0))

    @tax_total.computed_from("lines.tax")
    def _compute_tax_total(self) -> None:
        self.tax_total = sum((line.tax or decimal.Decimal(0) for line in self.lines), decimal.Decimal(0))
