"""Product categories as stock sees them: how their products are costed.

``cost_method`` is ``average`` (the product's cost is the average of what
is on hand, `addons.stock.valuation`) or ``fifo`` (goods leave at the cost of
the oldest goods still on hand, kept as cost layers, `addons.stock.fifo`).
A category without one of its own takes its parent's; products without a
category are costed at average.
"""

from __future__ import annotations

from typing import Any

from core.orm import fields
from core.orm.model import Extension

COST_METHODS = [("average", "Average cost"), ("fifo", "First in, first out (FIFO)")]


class Category(Extension, extends="product.category"):
    cost_method = fields.Selection(
        COST_METHODS,
        "Costing method",
        help="How goods leaving stock are valued. Empty: as the parent category, else at average cost.",
    )


def cost_method(category: Any) -> str:
    """The costing method of products in ``category``: its own, else its nearest parent's, else average."""
    for node in category.ancestry() if category is not None else ():
        if node.cost_method:
            return str(node.cost_method)
    return "average"
