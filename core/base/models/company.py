"""Companies: the legal entities whose books and data Tessera keeps apart."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Model


class Company(Model, name="base.company"):
    _description = "Company"
    _order = "name"
    _parent_field = "parent"

    name = fields.Char(required=True)
    currency = fields.Many2one("base.currency", required=True, ondelete="restrict")
    partner = fields.Many2one("base.partner", help="The company's own address and contact data.")
    parent = fields.Many2one("base.company", "Parent company")
    country = fields.Many2one("base.country")
    vat = fields.Char("Tax id")
