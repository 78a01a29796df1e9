"""The stock's share of a bill's price difference: what of the billed goods is still on hand, revalued.

A bill whose price differs from what the receipt booked changes the cost of
the goods it bills. What of them is still in the company's stock takes the
difference (`addons.purchase.accounting.clearing` books it on the stock
valuation account), so the stock and its account keep agreeing
(`addons.stock.accounting.check`):

* **average cost**: the share is the billed quantity, at most what the
  company has on hand of the product; the product's ``cost`` rises by the
  difference over the quantity on hand (in the product's currency, at the
  bill date's rates);
* **FIFO**: the share is what the cost layers of the order line's receipts
  still hold; their remaining value takes the difference, oldest first, and
  their unit cost becomes what is left over what remains, then the product's
  cost follows its layers (`addons.stock.fifo.Layers.update_costs`).

Runs as the system (costs and layers are the valuation's records), with the
open layers of the products locked on PostgreSQL as stock does::

    revaluation = Revaluation(env, company, products, day)
    quantity = revaluation.on_hand(order_line, covered)
    revaluation.revalue(order_line, quantity, amount)
    revaluation.finish()
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from typing import Any

from addons.stock import fifo
from addons.stock import ledger
from addons.stock.models.category import cost_method
from core.base.models.currency import Rates
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)


class Revaluation:
    """The on-hand quantities (average cost) and open layers (FIFO) of the billed products."""

    def __init__(self, env: Environment, company: Any, products: Iterable[Any], day: dt.date) -> None:
        self.env, self.company, self.day = env, company, day
        self.rates: Rates = {}
        products = list(products)
        with env.sudo():
            self.fifo = {p.id for p in products if cost_method(p.category) == "fifo"}
            internal = env["stock.location"].search(
                [("usage", "=", "internal"), ("company", "=", company.id)]
            )
            levels = ledger.quantities(env, [p.id for p in products if p.id not in self.fifo], internal.ids)
            self.quantities = {product: level.on_hand for product, level in levels.items()}
            self.layers = fifo.Layers(env, self.fifo) if self.fifo else None
        # New average costs, written together at the end (one UPDATE statement for all products).
        self.costs: dict[Any, decimal.Decimal] = {}
        # Quantity on hand already given to earlier lines of the bill, per average-cost product.
        self.claimed: dict[int, decimal.Decimal] = {}

    def _receipt_layers(self, order_line: Any) -> list[Any]:
        """The open layers of ``order_line``'s receipts in the company, oldest first."""
        assert self.layers is not None
        moves = {move.id for move in order_line.moves}
        queue = self.layers.queues[(order_line.product.id, self.company.id)]
        return [layer for layer in queue if layer.move_id in moves and layer.remaining_quantity > 0]

    def on_hand(self, order_line: Any, quantity: decimal.Decimal) -> decimal.Decimal:
        """How much of ``quantity`` billed on ``order_line`` is still in the company's stock (at average
        cost, less what earlier lines of the bill took of it). Called once per billed line."""
        product = order_line.product
        with self.env.sudo():
            if product.id in self.fifo:
                held = sum(
                    (decimal.Decimal(x.remaining_quantity) for x in self._receipt_layers(order_line)), ZERO
                )
                return max(min(quantity, held), ZERO)
            # Several lines of one bill may bill the same product: each takes what the others left.
            held = self.quantities.get(product.id, ZERO) - self.claimed.get(product.id, ZERO)
            share = max(min(quantity, held), ZERO)
            self.claimed[product.id] = self.claimed.get(product.id, ZERO) + share
            return share

    def revalue(self, order_line: Any, quantity: decimal.Decimal, amount: decimal.Decimal) -> None:
        """Add ``amount`` (company currency) to the value of ``quantity`` on hand of the line's product."""
        if not amount or quantity <= 0:
            return
        product = order_line.product
        with self.env.sudo():
            if product.id in self.fifo:
                self._revalue_layers(order_line, quantity, amount)
                return
            per_unit = amount / self.quantities[product.id]
            if product.currency is not None:
                per_unit = self.company.currency.convert(per_unit, product.currency, self.day, self.rates)
            cost = self.costs.get(product, decimal.Decimal(product.cost or 0))
            self.costs[product] = cost + per_unit

    def _revalue_layers(self, order_line: Any, quantity: decimal.Decimal, amount: decimal.Decimal) -> None:
        currency = self.company.currency
        layers = self._receipt_layers(order_line)
        left, rest = quantity, amount
        for index, layer in enumerate(layers):
            part = min(left, decimal.Decimal(layer.remaining_quantity))
            if part <= 0:
                break
            last = index == len(layers) - 1 or part == left
            share = rest if last else currency.round(amount * part / quantity)
            layer.remaining_value = decimal.Decimal(layer.remaining_value) + share
            layer.unit_cost = decimal.Decimal(layer.remaining_value) / decimal.Decimal(
                layer.remaining_quantity
            )
            left, rest = left - part, rest - share

    def finish(self) -> None:
        """Write the new average costs; the FIFO products' costs follow their revalued layers."""
        with self.env.sudo():
            for product, cost in self.costs.items():
                product.cost = cost
            if self.layers is not None:
                self.layers.update_costs()
