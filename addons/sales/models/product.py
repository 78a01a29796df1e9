"""A product's customer taxes: new order lines of the product take them."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Extension


class Product(Extension, extends="product.product"):
    taxes = fields.Many2many(
        "sales.tax",
        "Customer taxes",
        relation="sales_product_tax_rel",
        column1="product_id",
        column2="tax_id",
    )
