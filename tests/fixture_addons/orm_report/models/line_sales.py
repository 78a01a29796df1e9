"""Each order line's amount with its order's customer and state, and the day it is read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date
from sqlalchemy import Select
from sqlalchemy import bindparam
from sqlalchemy import select

from core.orm import fields
from core.orm.registry import Registry
from core.orm.report import Report

STATES = [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done")]


def today() -> dt.date:
    return dt.date.today()


class LineSales(Report, name="orm_report.line_sales"):
    _description = "Line sales"
    _order = "amount desc, id"
    _rec_name = "name"

    name = fields.Char(readonly=True)
    order = fields.Many2one("orm_orders.order", readonly=True)
    partner = fields.Many2one("base.partner", readonly=True)
    state = fields.Selection(STATES, readonly=True)
    amount = fields.Decimal(digits=(16, 2), readonly=True)
    as_of = fields.Date(readonly=True)
    doubled = fields.Decimal(digits=(16, 2))

    @doubled.computed_from("amount")
    def _compute_doubled(self) -> None:
        self.doubled = self.amount * 2

    @classmethod
    def query(cls, registry: Registry) -> Select[Any]:
        line = registry["orm_orders.order_line"]._table
        order = registry["orm_orders.order"]._table
        return select(
            line.c.id,
            line.c.name,
            line.c.order_id,
            order.c.partner_id,
            order.c.state,
            line.c.subtotal.label("amount"),
            bindparam("today", callable_=today, type_=Date).label("as_of"),
        ).join(order, order.c.id == line.c.order_id)
