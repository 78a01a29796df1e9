"""A customer's pricelist: new orders for the partner use it (`Order.new`)."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Extension


class Partner(Extension, extends="base.partner"):
    pricelist = fields.Many2one(
        "sales.pricelist", "Pricelist", help="Prices of new quotations for this customer."
    )
