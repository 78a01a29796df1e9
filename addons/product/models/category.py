"""Product categories: a tree (``parent``) that pricelists and reports group products by.

``complete_name`` spells the path (``All / Machines / Spare parts``); it is
computed on read, so renaming a parent needs no recompute of its children.
Searching ``("category", "child_of", id)`` finds the products of a whole branch.
"""

from __future__ import annotations

from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Model

MAX_DEPTH = 64


class Category(Model, name="product.category"):
    _description = "Product category"
    _order = "name"
    _parent_field = "parent"

    name = fields.Char(required=True)
    parent = fields.Many2one("product.category", "Parent category", ondelete="restrict", index=True)
    children = fields.One2many("product.category", inverse="parent")
    complete_name = fields.Char("Full name")

    @complete_name.computed_from("name", "parent")
    def _compute_complete_name(self) -> None:
        self.complete_name = " / ".join(category.name for category in reversed(self.ancestry()))

    def ancestry(self) -> list[Category]:
        """This category, then its parent, up to the root."""
        chain: list[Category] = []
        node: Category | None = self
        while node is not None and len(chain) < MAX_DEPTH:
            chain.append(node)
            node = node.parent
        return chain

    @constrains("parent")
    def _check_no_cycle(self) -> None:
        node = self.parent
        for _depth in range(MAX_DEPTH):
            if node is None:
                return
            if node.id == self.id:
                break
            node = node.parent
        raise ValidationError(fields={"parent": _("A category cannot be its own ancestor.")})
