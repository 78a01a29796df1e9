"""Deals: a stage (many2one), a kind (selection), an amount of money, a closing date, tags."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Model

KINDS = [("new", "New business"), ("renewal", "Renewal"), ("upsell", "Upsell")]
PRIORITIES = [("0", "Normal"), ("1", "High"), ("2", "Urgent")]


class Deal(Model, name="ui_showcase.deal"):
    _description = "Deal"
    _order = "name, id"

    name = fields.Char(required=True)
    partner = fields.Many2one("base.partner", "Customer")
    user = fields.Many2one("base.user", "Salesperson")
    stage = fields.Many2one("ui_showcase.stage", ondelete="restrict")
    kind = fields.Selection(KINDS, default="new")
    priority = fields.Selection(PRIORITIES, default="0")
    amount = fields.Monetary(currency="currency")
    currency = fields.Many2one("base.currency")
    quantity = fields.Integer()
    date_close = fields.Date("Closing date")
    confidential = fields.Boolean()
    tags = fields.Many2many("ui_showcase.tag")
    active = fields.Boolean(default=True)
