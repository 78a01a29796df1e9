"""Tax grids: the lines of a tax return (``KDV matrahı %20``, ``Hesaplanan KDV``) that taxes report into.

A tax names the grid its base goes to and the grid its amount goes to,
on invoices and on credit notes (`addons.accounting.models.tax`); the tax
report (`addons.accounting.tax_report`) adds up, per grid, the posted
journal items of the period through their tax. Grids are statutory lines,
shared by every company of a country: the shipped ones are in
``data/tax_grids.toml`` (Turkey's KDV return and a generic VAT return).
"""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Unique
from core.orm.model import Model


class TaxGrid(Model, name="accounting.tax_grid"):
    _description = "Tax grid"
    _order = "sequence, code, id"
    _rec_name = "full_name"
    _sql_constraints = (Unique("code", message="Another tax grid has this code."),)

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True)
    full_name = fields.Char("Tax grid", store=True, readonly=True)
    sequence = fields.Integer(default=10)
    country = fields.Many2one("base.country", help="The country whose tax return has this line.")

    @full_name.computed_from("code", "name")
    def _compute_full_name(self) -> None:
        self.full_name = f"{self.code or ''} {self.name or ''}".strip()
