"""Tags on deals; private ones are hidden from editors by a record rule."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Model


class Tag(Model, name="ui_forms.tag"):
    _description = "Deal tag"
    _order = "name"

    name = fields.Char(required=True)
    private = fields.Boolean()
