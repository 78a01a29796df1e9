"""Users: the people who log in. Each user is also a partner (name, email, address)."""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Unique
from core.orm.model import Model


class User(Model, name="base.user"):
    _description = "User"
    _order = "login"
    _sql_constraints = (Unique("login", message="Another user has this login."),)

    login = fields.Char(required=True)
    name = fields.Char(required=True)
    email = fields.Char()
    partner = fields.Many2one("base.partner", ondelete="restrict")
    company = fields.Many2one("base.company")
    lang = fields.Char("Language", size=8, default="en")
    tz = fields.Char("Timezone", default="UTC")
    password_hash = fields.Char(readonly=True, copy=False, groups=("base.group_system",))
    active = fields.Boolean(default=True)
