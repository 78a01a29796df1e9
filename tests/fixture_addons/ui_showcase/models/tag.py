"""Tags on deals (a many2many shown as chips)."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Model


class Tag(Model, name="ui_showcase.tag"):
    _description = "Tag"
    _order = "name"

    name = fields.Char(required=True)
