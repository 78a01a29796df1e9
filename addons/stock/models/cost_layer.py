"""Cost layers: what each receipt of a FIFO-costed product brought in, and how much of it is left.

A layer is made when goods of a product costed ``fifo`` enter a company's
stock (a receipt, a customer return, a count surplus): its quantity, unit
cost and value. Goods leaving take the oldest layers of the product in the
company first (`addons.stock.fifo`), lowering ``remaining_quantity`` and
``remaining_value``; the value of the goods on hand is the sum of the
remaining values, exactly what the moves added and took. Layers are the
valuation's records: nobody edits them; cost readers read them.
"""

from __future__ import annotations

from addons.stock.models.quant import QUANTITY
from core.orm import fields
from core.orm.model import Model


class CostLayer(Model, name="stock.cost_layer"):
    _description = "Cost layer"
    _order = "product, id"
    _rec_name = None

    product = fields.Many2one(
        "product.product", required=True, readonly=True, ondelete="restrict", index=True
    )
    company = fields.Many2one("base.company", required=True, readonly=True, index=True)
    move = fields.Many2one("stock.move", "Incoming move", readonly=True, ondelete="restrict", index=True)
    currency = fields.Many2one("base.currency", related="company.currency", store=True)
    quantity = fields.Decimal(digits=QUANTITY, required=True, readonly=True)
    unit_cost = fields.Decimal("Unit cost", digits=(20, 6), required=True, readonly=True)
    value = fields.Monetary(currency="currency", required=True, readonly=True)
    remaining_quantity = fields.Decimal(
        "Remaining", digits=QUANTITY, required=True, readonly=True, index=True
    )
    remaining_value = fields.Monetary("Remaining value", currency="currency", required=True, readonly=True)
