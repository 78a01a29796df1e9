"""External ids: stable names (``base.main_company``) for records that data files create."""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Unique
from core.orm.model import Model


class ExternalId(Model, name="base.external_id"):
    """Links ``addon.name`` to one record; the addon's data loading owns the record."""

    _description = "External id"
    _order = "addon, name"
    _rec_name = "name"
    _sql_constraints = (Unique("addon", "name", message="This external id already exists."),)

    addon = fields.Char(required=True, index=True)
    name = fields.Char(required=True)
    model = fields.Char(required=True, index=True)
    res_id = fields.Integer("Record id", required=True, index=True)
    noupdate = fields.Boolean("Keep local changes on upgrade")

    @property
    def full_name(self) -> str:
        return f"{self.addon}.{self.name}"
