"""Tags: free labels on leads ("Hardware", "Key account"), each name used once."""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Unique
from core.orm.model import Model


class Tag(Model, name="crm.tag"):
    _description = "Lead tag"
    _order = "name"
    _sql_constraints = (Unique("name", message="Another tag has this name."),)

    name = fields.Char(required=True)
    color = fields.Integer(default=0)
