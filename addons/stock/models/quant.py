"""Quants: how much of a product (and lot) is in a location, and how much of it is reserved.

A quant is a running balance, not a document: users read quants (the
"Stock on hand" screen, reports, forecasts) but never write them. Only
`addons.stock.ledger` changes them, with atomic SQL increments under row
locks, when moves are done and when reservations are made or released.
There is one quant per product, location and lot (``NULLS NOT DISTINCT``
on PostgreSQL, so "no lot" counts as one value).
"""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Unique
from core.orm.model import Model

QUANTITY = (16, 4)


class Quant(Model, name="stock.quant"):
    _description = "Stock quantity"
    _order = "location, product, lot, id"
    _rec_name = None
    _sql_constraints = (
        Unique(
            "product",
            "location",
            "lot",
            nulls_distinct=False,
            message="This product already has a quantity in this location and lot.",
        ),
    )

    product = fields.Many2one(
        "product.product", required=True, readonly=True, ondelete="restrict", index=True
    )
    location = fields.Many2one(
        "stock.location", required=True, readonly=True, ondelete="restrict", index=True
    )
    lot = fields.Many2one("stock.lot", "Lot / serial number", readonly=True, ondelete="restrict")
    quantity = fields.Decimal("On hand", digits=QUANTITY, default=0, required=True, readonly=True)
    reserved_quantity = fields.Decimal("Reserved", digits=QUANTITY, default=0, required=True, readonly=True)
    category = fields.Many2one("product.category", "Product category", related="product.category", store=True)
    company = fields.Many2one("base.company", related="location.company", store=True)
