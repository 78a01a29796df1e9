"""Returns: sending the goods of a done transfer back where they came from.

A return is a new transfer of the reverse kind (a delivery's return is a
receipt from the customer, a receipt's a delivery to the vendor) whose
moves point to the moves they return (``origin_returned_move``). At most
what was moved and not yet returned can be returned; cancelled returns do
not count. Returned goods are valued at the price of the move they return
(`addons.stock.valuation`).
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from typing import Any

from addons.stock import ledger
from core.errors import ValidationError
from core.i18n import _

ZERO = decimal.Decimal(0)
REVERSE = {"incoming": "outgoing", "outgoing": "incoming", "internal": "internal"}


def returnable(picking: Any) -> dict[int, decimal.Decimal]:
    """Per done move of ``picking``, the quantity that can still be returned (one query)."""
    moves = [move for move in picking.moves if move.state == "done"]
    returned: dict[int, decimal.Decimal] = dict.fromkeys((move.id for move in moves), ZERO)
    if moves:
        for row in picking.env["stock.move"].search(
            [("origin_returned_move", "in", list(returned)), ("state", "!=", "cancelled")]
        ):
            returned[row.origin_returned_move.id] += decimal.Decimal(row.quantity)
    return {move.id: decimal.Decimal(move.quantity_done) - returned[move.id] for move in moves}


def make_return(picking: Any, quantities: Mapping[int, decimal.Decimal] | None) -> Any:
    """The return transfer of ``picking``, confirmed and reserved; ``quantities`` per move id, else all.

    Raises:
        ValidationError: ``picking`` is not done, a move is not one of its done moves,
            or a quantity is not between zero and what can still be returned.
    """
    env = picking.env
    if picking.state != "done":
        raise ValidationError(
            _("%(name)s is not done: only done transfers can be returned.", name=picking.name),
            fields={"state": _("Not allowed from this state.")},
        )
    left = returnable(picking)
    wanted = (
        dict(quantities) if quantities is not None else {key: qty for key, qty in left.items() if qty > 0}
    )
    for move_id, quantity in wanted.items():
        if move_id not in left:
            raise ValidationError(
                fields={"quantities": _("Move %(id)s is not a done move of this transfer.", id=move_id)}
            )
        if quantity < 0 or quantity > left[move_id]:
            raise ValidationError(
                fields={
                    "quantities": _(
                        "Between 0 and %(left)s can be returned.", left=ledger.plain(left[move_id])
                    )
                }
            )
    wanted = {move_id: quantity for move_id, quantity in wanted.items() if quantity > 0}
    if not wanted:
        raise ValidationError(fields={"quantities": _("Nothing left to return.")})
    moves = {move.id: move for move in picking.moves}
    back = env["stock.picking"].create(
        {
            "kind": REVERSE[picking.kind],
            "warehouse": picking.warehouse.id,
            "partner": picking.partner.id if picking.partner else None,
            "location": picking.location_dest.id,
            "location_dest": picking.location.id,
            "origin": _("Return of %(name)s", name=picking.name),
            "return_of": picking.id,
            "moves": [
                {
                    "product": moves[move_id].product.id,
                    "quantity": quantity,
                    "location": moves[move_id].location_dest.id,
                    "location_dest": moves[move_id].location.id,
                    "origin_returned_move": move_id,
                }
                for move_id, quantity in sorted(wanted.items())
            ],
        }
    )
    return back.action_confirm()
