"""Stock value: what is on hand in each internal location, and what it is worth (a report).

One row per product, location and lot with goods: the quantity, the unit
cost in the company's currency and the value (`addons.stock.reporting`).
The Inventory app lists it grouped by location, warehouse or product
category, with the sums; the cost and the value are shown to cost readers
only, like the product's cost.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select

from addons.stock import reporting
from addons.stock.models.quant import QUANTITY
from core.orm import fields
from core.orm.environment import Environment
from core.orm.registry import Registry
from core.orm.report import Report

COST_READERS = ("product.group_cost_reader",)


class StockValue(Report, name="stock.value"):
    _description = "Stock value"
    _order = "location, product, lot, id"
    _rec_name = None

    product = fields.Many2one("product.product", readonly=True)
    category = fields.Many2one("product.category", "Product category", readonly=True)
    location = fields.Many2one("stock.location", readonly=True)
    warehouse = fields.Many2one("stock.warehouse", readonly=True)
    lot = fields.Many2one("stock.lot", "Lot / serial number", readonly=True)
    company = fields.Many2one("base.company", readonly=True)
    quantity = fields.Decimal("On hand", digits=QUANTITY, readonly=True)
    unit_cost = fields.Monetary("Unit cost", readonly=True, groups=COST_READERS)
    value = fields.Monetary(readonly=True, groups=COST_READERS)
    currency = fields.Many2one("base.currency", readonly=True)

    @classmethod
    def query(cls, registry: Registry) -> Select[Any]:
        return reporting.value_query(registry)

    @classmethod
    def value_by(cls, env: Environment, by: str = "location") -> list[dict[str, Any]]:
        """Quantity and value per location, warehouse, category or product (`addons.stock.reporting`)."""
        return reporting.value_by(env, by)
