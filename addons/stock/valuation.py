"""Valuation at average cost: what goods entering and leaving the company's stock are worth.

The product's ``cost`` is its average cost. Goods coming into an internal
location from outside (a vendor, a customer return, an inventory gain)
change it::

    new cost = (on hand × cost + quantity × unit price) / (on hand + quantity)

where "on hand" is the quantity in every internal location before the move,
and the unit price is the move's ``price_unit`` (purchase sets it from the
order), else for a return the price of the move it returns, else the
current cost (an inventory gain does not change the average). With nothing
(or less than nothing) on hand the new cost is the unit price.

Goods leaving internal locations are valued at the current cost; moves
between internal locations, or between two outside locations, are worth
nothing to the books. Each move keeps ``price_unit`` and ``value``
(positive in, negative out), rounded to the company's currency; accounting
posts its entries from them. The cost is rounded to its currency too, so
the average carries that rounding (FIFO layers are not kept).

Moves are valued in the company's currency; the cost stays in the product's
own currency (a Turkish part costed in TRY in a company keeping its books in
EUR). It is converted at the rates of the day the goods move
(`base.currency.convert`).
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from typing import Any

from addons.stock import ledger
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)
ONE = decimal.Decimal(1)


def value(env: Environment, moves: Sequence[tuple[Any, decimal.Decimal]]) -> None:
    """Value each (move, quantity done) and update the average cost of products coming in.

    Runs as the system (the cost is restricted to cost readers), before the
    quants change.

    Raises:
        UserError: a product's currency is not the company's and one of them has no rate today.
    """
    if not moves:
        return
    internal = list(env["stock.location"].search([("usage", "=", "internal")]).ids)
    on_hand = {
        product: levels.on_hand
        for product, levels in ledger.quantities(
            env, {move.product.id for move, _ in moves}, internal
        ).items()
    }
    day, rates = env.today(), {}
    for move, quantity in moves:
        product = move.product
        incoming = move.location.usage != "internal" and move.location_dest.usage == "internal"
        outgoing = move.location.usage == "internal" and move.location_dest.usage != "internal"
        # what one unit of the product's currency is worth in the company's
        factor = ONE
        if (incoming or outgoing) and product.currency is not None and move.currency is not None:
            factor = product.currency.convert(ONE, move.currency, day, rates)
        cost = decimal.Decimal(product.cost or 0) * factor
        if incoming:
            price = _incoming_price(move, cost)
            before = on_hand[product.id]
            if before > 0:
                product.cost = (before * cost + quantity * price) / (before + quantity) / factor
            else:
                product.cost = price / factor
            on_hand[product.id] = before + quantity
            move.price_unit = price
            move.value = _round(move, quantity * price)
        elif outgoing:
            on_hand[product.id] -= quantity
            move.price_unit = cost
            move.value = _round(move, -quantity * cost)
        else:
            move.value = ZERO
    env.flush()


def _incoming_price(move: Any, cost: decimal.Decimal) -> decimal.Decimal:
    if move.price_unit is not None:
        return decimal.Decimal(move.price_unit)
    returned = move.origin_returned_move
    if returned is not None and returned.price_unit is not None:
        return decimal.Decimal(returned.price_unit)
    return cost


def _round(move: Any, amount: decimal.Decimal) -> decimal.Decimal:
    return move.currency.round(amount) if move.currency is not None else amount
