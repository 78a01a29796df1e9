"""purchase's hook implementations: requests for quotation carry out stock's replenishment.

``register_routes`` adds the printable order (``/purchase/order/<id>/print``).

The stock hooks run in the reorder job's transaction, as the system
(`addons.stock.replenish`); ``addon_installed`` takes the demo orders
through the workflow when purchase is installed with its demo (`addons.purchase.demo`).
"""

from __future__ import annotations

import decimal
from typing import TYPE_CHECKING
from typing import Any

from werkzeug.routing import Rule

from addons.commerce.printing import print_rule
from addons.purchase import demo
from addons.purchase import replenish
from core.hookspecs import hookimpl
from core.orm.environment import Environment

if TYPE_CHECKING:
    from addons.stock.replenish import Need


@hookimpl
def stock_replenish(env: Environment, needs: list[Need]) -> None:
    """Order what is missing from each product's vendor (`addons.purchase.replenish.order_needs`)."""
    replenish.order_needs(env, needs)


@hookimpl
def stock_planned_incoming(
    env: Environment, warehouse: Any, product_ids: list[int]
) -> dict[int, decimal.Decimal]:
    """The quantities on open requests for quotation (`addons.purchase.replenish.planned_incoming`)."""
    return replenish.planned_incoming(env, warehouse, product_ids)


@hookimpl
def register_routes() -> list[Rule]:
    """The printable request for quotation or order (`addons.commerce.printing`)."""
    return [
        print_rule("/purchase/order/<int:record_id>/print", "purchase.order", "purchase/order_print.html")
    ]


@hookimpl
def addon_installed(env: Environment, addon: str) -> None:
    """With purchase's demo loaded, take its orders through the workflow (`addons.purchase.demo.run`)."""
    if addon == "purchase":
        demo.run(env)
