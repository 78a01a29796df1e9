"""Lots and serial numbers of the products that track them (``product.tracking``).

A lot names a batch (``L-2026-11``); a serial number is a lot of exactly one
unit. The name is unique per product.
"""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Unique
from core.orm.model import Model


class Lot(Model, name="stock.lot"):
    _description = "Lot or serial number"
    _order = "name, id"
    _sql_constraints = (Unique("product", "name", message="This product already has a lot with this name."),)

    name = fields.Char("Lot / serial number", required=True, index=True)
    product = fields.Many2one("product.product", required=True, ondelete="restrict", index=True)
    expiration_date = fields.Date("Expires on")
    note = fields.Text()
