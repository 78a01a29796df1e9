"""Late deliveries: moves of goods to customers not done past their day, or done after it (a report).

One row per move, with the customer of its delivery, the product, the day
it was due (the move's scheduled date: the promise made on the order), the
day it was done, and the delay in whole UTC days (to today for those not
done). Grouped by customer or product it shows who waits and for what.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select

from addons.stock import reporting
from addons.stock.models.quant import QUANTITY
from core.orm import fields
from core.orm.environment import Environment
from core.orm.registry import Registry
from core.orm.report import Report

STATUSES = [("open", "Not delivered"), ("delivered", "Delivered late")]


class LateDelivery(Report, name="stock.late_delivery"):
    _description = "Late delivery"
    _order = "delay desc, id"
    _rec_name = "origin"

    picking = fields.Many2one("stock.picking", "Transfer", readonly=True)
    partner = fields.Many2one("base.partner", "Customer", readonly=True)
    product = fields.Many2one("product.product", readonly=True)
    category = fields.Many2one("product.category", "Product category", readonly=True)
    warehouse = fields.Many2one("stock.warehouse", readonly=True)
    company = fields.Many2one("base.company", readonly=True)
    origin = fields.Char("Source document", readonly=True)
    date = fields.Datetime("Due", readonly=True)
    date_done = fields.Datetime("Delivered on", readonly=True)
    quantity = fields.Decimal("Demand", digits=QUANTITY, readonly=True)
    quantity_done = fields.Decimal("Delivered", digits=QUANTITY, readonly=True)
    status = fields.Selection(STATUSES, readonly=True)
    delay = fields.Integer("Delay (days)", readonly=True)

    @classmethod
    def query(cls, registry: Registry) -> Select[Any]:
        return reporting.late_query(registry)

    @classmethod
    def late_by(
        cls,
        env: Environment,
        by: str = "customer",
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> list[dict[str, Any]]:
        """Late moves and delays per customer or product; see `addons.stock.reporting.late_by`."""
        return reporting.late_by(env, by, date_from, date_to)
