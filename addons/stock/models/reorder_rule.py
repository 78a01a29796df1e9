"""Reorder rules: keep a product's forecast in a warehouse between a minimum and a maximum.

The replenishment job (`addons.stock.replenish`) orders up to ``max_qty``
when the forecast falls below ``min_qty``, in multiples of ``multiple``.
"""

from __future__ import annotations

from addons.stock.models.quant import QUANTITY
from addons.stock.models.warehouse import default_warehouse
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import Unique
from core.orm.constraints import constrains
from core.orm.model import Model


class ReorderRule(Model, name="stock.reorder_rule"):
    _description = "Reorder rule"
    _order = "warehouse, product, id"
    _rec_name = None
    _sql_constraints = (
        Unique("product", "warehouse", message="This product already has a reorder rule in this warehouse."),
    )

    product = fields.Many2one("product.product", required=True, ondelete="cascade", index=True)
    warehouse = fields.Many2one(
        "stock.warehouse", default=default_warehouse, required=True, ondelete="cascade"
    )
    min_qty = fields.Decimal("Minimum", digits=QUANTITY, default=0, required=True)
    max_qty = fields.Decimal("Maximum", digits=QUANTITY, default=0, required=True)
    multiple = fields.Decimal("Order in multiples of", digits=QUANTITY, default=1, required=True)
    active = fields.Boolean(default=True)

    @constrains("min_qty", "max_qty", "multiple")
    def _check_quantities(self) -> None:
        if self.min_qty < 0 or self.max_qty < self.min_qty:
            raise ValidationError(
                fields={"max_qty": _("The maximum is at least the minimum, which is at least 0.")}
            )
        if self.multiple <= 0:
            raise ValidationError(fields={"multiple": _("Order in multiples of more than zero.")})
