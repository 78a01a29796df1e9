"""Deals: one field of each type, a stage moved by buttons, lines, tags and a history."""

from __future__ import annotations

import decimal

from core.errors import ValidationError
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Model
from core.orm.model import api_method

STAGES = [("new", "New"), ("qualified", "Qualified"), ("won", "Won"), ("lost", "Lost")]


class Deal(Model, name="ui_forms.deal"):
    _description = "Deal"
    _order = "name, id"
    _history = True

    name = fields.Char(required=True, tracked=True)
    partner = fields.Many2one("base.partner", "Customer", tracked=True)
    stage = fields.Selection(STAGES, default="new", required=True, tracked=True)
    priority = fields.Selection([("0", "Normal"), ("1", "High")], default="0")
    amount = fields.Monetary(currency="currency", tracked=True)
    currency = fields.Many2one("base.currency")
    probability = fields.Integer(default=10)
    discount = fields.Decimal(digits=(5, 2))
    date_close = fields.Date("Closing date")
    meeting_at = fields.Datetime("Meeting")
    urgent = fields.Boolean()
    website = fields.Char()
    email = fields.Char()
    pin = fields.Char("PIN")
    notes = fields.Text()
    margin = fields.Decimal(digits=(12, 2), groups=("base.group_system",))
    tags = fields.Many2many("ui_forms.tag")
    lines = fields.One2many("ui_forms.deal_line", inverse="deal")
    total = fields.Decimal(digits=(16, 2), store=True)
    active = fields.Boolean(default=True)

    @total.computed_from("lines.subtotal")
    def _compute_total(self) -> None:
        self.total = sum((line.subtotal or decimal.Decimal(0) for line in self.lines), decimal.Decimal(0))

    @constrains("probability")
    def _check_probability(self) -> None:
        if self.probability is not None and not 0 <= self.probability <= 100:
            raise ValidationError(fields={"probability": "A probability is between 0 and 100."})

    @api_method
    def qualify(self) -> None:
        """New → Qualified."""
        self.write({"stage": "qualified"})

    @api_method
    def mark_won(self) -> None:
        """Qualified → Won; a won deal needs an amount."""
        if not self.amount:
            raise ValidationError(fields={"amount": "A won deal needs an amount."})
        self.write({"stage": "won", "probability": 100})

    @api_method
    def mark_lost(self) -> None:
        self.write({"stage": "lost", "probability": 0})

    @api_method
    def reopen(self) -> None:
        self.write({"stage": "new"})

    @api_method
    def follow_up(self) -> Deal:
        """A new deal for the same customer: the form opens on it."""
        return type(self).create(self.env, [{"name": f"Follow-up: {self.name}", "partner": self.partner}])[0]

    @api_method
    def not_a_button(self) -> None:
        """Callable over the API, but no form button names it."""
        self.write({"stage": "won"})
