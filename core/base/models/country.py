"""Countries, for addresses, taxes and chart-of-accounts templates."""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Unique
from core.orm.model import Model


class Country(Model, name="base.country"):
    _description = "Country"
    _order = "name"
    _sql_constraints = (Unique("code", message="Another country has this code."),)

    name = fields.Char(required=True)
    code = fields.Char("ISO code", size=2, required=True, help="Two-letter ISO 3166 code, e.g. TR.")
    phone_code = fields.Char("Calling code")
    currency = fields.Many2one("base.currency")
