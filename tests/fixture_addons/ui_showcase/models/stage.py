"""Stages of a deal: the columns of the board, in their sequence."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Model


class Stage(Model, name="ui_showcase.stage"):
    _description = "Stage"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
