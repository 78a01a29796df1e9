"""Tickets: a model of this addon with history, whose messages go when the addon does."""

from core.orm import fields
from core.orm.model import Model


class Ticket(Model, name="history_probe.ticket"):
    _history = True

    name = fields.Char(required=True, tracked=True)
