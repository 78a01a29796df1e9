"""Deal lines: a product name, a quantity at a price, and the stored subtotal."""

from __future__ import annotations

import decimal

from core.orm import fields
from core.orm.model import Model


class DealLine(Model, name="ui_forms.deal_line"):
    _description = "Deal line"
    _order = "id"

    deal = fields.Many2one("ui_forms.deal", required=True, ondelete="cascade")
    name = fields.Char("Product", required=True)
    partner = fields.Many2one("base.partner", "Supplier")
    quantity = fields.Decimal(digits=(12, 3), default=1, required=True)
    price = fields.Decimal(digits=(12, 2), default=0)
    subtotal = fields.Decimal(digits=(16, 2), store=True)

    @subtotal.computed_from("quantity", "price")
    def _compute_subtotal(self) -> None:
        self.subtotal = (self.quantity or decimal.Decimal(0)) * (self.price or decimal.Decimal(0))
