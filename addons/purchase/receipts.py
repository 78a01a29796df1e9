"""Receipts: the stock transfers that bring a purchase order's goods in.

Confirming an order (`create_receipts`) makes one incoming transfer from the
vendors location (``stock.location_suppliers``) to the warehouse's stock
location, with one move per line of goods (storable or consumable products;
services and lines without a product are not received). Each move points at
its line (``purchase_line``), carries the line's unit price before taxes
(less the discount, without the taxes included in the price) in the
company's currency as its ``price_unit`` (the average cost takes it in) and
the order's number as ``origin``; the transfer is confirmed at once.

Everything after that is stock's: receiving part of it leaves a backorder,
and a return sends goods back. Backorders and returns stay linked to the
order and their moves to the line (`addons.purchase.models.stock_picking`,
`addons.purchase.models.stock_move`), so the line's ``qty_received`` follows.

Receipts are a consequence of the buyer's confirmation, not a transfer they
make by hand, so they are made and cancelled as the system. Transfers are
scheduled at noon of the expected day in the buyer's time zone, so the day
reads the same in UTC reports.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from core.base.models.currency import Rates
from core.errors import UserError
from core.i18n import _
from core.orm.environment import Environment
from core.orm.records import RecordSet

NOON = dt.time(12)


def scheduled(env: Environment, day: dt.date) -> dt.datetime:
    """The moment a receipt expected on ``day`` is scheduled: noon in the user's time zone."""
    return dt.datetime.combine(day, NOON, tzinfo=env.tz)


def unit_cost(line: Any, rates: Rates | None = None) -> decimal.Decimal:
    """The line's unit price before taxes in its company's currency at the order date's rates.

    That is its untaxed amount (`addons.commerce.taxes.line_amounts`) per unit:
    less the discount, and without the taxes included in the price.

    ``rates`` keeps the rates read across calls (one query per currency and day).

    Raises:
        UserError: the order's currency has no rate on or before the order date.
    """
    order = line.order
    price = line.amounts().base / decimal.Decimal(line.quantity)
    return order.currency.convert(price, order.company.currency, order.date_order, rates)


def create_receipts(env: Environment, orders: RecordSet[Any]) -> RecordSet[Any]:
    """Make and confirm the receipt of each order that has goods to receive; returns the receipts."""
    rates: Rates = {}
    made = []
    with env.sudo():
        suppliers = env.ref("stock.location_suppliers")
        for order in orders:
            goods = [line for line in order.lines if line.receives_goods]
            if not goods:
                continue
            warehouse = order.warehouse
            days = [line.date_planned or order.date_order for line in goods]
            picking = env["stock.picking"].create(
                {
                    "kind": "incoming",
                    "warehouse": warehouse.id,
                    "partner": order.partner.id,
                    "location": suppliers.id,
                    "location_dest": warehouse.lot_stock.id,
                    "scheduled_date": scheduled(env, min(days)),
                    "origin": order.name,
                    "purchase_order": order.id,
                    "moves": [
                        {
                            "product": line.product.id,
                            "quantity": line.quantity,
                            "date": scheduled(env, day),
                            "price_unit": unit_cost(line, rates),
                            "purchase_line": line.id,
                        }
                        for line, day in zip(goods, days, strict=True)
                    ],
                }
            )
            made.append(picking.action_confirm())
    return RecordSet(env, env.registry["stock.picking"], made)


def refuse_if_received(orders: RecordSet[Any]) -> None:
    """Refuse to cancel orders of which goods were received and not all returned.

    Raises:
        UserError: naming the first such order.
    """
    for order in orders:
        if any(line.qty_received for line in order.lines):
            raise UserError(
                _(
                    "Goods of %(name)s were received: return them to the vendor before cancelling it.",
                    name=order.name,
                )
            )


def cancel_receipts(env: Environment, orders: RecordSet[Any]) -> None:
    """Cancel the orders' receipts (backorders included) that are not done."""
    with env.sudo():
        for order in orders:
            for picking in order.receipts:
                if picking.state not in ("done", "cancelled"):
                    picking.action_cancel()
