"""Quotes whose amount is stored but whose label, computed by the same method, is not."""

from __future__ import annotations

import decimal

from core.orm import fields
from core.orm.model import Model


class Quote(Model, name="orm_mixed_compute.quote"):
    _description = "Quote"

    hours = fields.Integer(default=0)
    amount = fields.Decimal(digits=(12, 2), store=True)
    label = fields.Char()

    @amount.computed_from("hours")
    @label.computed_from("hours")
    def _compute_amount_and_label(self) -> None:
        self.amount = decimal.Decimal(self.hours or 0) * 50
        self.label = f"{self.hours} h"
