"""Recurring reservations: a long model name and a long constraint name, near PostgreSQL's 63 characters."""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Check
from core.orm.model import Model


class RecurringReservation(Model, name="orm_slots.recurring_reservation"):
    _description = "Recurring reservation"
    _sql_constraints = (
        Check("ends >= starts", name="ends_after_it_starts", message="A reservation ends after it starts."),
    )

    name = fields.Char(required=True)
    starts = fields.Date(required=True)
    ends = fields.Date(required=True)
