"""Locations: where goods are, as a tree per warehouse, plus the virtual places goods come from and go to.

``usage`` says what a location is. ``internal`` locations hold the company's
stock: only there are quantities checked against going negative and
reserved for transfers. ``view`` locations group others and hold nothing.
``supplier``, ``customer``, ``inventory`` (counting losses and gains),
``production`` and ``transit`` are virtual: their quantities go negative as
goods leave them, so the sum over every location of a product's quantities
is always zero (`addons.stock.ledger`).

Searching ``("location", "child_of", id)`` reaches a whole branch: a
warehouse's ``WH/Stock`` includes its shelves.
"""

from __future__ import annotations

from typing import Any

from core.base.models.company import current_company
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Model

USAGES = [
    ("view", "View"),
    ("internal", "Internal"),
    ("supplier", "Vendor"),
    ("customer", "Customer"),
    ("inventory", "Inventory loss"),
    ("production", "Production"),
    ("transit", "Transit"),
]
MAX_DEPTH = 32


class Location(Model, name="stock.location"):
    _description = "Stock location"
    _order = "complete_name, id"
    _rec_name = "complete_name"
    _parent_field = "parent"

    name = fields.Char(required=True)
    parent = fields.Many2one("stock.location", "Parent location", ondelete="restrict", index=True)
    children = fields.One2many("stock.location", "Sublocations", inverse="parent")
    complete_name = fields.Char("Full name", store=True, index=True)
    usage = fields.Selection(USAGES, "Type", default="internal", required=True, index=True)
    company = fields.Many2one("base.company", default=current_company, index=True)
    active = fields.Boolean(default=True)
    barcode = fields.Char(copy=False)

    @complete_name.computed_from("name", "parent", "parent.complete_name")
    def _compute_complete_name(self) -> None:
        parent = self.parent
        self.complete_name = f"{parent.complete_name}/{self.name}" if parent is not None else self.name

    @constrains("parent")
    def _check_no_cycle(self) -> None:
        node = self.parent
        for _depth in range(MAX_DEPTH):
            if node is None:
                return
            if node.id is not None and node.id == self.id:
                break
            node = node.parent
        raise ValidationError(fields={"parent": _("A location cannot be inside itself.")})

    def ancestry(self) -> list[Location]:
        """This location, then its parent, up to the root."""
        chain: list[Location] = []
        node: Any = self
        while node is not None and len(chain) < MAX_DEPTH:
            chain.append(node)
            node = node.parent
        return chain
