"""The purchase order a receipt belongs to; its backorders and returns belong to it too.

Stock makes backorders and returns itself (`addons.stock.validation`,
`addons.stock.returns`) and knows nothing of purchase: a new transfer that
is the backorder or the return of a purchase's transfer takes its order
here, so the order's ``receipts`` list them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.orm import fields
from core.orm.environment import Environment
from core.orm.model import Extension


class Picking(Extension, extends="stock.picking"):
    purchase_order = fields.Many2one("purchase.order", ondelete="set null", index=True, readonly=True)

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Any:
        """A transfer; the backorder or return of a purchase's transfer belongs to that purchase."""
        if vals.get("purchase_order") is None:
            source = env.record("stock.picking", vals.get("backorder_of") or vals.get("return_of"))
            if source is not None and source.purchase_order is not None:
                vals = {**vals, "purchase_order": source.purchase_order}
        return super().new(env, vals)
