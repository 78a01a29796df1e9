"""The purchase order line a stock move receives (or returns); what makes the line's ``qty_received``.

Stock copies a move for a backorder and makes a new one for a return
without knowing of purchase. Here, in `Move.new`, a return takes the
purchase line of the move it returns (so the line's received quantity goes
down when it is done), and a move of a purchase line without a unit cost (a
backorder's copy: stock does not copy ``price_unit``) takes the line's net
unit price, so the rest of a receipt is valued like its first part.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from addons.purchase import receipts
from core.orm import fields
from core.orm.environment import Environment
from core.orm.model import Extension


class Move(Extension, extends="stock.move"):
    purchase_line = fields.Many2one(
        "purchase.order_line", "Purchase order line", ondelete="set null", index=True, readonly=True
    )

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Any:
        """A move; a return or a backorder of a purchase line's move stays linked to that line."""
        vals = dict(vals)
        returned = env.record("stock.move", vals.get("origin_returned_move"))
        if vals.get("purchase_line") is None and returned is not None:
            vals["purchase_line"] = returned.purchase_line
        line = env.record("purchase.order_line", vals.get("purchase_line"))
        if line is not None and returned is None and vals.get("price_unit") is None:
            vals["price_unit"] = receipts.unit_cost(line)
        return super().new(env, vals)
