"""Orders: a customer, lines, tags and a state; the total follows the lines."""

from __future__ import annotations

import decimal

from core.errors import ValidationError
from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import constrains
from core.orm.model import Model
from core.orm.model import api_method


class Order(Model, name="orm_orders.order"):
    _description = "Order"
    _order = "name, id"
    _sql_constraints = (
        Check(
            "discount >= 0 AND discount <= 100",
            name="discount_range",
            message="A discount is between 0 and 100 percent.",
        ),
    )

    name = fields.Char(required=True)
    partner = fields.Many2one("base.partner", required=True)
    currency = fields.Many2one("base.currency")
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done")], default="draft"
    )
    date = fields.Date()
    confirmed_at = fields.Datetime(copy=False)
    note = fields.Char()
    description = fields.Text()
    attributes = fields.Json()
    priority = fields.Integer(default=0)
    weight = fields.Float()
    urgent = fields.Boolean()
    discount = fields.Decimal(digits=(5, 2), default=0)
    tags = fields.Many2many("orm_orders.tag")
    lines = fields.One2many("orm_orders.order_line", inverse="order")
    active = fields.Boolean(default=True)
    deposit = fields.Monetary()
    total = fields.Monetary(store=True)
    line_count = fields.Integer()
    partner_email = fields.Char(related="partner.email")
    partner_city = fields.Char(related="partner.city", store=True)

    @total.computed_from("lines.subtotal")
    def _compute_total(self) -> None:
        self.total = sum((line.subtotal or decimal.Decimal(0) for line in self.lines), decimal.Decimal(0))

    @line_count.computed_from("lines")
    def _compute_line_count(self) -> None:
        self.line_count = len(self.lines)

    @constrains("state", "date")
    def _check_confirmed_orders_are_dated(self) -> None:
        if self.state != "draft" and self.date is None:
            raise ValidationError(fields={"date": "A confirmed order needs a date."})

    @api_method
    def confirm(self, date: str | None = None) -> Order:
        """Confirm a draft order, dating it ``date`` (ISO) or keeping its date (the API's workflow action)."""
        if self.state != "draft":
            raise ValidationError(fields={"state": "Only draft orders can be confirmed."})
        self.write({"state": "confirmed", **({"date": date} if date else {})})
        return self
