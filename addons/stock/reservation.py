"""Reservation: holding free goods for moves, first confirmed, first served.

`assign` reserves for the moves given, but first for the moves of the same
products confirmed before them and still waiting, so an order confirmed
earlier is never starved by a later one. It locks the product's quants
(``SELECT ... FOR UPDATE``, in id order) before reading what is free, so
two users confirming the last unit at the same time on PostgreSQL are
served one after the other: the second reads what the first left.

A move from a location that is not internal (a vendor, a customer
returning goods, an inventory gain) needs no stock: it is ready at once,
with one line for its whole demand. `release` gives reservations back.
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from addons.stock import ledger
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)
OPEN = ("waiting", "partial", "ready")


@dataclass
class _Free:
    """A locked quant and what is still free in it."""

    location: int
    lot: int | None
    free: decimal.Decimal


def assign(env: Environment, moves: Iterable[Any]) -> None:
    """Reserve free stock for ``moves`` (open moves only), after older waiting moves of their products."""
    moves = [move for move in moves if move.state in OPEN and move.remaining > 0]
    if not moves:
        return
    with env.sudo():
        for move in moves:
            if move.location.usage != "internal":
                _reserve_external(env, move)
        internal = [move for move in moves if move.location.usage == "internal"]
        if internal:
            _reserve_internal(env, _queue(env, internal))
        env.flush()


def assign_waiting(env: Environment, product_ids: Iterable[int]) -> None:
    """Serve the moves waiting for these products, oldest first (after goods came in)."""
    product_ids = sorted(set(product_ids))
    if not product_ids:
        return
    with env.sudo():
        waiting = env["stock.move"].search(
            [
                ("product", "in", product_ids),
                ("state", "in", ["waiting", "partial"]),
                ("location.usage", "=", "internal"),
            ],
            order="confirmed_at, id",
        )
        if waiting:
            _reserve_internal(env, list(waiting))
        env.flush()


def release(env: Environment, moves: Iterable[Any]) -> None:
    """Give back what ``moves`` reserved; they wait again."""
    moves = [move for move in moves if move.state in OPEN]
    if not moves:
        return
    deltas: dict[ledger.Key, ledger.Delta] = defaultdict(ledger.Delta)
    with env.sudo():
        for move in moves:
            for line in move.lines:
                if line.reserved:
                    key = ledger.Key(move.product.id, line.location.id, line.lot.id if line.lot else None)
                    deltas[key].reserved -= line.reserved
                line.unlink()
            move.quantity_reserved = ZERO
            move.state = "waiting"
        env.flush()
        ledger.apply(env, deltas)


def _queue(env: Environment, moves: list[Any]) -> list[Any]:
    """``moves`` with the older moves waiting for the same products, in the order they are served."""
    latest = max(move.confirmed_at for move in moves if move.confirmed_at is not None)
    older = env["stock.move"].search(
        [
            ("product", "in", sorted({move.product.id for move in moves})),
            ("state", "in", ["waiting", "partial"]),
            ("location.usage", "=", "internal"),
            ("confirmed_at", "<=", latest),
        ],
        order="confirmed_at, id",
    )
    queue = {move.id: move for move in older}
    for move in moves:
        queue.setdefault(move.id, move)
    return sorted(queue.values(), key=lambda move: (move.confirmed_at, move.id))


def _reserve_external(env: Environment, move: Any) -> None:
    remaining = move.remaining
    env["stock.move_line"].new(
        {
            "move": move,
            "location": move.location,
            "location_dest": move.location_dest,
            "quantity": remaining,
            "reserved": ZERO,
        }
    )
    move.quantity_reserved = move.quantity
    move.state = "ready"


def _reserve_internal(env: Environment, queue: list[Any]) -> None:
    subtrees: dict[int, set[int]] = {}
    for move in queue:
        if move.location.id not in subtrees:
            subtrees[move.location.id] = set(
                env["stock.location"].search([("id", "child_of", move.location.id)]).ids
            )
    free = _lock_free(env, {move.product.id for move in queue}, set().union(*subtrees.values()))
    deltas: dict[ledger.Key, ledger.Delta] = defaultdict(ledger.Delta)
    for move in queue:
        need = move.remaining
        taken = ZERO
        for quant in free[move.product.id]:
            if need <= 0:
                break
            if quant.free <= 0 or quant.location not in subtrees[move.location.id]:
                continue
            take = min(need, quant.free)
            quant.free -= take
            need -= take
            taken += take
            deltas[ledger.Key(move.product.id, quant.location, quant.lot)].reserved += take
            env["stock.move_line"].new(
                {
                    "move": move,
                    "location": quant.location,
                    "location_dest": move.location_dest,
                    "lot": quant.lot,
                    "quantity": take,
                    "reserved": take,
                }
            )
        if taken:
            move.quantity_reserved = decimal.Decimal(move.quantity_reserved or 0) + taken
        move.state = "ready" if move.remaining <= 0 else "partial" if move.quantity_reserved else "waiting"
    env.flush()
    ledger.apply(env, deltas)


def _lock_free(env: Environment, product_ids: set[int], location_ids: set[int]) -> dict[int, list[_Free]]:
    """The quants of these products in these locations with something free, locked, per product."""
    table = ledger.quant_table(env)
    stmt = (
        select(
            table.c.product_id,
            table.c.location_id,
            table.c.lot_id,
            table.c.quantity,
            table.c.reserved_quantity,
        )
        .where(
            table.c.product_id.in_(sorted(product_ids)),
            table.c.location_id.in_(sorted(location_ids)),
            table.c.quantity > table.c.reserved_quantity,
        )
        .order_by(table.c.id)
    )
    if env.session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    found: dict[int, list[_Free]] = defaultdict(list)
    for product, location, lot, quantity, reserved in env.session.execute(stmt):
        found[product].append(
            _Free(location, lot, ledger.to_quantity(quantity) - ledger.to_quantity(reserved))
        )
    return found
