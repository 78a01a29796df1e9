"""Replenishment: reorder rules checked against the forecast, the shortfalls handed to whoever supplies.

For each active rule, the forecast in its warehouse is on hand + incoming
− outgoing (`addons.stock.forecast.levels`) + what other addons plan to
bring in (``stock_planned_incoming``). Below ``min_qty``, the need is
``max_qty − forecast`` rounded up to the rule's ``multiple``, wanted by
today. The needs go to ``stock_replenish``: purchase turns them into
requests for quotation grouped by vendor.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from addons.stock import forecast
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)


@dataclass(frozen=True)
class Need:
    """What a reorder rule asks for: ``quantity`` of ``product`` into ``location`` by ``date``."""

    product: Any
    warehouse: Any
    location: Any
    quantity: decimal.Decimal
    date: dt.date
    rule: Any


def needs(env: Environment) -> list[Need]:
    """The shortfalls of every active reorder rule, one query set per warehouse."""
    rules = env["stock.reorder_rule"].search([("active", "=", True)])
    by_warehouse: dict[Any, list[Any]] = defaultdict(list)
    for rule in rules:
        by_warehouse[rule.warehouse].append(rule)
    found = []
    for warehouse, warehouse_rules in by_warehouse.items():
        product_ids = [rule.product.id for rule in warehouse_rules]
        current = forecast.levels(env, product_ids, warehouse)
        planned: dict[int, decimal.Decimal] = defaultdict(lambda: ZERO)
        for contribution in env.hook.stock_planned_incoming(
            env=env, warehouse=warehouse, product_ids=product_ids
        ):
            for product_id, quantity in (contribution or {}).items():
                planned[product_id] += decimal.Decimal(quantity)
        for rule in warehouse_rules:
            expected = current[rule.product.id].forecast + planned[rule.product.id]
            if expected >= rule.min_qty:
                continue
            quantity = _round_up(rule.max_qty - expected, decimal.Decimal(rule.multiple))
            found.append(Need(rule.product, warehouse, warehouse.lot_stock, quantity, env.today(), rule))
    return found


def run(env: Environment) -> list[Need]:
    """Find the needs and hand them to ``stock_replenish``; the job ``stock.replenish`` calls this."""
    found = needs(env)
    if found:
        env.hook.stock_replenish(env=env, needs=found)
    return found


def _round_up(quantity: decimal.Decimal, multiple: decimal.Decimal) -> decimal.Decimal:
    if multiple <= 0:
        return quantity
    return (quantity / multiple).to_integral_value(rounding=decimal.ROUND_CEILING) * multiple
