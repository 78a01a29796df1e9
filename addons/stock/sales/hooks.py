"""stock's hooks when sales is installed: deliveries follow the orders' confirmation and cancellation.

``addon_installed`` gives the orders made before stock a warehouse, and
ships the demo orders when both addons have their demo
(`addons.stock.sales.demo`), after stock's own demo put goods in stock.
"""

from __future__ import annotations

from typing import Any

from addons.stock.sales import deliveries
from addons.stock.sales import demo
from core.hookspecs import hookimpl
from core.orm.environment import Environment
from core.orm.records import RecordSet


@hookimpl
def sales_order_confirmed(env: Environment, orders: RecordSet[Any]) -> None:
    deliveries.create_for(env, orders)


@hookimpl
def sales_order_cancelled(env: Environment, orders: RecordSet[Any]) -> None:
    deliveries.cancel_for(env, orders)


@hookimpl(trylast=True)
def addon_installed(env: Environment, addon: str) -> None:
    """The second of stock and sales to arrive completes the orders (after stock's opening count)."""
    if addon in ("stock", "sales"):
        deliveries.fill_warehouses(env)
        demo.run(env)
