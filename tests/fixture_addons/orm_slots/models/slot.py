"""Slots: an organizer books a room for a day, for a number of people."""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import Unique
from core.orm.model import Model


class Slot(Model, name="orm_slots.slot"):
    _description = "Slot"
    _rec_name = "room"
    _sql_constraints = (
        Unique("organizer", "day", message="An organizer books one slot a day."),
        # Two names where one starts with the other: each violation must report its own message.
        Check("capacity >= 1", name="capacity", message="A slot holds at least one person."),
        Check("capacity <= 50", name="capacity_max", message="A slot holds at most 50 people."),
    )

    room = fields.Char(required=True)
    organizer = fields.Many2one("base.partner", required=True)
    day = fields.Date(required=True)
    capacity = fields.Integer(default=1)
