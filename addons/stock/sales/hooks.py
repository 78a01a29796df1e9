"""stock's hooks when sales is installed: deliveries follow the orders' confirmation and cancellation."""

from __future__ import annotations

from typing import Any

from addons.stock.sales import deliveries
from core.hookspecs import hookimpl
from core.orm.environment import Environment
from core.orm.records import RecordSet


@hookimpl
def sales_order_confirmed(env: Environment, orders: RecordSet[Any]) -> None:
    deliveries.create_for(env, orders)


@hookimpl
def sales_order_cancelled(env: Environment, orders: RecordSet[Any]) -> None:
    deliveries.cancel_for(env, orders)
