"""sales' orders and lines, and stock's moves and transfers, linked.

* ``stock.move.sale_line``: the order line a delivery move serves; a
  return's moves keep the line of the moves they return.
* ``sales.order_line.qty_delivered``: goods done to customers less goods
  done back from them, stored (reports and lists sum it).
* ``sales.order_line.qty_free`` and ``expected_date``: computed on read
  for a quotation's lines, all lines of the order at once (one set of
  queries per order, not per line): the free quantity in the line's
  warehouse, and the first day the quantity stays covered
  (`addons.stock.forecast.available_on`) plus the product's customer
  lead time.
* ``sales.order.delivery_status``: nothing, partly or fully delivered.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from typing import Any

from addons.stock import forecast
from addons.stock.models.quant import QUANTITY
from addons.stock.models.warehouse import default_warehouse
from core.orm import fields
from core.orm.compute import computes_batch
from core.orm.environment import Environment
from core.orm.model import Extension
from core.orm.records import RecordSet

ZERO = decimal.Decimal(0)
DELIVERY_STATUS = [("nothing", "Not delivered"), ("partial", "Partly delivered"), ("full", "Delivered")]
QUOTATION_STATES = ("draft", "sent")


class Move(Extension, extends="stock.move"):
    sale_line = fields.Many2one("sales.order_line", "Sales order line", ondelete="set null", index=True)

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Any:
        """A return's move serves the order line of the move it returns."""
        returned = vals.get("origin_returned_move")
        if returned is not None and vals.get("sale_line") is None:
            if isinstance(returned, int):
                returned = env["stock.move"].get(returned)
            if returned.sale_line is not None:
                vals = {**vals, "sale_line": returned.sale_line}
        return super().new(env, vals)


class Picking(Extension, extends="stock.picking"):
    sale_order = fields.Many2one("sales.order", "Sales order", ondelete="set null", index=True)


class OrderLine(Extension, extends="sales.order_line"):
    warehouse = fields.Many2one("stock.warehouse", help="Ships from the order's warehouse when empty.")
    moves = fields.One2many("stock.move", inverse="sale_line")
    qty_delivered = fields.Decimal("Delivered", digits=QUANTITY, store=True)
    qty_free = fields.Decimal(
        "Available", digits=QUANTITY, help="Free in the line's warehouse now: on hand and not reserved."
    )
    expected_date = fields.Date(
        "Expected", help="The first day the quantity can be delivered, the customer lead time included."
    )

    @qty_delivered.computed_from("moves.state", "moves.quantity_done")
    def _compute_qty_delivered(self) -> None:
        total = ZERO
        for move in self.moves:
            if move.state != "done":
                continue
            if move.location_dest.usage == "customer":
                total += decimal.Decimal(move.quantity_done)
            elif move.location.usage == "customer":
                total -= decimal.Decimal(move.quantity_done)
        self.qty_delivered = total

    @qty_free.computed_from()
    @expected_date.computed_from()
    @computes_batch
    def _compute_stock_hints(self: RecordSet[Any]) -> None:  # type: ignore[misc]
        hints = stock_hints(self.env, list(self))
        for line in self:
            line.qty_free, line.expected_date = hints.get(line.id, (None, None))

    def shipping_warehouse(self) -> Any:
        return self.warehouse or (self.order.warehouse if self.order is not None else None)


class Order(Extension, extends="sales.order"):
    warehouse = fields.Many2one("stock.warehouse", default=default_warehouse)
    pickings = fields.One2many("stock.picking", inverse="sale_order")
    delivery_status = fields.Selection(DELIVERY_STATUS, "Delivery", store=True)

    @delivery_status.computed_from("state", "lines.qty_delivered", "lines.quantity", "lines.product")
    def _compute_delivery_status(self) -> None:
        goods = [line for line in self.lines if line.product is not None and line.product.type != "service"]
        delivered = [decimal.Decimal(line.qty_delivered or 0) for line in goods]
        if not goods or self.state not in ("confirmed", "done") or not any(delivered):
            self.delivery_status = "nothing" if goods and self.state in ("confirmed", "done") else None
        elif all(done >= line.quantity for done, line in zip(delivered, goods, strict=True)):
            self.delivery_status = "full"
        else:
            self.delivery_status = "partial"


def stock_hints(env: Any, lines: list[Any]) -> dict[int, tuple[decimal.Decimal | None, dt.date | None]]:
    """Per line id of ``lines``: the free quantity and the expected delivery date, in a few queries per
    warehouse whatever the number of lines and orders.

    Only quotations' lines get them: an order's goods are reserved or on their way already.
    """
    hints: dict[int, tuple[decimal.Decimal | None, dt.date | None]] = {}
    by_warehouse: dict[Any, list[Any]] = {}
    for line in lines:
        order = line.order
        if order is not None and order.state in QUOTATION_STATES and line.product is not None and line.id:
            by_warehouse.setdefault(line.shipping_warehouse(), []).append(line)
    today = env.today()
    for warehouse, found in by_warehouse.items():
        product_ids = sorted({line.product.id for line in found})
        levels = forecast.levels(env, product_ids, warehouse)
        dated = forecast.forecasts(env, product_ids, warehouse)
        for line in found:
            product = line.product
            delay = dt.timedelta(days=product.sale_delay or 0)
            if product.type != "storable":
                hints[line.id] = (None, today + delay)
                continue
            day = dated[product.id].available_on(decimal.Decimal(line.quantity), today, env.tz)
            hints[line.id] = (levels[product.id].free, day + delay if day is not None else None)
    return hints
