"""A product's taxes: customer taxes for the sales documents of it, vendor taxes for the purchase ones.

New lines of the product take them; each must be of its documents' scope.
"""

from __future__ import annotations

from addons.commerce.models.tax import scope_error
from core.errors import ValidationError
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Extension


class Product(Extension, extends="product.product"):
    taxes = fields.Many2many(
        "commerce.tax",
        "Customer taxes",
        relation="commerce_product_tax_rel",
        column1="product_id",
        column2="tax_id",
    )
    supplier_taxes = fields.Many2many(
        "commerce.tax",
        "Vendor taxes",
        relation="commerce_product_supplier_tax_rel",
        column1="product_id",
        column2="tax_id",
    )

    @constrains("taxes", "supplier_taxes")
    def _check_tax_scopes(self) -> None:
        errors = {}
        for name, scope in (("taxes", "sale"), ("supplier_taxes", "purchase")):
            message = scope_error(getattr(self, name), scope)
            if message:
                errors[name] = message
        if errors:
            raise ValidationError(fields=errors)
