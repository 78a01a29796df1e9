"""A sale: the record read_group tests count, sum and cut into periods."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Model


class Sale(Model, name="grouping_sales.sale"):
    _description = "Sale"

    name = fields.Char(required=True)
    partner = fields.Many2one("base.partner")
    date = fields.Date()
    confirmed_at = fields.Datetime()
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    amount = fields.Decimal(digits=(12, 2))
    quantity = fields.Integer()
    urgent = fields.Boolean()
    active = fields.Boolean(default=True)
    reference = fields.Char(compute="_compute_reference")
    lines = fields.One2many("grouping_sales.sale", inverse="parent")
    parent = fields.Many2one("grouping_sales.sale")

    def _compute_reference(self) -> None:
        self.reference = f"S{self.id}"
