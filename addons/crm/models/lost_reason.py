"""Lost reasons: why an opportunity was lost ("Too expensive"), asked by `Lead.action_lost`."""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Unique
from core.orm.model import Model


class LostReason(Model, name="crm.lost_reason"):
    _description = "Lost reason"
    _order = "name"
    _sql_constraints = (Unique("name", message="Another lost reason has this name."),)

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
