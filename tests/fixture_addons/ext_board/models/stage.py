"""Board stages, in sequence."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Model


class Stage(Model, name="ext_board.stage"):
    _description = "Board stage"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
