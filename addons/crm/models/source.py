"""Sources: where a lead came from (website, referral, trade fair); the medium is a selection on the lead."""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Unique
from core.orm.model import Model


class Source(Model, name="crm.source"):
    _description = "Lead source"
    _order = "name"
    _sql_constraints = (Unique("name", message="Another source has this name."),)

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
