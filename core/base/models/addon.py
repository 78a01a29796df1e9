"""The table of installed addons: which addon is installed at which version."""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Unique
from core.orm.model import Model


class InstalledAddon(Model, name="base.addon"):
    """One installed addon, as the lifecycle commands record it."""

    _description = "Installed addon"
    _order = "name"
    _sql_constraints = (Unique("name", message="This addon is already installed."),)

    name = fields.Char(required=True)
    version = fields.Char(required=True)
    summary = fields.Char()
    installed_at = fields.Datetime("Installed on")
    upgraded_at = fields.Datetime("Upgraded on")
    demo = fields.Boolean("Demo data loaded")
