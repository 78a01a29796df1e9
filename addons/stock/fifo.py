"""FIFO costing: goods leave at the cost of the oldest goods of their product still in the company.

For products whose category's ``cost_method`` is ``fifo``
(`addons.stock.models.category`), each move into the company's stock makes a
cost layer (`stock.cost_layer`) of its quantity at its unit price; each move
out takes the oldest layers of the product in the move's company first, part
of a layer at its unit cost rounded to the currency, the last part of a
layer at exactly what the layer has left, so the value on hand (the sum of
the remaining values) is exactly what the moves brought in less what they
took out. A return to the vendor takes the returned receipt's layer first.
Goods beyond the layers (stock allowed to go negative) leave at the
product's cost. The product's ``cost`` becomes the value of its open layers
divided by their quantity::

    layers = Layers(env, product_ids)          # their open layers, oldest first, locked
    value = layers.add(move, quantity, price)   # goods in: a new layer; returns its value
    value = layers.take(move, quantity, cost)   # goods out: returns the value taken
    layers.update_costs()

Runs inside `addons.stock.valuation.value`, as the system. On PostgreSQL the
open layers of the products are locked (``FOR UPDATE``, by id) before they
are read, so two deliveries of the same product take layers one after the
other.
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from core.orm.environment import Environment

ZERO = decimal.Decimal(0)


class Layers:
    """The open cost layers of some products, per (product id, company id), oldest first."""

    def __init__(self, env: Environment, product_ids: Iterable[int]) -> None:
        self.env = env
        self.product_ids = sorted(set(product_ids))
        self.queues: dict[tuple[int, int], list[Any]] = defaultdict(list)
        model = env.registry["stock.cost_layer"]
        table = model._table
        if env.session.get_bind().dialect.name == "postgresql":
            env.session.execute(
                select(table.c.id)
                .where(table.c.product_id.in_(self.product_ids), table.c.remaining_quantity > 0)
                .order_by(table.c.id)
                .with_for_update()
            )
        found = env["stock.cost_layer"].search(
            [("product", "in", self.product_ids), ("remaining_quantity", ">", 0)], order="id"
        )
        for layer in found:
            self.queues[(layer.product_id, layer.company_id)].append(layer)

    def add(self, move: Any, quantity: decimal.Decimal, price: decimal.Decimal) -> decimal.Decimal:
        """Goods came in: a new layer of ``quantity`` at ``price``; returns its value."""
        value = move.company.currency.round(quantity * price)
        layer = self.env["stock.cost_layer"].new(
            {
                "product": move.product,
                "company": move.company,
                "move": move,
                "quantity": quantity,
                "unit_cost": price,
                "value": value,
                "remaining_quantity": quantity,
                "remaining_value": value,
            }
        )
        self.queues[(move.product.id, move.company.id)].append(layer)
        return value

    def take(self, move: Any, quantity: decimal.Decimal, cost: decimal.Decimal) -> decimal.Decimal:
        """Goods went out: take ``quantity`` from the oldest layers; returns the value taken.

        A return to the vendor takes its receipt's layer first; what the layers
        lack is valued at ``cost``.
        """
        currency = move.company.currency
        queue = self.queues[(move.product.id, move.company.id)]
        returned = move.origin_returned_move
        first = [layer for layer in queue if returned is not None and layer.move is returned]
        left, taken = quantity, ZERO
        for layer in [*first, *(layer for layer in queue if layer not in first)]:
            if left <= 0:
                break
            remaining = decimal.Decimal(layer.remaining_quantity)
            if remaining <= 0:
                continue
            part = min(left, remaining)
            value = layer.remaining_value if part == remaining else currency.round(part * layer.unit_cost)
            layer.remaining_quantity = remaining - part
            layer.remaining_value = decimal.Decimal(layer.remaining_value) - value
            taken += value
            left -= part
        if left > 0:
            taken += currency.round(left * cost)
        return taken

    def update_costs(self) -> None:
        """Each product's cost, in its own currency: its open layers' value (in their companies'
        currencies, converted at today's rates) over their quantity; unchanged without any."""
        totals: dict[int, list[decimal.Decimal]] = defaultdict(lambda: [ZERO, ZERO])
        day, rates = self.env.today(), {}
        for (product_id, company_id), queue in self.queues.items():
            product = self.env["product.product"].get(product_id)
            currency = self.env["base.company"].get(company_id).currency
            value = sum((decimal.Decimal(layer.remaining_value) for layer in queue), ZERO)
            if product.currency is not None and currency is not None:
                value = currency.convert(value, product.currency, day, rates)
            totals[product_id][0] += value
            totals[product_id][1] += sum((decimal.Decimal(layer.remaining_quantity) for layer in queue), ZERO)
        for product_id, (value, quantity) in totals.items():
            if quantity > 0:
                self.env["product.product"].get(product_id).cost = value / quantity
