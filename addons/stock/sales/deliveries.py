"""Deliveries of sales orders: made when an order is confirmed, cancelled with it.

Confirming makes one delivery per warehouse the order's lines ship from,
with one move per line of a storable or consumable product, scheduled at
the order date plus the product's customer lead time, and reserves what
is free. Cancelling the order cancels its deliveries not yet done; an
order with goods already delivered (and not all returned) cannot be
cancelled. Both run as the system: they follow from the salesperson's
confirmation, who need not have stock rights. Orders made before stock
was installed ship from their company's first warehouse (`fill_warehouses`).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import defaultdict
from typing import Any

from core.errors import UserError
from core.i18n import _
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)


def create_for(env: Environment, orders: Any) -> list[Any]:
    """Create, confirm and reserve the deliveries of confirmed ``orders``; returns them."""
    made = []
    with env.sudo():
        for order in orders:
            by_warehouse: dict[Any, list[Any]] = defaultdict(list)
            for line in order.lines:
                if line.product is not None and line.product.type != "service" and line.quantity > 0:
                    warehouse = line.shipping_warehouse()
                    if warehouse is None:
                        raise UserError(_("%(name)s: choose the warehouse to ship from.", name=order.name))
                    by_warehouse[warehouse].append(line)
            for warehouse, lines in by_warehouse.items():
                start = dt.datetime.combine(order.date_order, dt.time(9), tzinfo=env.tz)
                delay = max(line.product.sale_delay or 0 for line in lines)
                picking = env["stock.picking"].create(
                    {
                        "kind": "outgoing",
                        "warehouse": warehouse.id,
                        "partner": order.partner.id,
                        "origin": order.name,
                        "sale_order": order.id,
                        "scheduled_date": start + dt.timedelta(days=delay),
                        "moves": [
                            {
                                "product": line.product.id,
                                "description": line.description,
                                "quantity": line.quantity,
                                "sale_line": line.id,
                                "date": start + dt.timedelta(days=line.product.sale_delay or 0),
                            }
                            for line in lines
                        ],
                    }
                )
                made.append(picking.action_confirm())
    return made


def fill_warehouses(env: Environment) -> None:
    """Give the orders without a warehouse (made before stock was installed) their company's first one."""
    with env.sudo():
        orders = env["sales.order"].search([("warehouse", "not set", 0)])
        by_company: dict[Any, list[Any]] = defaultdict(list)
        for order in orders:
            by_company[order.company].append(order)
        for company, waiting in by_company.items():
            found = env["stock.warehouse"].search([("company", "=", company.id)], limit=1)
            for order in waiting if found else ():
                order.warehouse = found[0]
        env.flush()


def cancel_for(env: Environment, orders: Any) -> None:
    """Cancel the open deliveries of cancelled ``orders``.

    Raises:
        UserError: goods of an order were delivered and not all returned.
    """
    with env.sudo():
        for order in orders:
            if any(decimal.Decimal(line.qty_delivered or 0) > 0 for line in order.lines):
                raise UserError(
                    _(
                        "%(name)s has delivered goods: return them before cancelling the order.",
                        name=order.name,
                    )
                )
            for picking in order.pickings:
                if picking.state not in ("done", "cancelled"):
                    picking.action_cancel()
