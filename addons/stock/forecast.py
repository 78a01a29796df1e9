"""What is and will be in stock: levels per product now, and the forecast by date.

`levels` answers for many products in three queries: on hand and reserved
from the quants of internal locations, incoming and outgoing from the open
moves (confirmed, not yet done) into and out of them. ``forecast`` is on
hand + incoming − outgoing. `forecasts` lists the open moves of many
products in date order with the running quantity, which says when an order
can be served (`Forecast.available_on`).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import select

from addons.stock import ledger
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)
OPEN = ("waiting", "partial", "ready")


@dataclass(frozen=True)
class Levels:
    on_hand: decimal.Decimal
    reserved: decimal.Decimal
    incoming: decimal.Decimal
    outgoing: decimal.Decimal

    @property
    def free(self) -> decimal.Decimal:
        """On hand and not reserved."""
        return self.on_hand - self.reserved

    @property
    def forecast(self) -> decimal.Decimal:
        return self.on_hand + self.incoming - self.outgoing


@dataclass(frozen=True)
class ForecastRow:
    date: dt.datetime
    reference: str
    incoming: decimal.Decimal
    outgoing: decimal.Decimal
    balance: decimal.Decimal


def internal_locations(env: Environment, warehouse: Any = None) -> list[int]:
    """The internal locations of ``warehouse``, or of every warehouse the user reaches."""
    domain: list[Any] = [("usage", "=", "internal")]
    if warehouse is not None:
        domain.append(("id", "child_of", warehouse.view_location.id))
    return list(env["stock.location"].search(domain).ids)


def levels(env: Environment, product_ids: Iterable[int], warehouse: Any = None) -> dict[int, Levels]:
    """Levels per product id in ``warehouse`` (every warehouse by default)."""
    product_ids = sorted(set(product_ids))
    locations = internal_locations(env, warehouse)
    stock = ledger.quantities(env, product_ids, locations)
    incoming, outgoing = _open_moves(env, product_ids, locations)
    return {
        product: Levels(
            stock[product].on_hand,
            stock[product].reserved,
            incoming.get(product, ZERO),
            outgoing.get(product, ZERO),
        )
        for product in product_ids
    }


def _open_moves(
    env: Environment, product_ids: list[int], locations: list[int]
) -> tuple[dict[int, decimal.Decimal], dict[int, decimal.Decimal]]:
    if not product_ids or not locations:
        return {}, {}
    moves = env.registry["stock.move"]._table
    into = moves.c.location_dest_id.in_(locations)
    out_of = moves.c.location_id.in_(locations)
    remaining = moves.c.quantity - moves.c.quantity_done
    stmt = (
        select(
            moves.c.product_id,
            func.sum(case((into & ~out_of, remaining), else_=0)),
            func.sum(case((out_of & ~into, remaining), else_=0)),
        )
        .where(moves.c.product_id.in_(product_ids), moves.c.state.in_(OPEN), into | out_of)
        .group_by(moves.c.product_id)
    )
    incoming: dict[int, decimal.Decimal] = {}
    outgoing: dict[int, decimal.Decimal] = {}
    for product, inward, outward in env.session.execute(stmt):
        incoming[product] = ledger.to_quantity(inward)
        outgoing[product] = ledger.to_quantity(outward)
    return incoming, outgoing


@dataclass(frozen=True)
class Forecast:
    """A product's quantity on hand and its open moves by date, with the running quantity."""

    on_hand: decimal.Decimal
    rows: tuple[ForecastRow, ...]

    def available_on(self, quantity: decimal.Decimal, today: dt.date, tz: Any) -> dt.date | None:
        """The first day from which ``quantity`` more stays covered, or None if it never is.

        Every open move counts, reserved or not: the day is the earliest from
        which the running forecast never drops below ``quantity`` again.
        """
        days = [today] + [max(today, row.date.astimezone(tz).date()) for row in self.rows]
        balances = [self.on_hand] + [row.balance for row in self.rows]
        lowest_after = decimal.Decimal("Infinity")
        covered_from = None
        for index in range(len(balances) - 1, -1, -1):
            lowest_after = min(lowest_after, balances[index])
            if lowest_after < quantity:
                break
            covered_from = days[index]
        return covered_from


def forecasts(env: Environment, product_ids: Iterable[int], warehouse: Any = None) -> dict[int, Forecast]:
    """Per product id, on hand and the open moves in and out of ``warehouse`` by date (three queries)."""
    product_ids = sorted(set(product_ids))
    location_ids = internal_locations(env, warehouse)
    locations = set(location_ids)
    balances = {
        product: levels.on_hand
        for product, levels in ledger.quantities(env, product_ids, location_ids).items()
    }
    rows: dict[int, list[ForecastRow]] = {product: [] for product in product_ids}
    for product, date, quantity, source, destination, reference in _open_moves_by_date(env, product_ids):
        inward = destination in locations and source not in locations
        outward = source in locations and destination not in locations
        if not (inward or outward):
            continue
        balance = (rows[product][-1].balance if rows[product] else balances[product]) + (
            quantity if inward else -quantity
        )
        rows[product].append(
            ForecastRow(date, reference, quantity if inward else ZERO, quantity if outward else ZERO, balance)
        )
    return {product: Forecast(balances[product], tuple(rows[product])) for product in product_ids}


def _open_moves_by_date(env: Environment, product_ids: list[int]) -> list[tuple[Any, ...]]:
    """(product id, date, quantity left, from, to, reference) of the products' open moves, by date.

    One query as the user (their rules on moves and transfers apply), however many transfers.
    """
    if not product_ids:
        return []
    Move = env.registry["stock.move"]
    Picking = env.registry["stock.picking"]
    stmt = (
        select(
            Move.product_id,  # type: ignore[attr-defined]
            Move.date,  # type: ignore[attr-defined]
            Move.quantity - func.coalesce(Move.quantity_done, 0),  # type: ignore[attr-defined]
            Move.location_id,  # type: ignore[attr-defined]
            Move.location_dest_id,  # type: ignore[attr-defined]
            func.coalesce(Picking.name, Move.origin, ""),  # type: ignore[attr-defined]
        )
        .outerjoin(Picking, Picking.id == Move.picking_id)  # type: ignore[attr-defined]
        .where(Move.where(env, [("product", "in", product_ids), ("state", "in", list(OPEN))]))
        .order_by(*Move.default_order("date, id"))
    )
    return [
        (product, date, ledger.to_quantity(left), source, destination, reference)
        for product, date, left, source, destination, reference in env.session.execute(stmt)
    ]


def available_on(
    env: Environment, product: Any, quantity: decimal.Decimal, warehouse: Any = None
) -> dt.date | None:
    """The first day from which ``quantity`` more of ``product`` stays covered (`Forecast.available_on`)."""
    return forecasts(env, [product.id], warehouse)[product.id].available_on(quantity, env.today(), env.tz)
