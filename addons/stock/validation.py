"""Validating a transfer: the goods move, quants change, and what was not moved waits in a backorder.

For each open move the quantity done is the sum of its lines' quantities
(the reservation by default; the user may change the lines first). In one
transaction, `validate`:

1. checks lots: a product tracked by lot needs a lot on every line, one
   tracked by serial number a distinct serial per unit (a receipt line may
   name new ones in ``lot_name``, several serials separated by commas or
   new lines), and creates the lots named;
2. values the moves (`addons.stock.valuation`), before the quantities change;
3. applies the lines to the quants (`addons.stock.ledger`) and refuses
   negative stock in internal locations;
4. marks the moves done; a move done in part keeps what was done and its
   rest becomes a move of the backorder; moves not started go to the
   backorder as they are (with their reservation). With
   ``backorder=False`` the rest is cancelled instead;
5. fires ``stock_moves_done`` and serves the moves waiting for the goods
   that came in.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from collections import defaultdict
from typing import Any

from addons.stock import ledger
from addons.stock import reservation
from addons.stock import valuation
from core.errors import ValidationError
from core.i18n import _
from core.orm.records import RecordSet

ZERO = decimal.Decimal(0)
# What validating reads of each move, loaded for all the moves at once.
MOVE_PATHS = ("lines", "product", "location", "location_dest")
SERIALS = re.compile(r"[,\n;]+")


def validate(picking: Any, backorder: bool = True) -> Any:
    """Do ``picking``; returns its backorder, or None when everything was moved or dropped.

    Raises:
        ValidationError: nothing to move, a lot missing, or stock would go negative.
    """
    env = picking.env
    RecordSet(env, type(picking), [picking]).prefetch([f"moves.{path}" for path in MOVE_PATHS])
    moves = [move for move in picking.moves if move.state in ("waiting", "partial", "ready")]
    done = {
        move.id: sum((decimal.Decimal(line.quantity or 0) for line in move.lines), ZERO) for move in moves
    }
    if not any(quantity > 0 for quantity in done.values()):
        raise ValidationError(
            _(
                "Nothing to move in %(name)s: reserve the goods or enter the quantities done.",
                name=picking.name,
            ),
            fields={"moves": _("Enter the quantities done.")},
        )
    with env.sudo():
        grown = _move_goods(env, moves, done)
        rest = _finish_moves(env, moves, done, backorder)
        picking.date_done = dt.datetime.now(dt.UTC)
        env.flush()
        follow = _backorder(env, picking, rest) if rest else None
        _after(env, moves, grown)
    return follow


def do_moves(env: Any, moves: list[Any]) -> None:
    """Do moves outside a transfer (an inventory count) whose lines hold all their quantities."""
    RecordSet(env, env.registry["stock.move"], moves).prefetch(MOVE_PATHS)
    done = {
        move.id: sum((decimal.Decimal(line.quantity or 0) for line in move.lines), ZERO) for move in moves
    }
    with env.sudo():
        grown = _move_goods(env, moves, done)
        _finish_moves(env, moves, done, backorder=False)
        env.flush()
        _after(env, moves, grown)


def _move_goods(env: Any, moves: list[Any], done: dict[int, decimal.Decimal]) -> set[int]:
    """Check lots, value the moves and change the quants; returns the products that came in."""
    for move in moves:
        _resolve_lots(env, move)
    valuation.value(env, [(move, done[move.id]) for move in moves if done[move.id] > 0])
    deltas, grown = _ledger_deltas(moves)
    ledger.apply(env, deltas)
    ledger.check_not_negative(env, [key for key, delta in deltas.items() if delta.quantity < 0])
    return grown


def _after(env: Any, moves: list[Any], grown: set[int]) -> None:
    """Tell other addons which moves are done, and serve the moves waiting for what came in."""
    finished = [move.id for move in moves if move.state == "done"]
    if finished:
        env.hook.stock_moves_done(env=env, moves=env["stock.move"].browse(finished))
    reservation.assign_waiting(env, grown)


def _resolve_lots(env: Any, move: Any) -> None:
    """Check and complete the lots of a tracked product's lines, creating the lots named."""
    tracking = move.product.tracking
    if tracking == "none":
        return
    for line in list(move.lines):
        if not line.quantity:
            continue
        names = [name.strip() for name in SERIALS.split(line.lot_name or "") if name.strip()]
        if tracking == "serial" and len(names) > 1:
            if decimal.Decimal(len(names)) != line.quantity:
                raise ValidationError(
                    _(
                        "%(product)s: %(count)s serial numbers for a quantity of %(quantity)s.",
                        product=move.product.display_name,
                        count=len(names),
                        quantity=ledger.plain(line.quantity),
                    ),
                    fields={"lot_name": _("One serial number per unit.")},
                )
            line.quantity = decimal.Decimal(1)
            line.lot_name = names[0]
            for name in names[1:]:
                env["stock.move_line"].new(
                    {
                        "move": move,
                        "location": line.location,
                        "location_dest": line.location_dest,
                        "lot_name": name,
                        "quantity": decimal.Decimal(1),
                    }
                )
    env.flush()
    serials: set[int] = set()
    for line in move.lines:
        if not line.quantity:
            continue
        if line.lot is None and line.lot_name:
            line.lot = _lot(env, move.product, line.lot_name.strip())
        if line.lot is None:
            raise ValidationError(
                _("%(product)s needs a lot or serial number.", product=move.product.display_name),
                fields={"lot": _("Required for this product.")},
            )
        if tracking == "serial":
            if line.quantity != 1 or line.lot.id in serials:
                raise ValidationError(
                    _("%(product)s: each serial number is one unit.", product=move.product.display_name),
                    fields={"lot": _("One serial number per unit.")},
                )
            serials.add(line.lot.id)
    env.flush()


def _lot(env: Any, product: Any, name: str) -> Any:
    found = env["stock.lot"].search([("product", "=", product.id), ("name", "=", name)], limit=1)
    return found[0] if found else env["stock.lot"].create({"product": product.id, "name": name})


def _ledger_deltas(moves: list[Any]) -> tuple[dict[ledger.Key, ledger.Delta], set[int]]:
    """The quant changes of the moves' lines, and the products that came into internal locations."""
    deltas: dict[ledger.Key, ledger.Delta] = defaultdict(ledger.Delta)
    grown: set[int] = set()
    for move in moves:
        for line in move.lines:
            lot = line.lot.id if line.lot is not None else None
            source = deltas[ledger.Key(move.product.id, line.location.id, lot)]
            source.quantity -= decimal.Decimal(line.quantity or 0)
            source.reserved -= decimal.Decimal(line.reserved or 0)
            if line.quantity:
                deltas[ledger.Key(move.product.id, line.location_dest.id, lot)].quantity += line.quantity
                if line.location_dest.usage == "internal":
                    grown.add(move.product.id)
    return deltas, grown


def _finish_moves(
    env: Any, moves: list[Any], done: dict[int, decimal.Decimal], backorder: bool
) -> list[tuple[Any, decimal.Decimal]]:
    """Mark moves done or cancelled; returns (move, quantity missing) for the backorder (0: move it whole)."""
    rest: list[tuple[Any, decimal.Decimal]] = []
    at = dt.datetime.now(dt.UTC)
    for move in moves:
        quantity = done[move.id]
        missing = decimal.Decimal(move.quantity) - quantity
        if quantity <= 0:
            if backorder:
                rest.append((move, ZERO))
            else:
                move.state = "cancelled"
            for line in move.lines:
                line.unlink()
            continue
        for line in move.lines:
            line.reserved = ZERO
            if not line.quantity:
                line.unlink()
        move.quantity_done = quantity
        move.quantity_reserved = ZERO
        move.state = "done"
        move.date_done = at
        if missing > 0:
            move.quantity = quantity
            if backorder:
                rest.append((move, missing))
    return rest


def _backorder(env: Any, picking: Any, rest: list[tuple[Any, decimal.Decimal]]) -> Any:
    """A new transfer for what ``picking`` did not move, waiting again for the goods."""
    follow = env["stock.picking"].create(
        {
            "kind": picking.kind,
            "warehouse": picking.warehouse.id,
            "partner": picking.partner.id if picking.partner else None,
            "location": picking.location.id,
            "location_dest": picking.location_dest.id,
            "scheduled_date": picking.scheduled_date,
            "origin": picking.origin,
            "move_type": picking.move_type,
            "backorder_of": picking.id,
        }
    )
    moves = []
    for move, missing in rest:
        if missing == 0:
            move.picking = follow
            move.quantity_reserved = ZERO
            move.state = "waiting"
        else:
            original = move
            move = original.copy(
                {
                    "picking": follow,
                    "quantity": missing,
                    "state": "waiting",
                    "confirmed_at": original.confirmed_at,
                    "price_unit": original.price_unit,
                    "origin_returned_move": original.origin_returned_move,
                }
            )
        moves.append(move)
    env.flush()
    reservation.assign(env, moves)
    return follow
