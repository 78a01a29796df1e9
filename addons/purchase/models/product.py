"""A product's vendor prices: who sells it to us, from which quantity, at what price and lead time."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Extension


class Product(Extension, extends="product.product"):
    vendor_prices = fields.One2many("purchase.vendor_price", inverse="product")
