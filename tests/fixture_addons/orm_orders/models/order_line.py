"""Order lines: a quantity at a price; the subtotal is stored and kept up to date."""

from __future__ import annotations

import decimal

from core.orm import fields
from core.orm.constraints import Check
from core.orm.model import Model


class OrderLine(Model, name="orm_orders.order_line"):
    _description = "Order line"
    _order = "sequence, id"
    _sql_constraints = (
        Check("quantity >= 0", name="quantity_positive", message="A quantity cannot be negative."),
    )

    order = fields.Many2one("orm_orders.order", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    quantity = fields.Decimal(digits=(12, 3), default=1)
    price = fields.Decimal(digits=(12, 2), default=0)
    subtotal = fields.Decimal(digits=(16, 2), store=True)

    @subtotal.computed_from("quantity", "price")
    def _compute_subtotal(self) -> None:
        self.subtotal = (self.quantity or decimal.Decimal(0)) * (self.price or decimal.Decimal(0))
