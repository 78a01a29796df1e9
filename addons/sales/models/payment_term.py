"""Payment terms: how many days after the order date the customer pays."""

from __future__ import annotations

import datetime as dt

from core.orm import fields
from core.orm.constraints import Check
from core.orm.model import Model


class PaymentTerm(Model, name="sales.payment_term"):
    _description = "Payment term"
    _order = "days, name"
    _sql_constraints = (Check("days >= 0", name="days_positive", message="Days cannot be negative."),)

    name = fields.Char(required=True)
    days = fields.Integer(default=0, required=True, help="Days after the order date.")
    active = fields.Boolean(default=True)

    def due_date(self, day: dt.date) -> dt.date:
        """The day payment is due for a document dated ``day``."""
        return day + dt.timedelta(days=self.days or 0)
