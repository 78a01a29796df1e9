"""Warehouses: a code, a company and the locations made for them.

A new warehouse ``WH`` gets a view location ``WH`` and inside it ``WH/Stock``
(where goods are kept and received), ``WH/Input`` and ``WH/Output`` (for
staging receipts and shipments by internal transfers). They are made in
`Warehouse.new`, so data files get them too.

``allow_negative`` lets the quantities of the warehouse's locations go below
zero (goods shipped before their receipt is recorded); by default
validating a transfer that would do so is refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.base.models.company import current_company
from core.orm import fields
from core.orm.constraints import Unique
from core.orm.environment import Environment
from core.orm.model import Model


def default_warehouse(env: Environment) -> Any:
    """The first warehouse (by sequence) of the acting user's company, else None."""
    company = current_company(env)
    domain = [("company", "=", company.id)] if company is not None else []
    found = env["stock.warehouse"].search(domain, limit=1)
    return found[0] if found else None


class Warehouse(Model, name="stock.warehouse"):
    _description = "Warehouse"
    _order = "sequence, id"
    _sql_constraints = (
        Unique("code", "company", message="Another warehouse of this company has this code."),
    )

    name = fields.Char(required=True)
    code = fields.Char(
        "Short name", size=8, required=True, help="Prefixes the warehouse's transfers: WH/OUT/00001."
    )
    sequence = fields.Integer(default=10)
    company = fields.Many2one("base.company", default=current_company, required=True, index=True)
    partner = fields.Many2one("base.partner", "Address")
    view_location = fields.Many2one("stock.location", "View location", ondelete="restrict")
    lot_stock = fields.Many2one("stock.location", "Stock location", ondelete="restrict")
    input_location = fields.Many2one("stock.location", "Input location", ondelete="restrict")
    output_location = fields.Many2one("stock.location", "Output location", ondelete="restrict")
    allow_negative = fields.Boolean("Allow negative stock", default=False)
    active = fields.Boolean(default=True)

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Warehouse:
        """A warehouse with its view, stock, input and output locations (those not given in ``vals``)."""
        warehouse = super().new(env, vals)
        if warehouse.view_location is None:
            warehouse.view_location = env["stock.location"].new(
                {"name": warehouse.code, "usage": "view", "company": warehouse.company}
            )
        for field, name in (
            ("lot_stock", "Stock"),
            ("input_location", "Input"),
            ("output_location", "Output"),
        ):
            if getattr(warehouse, field) is None:
                location = env["stock.location"].new(
                    {"name": name, "parent": warehouse.view_location, "company": warehouse.company}
                )
                setattr(warehouse, field, location)
        return warehouse

    def location_ids(self) -> list[int]:
        """The ids of every location inside this warehouse's view location."""
        return list(self.env["stock.location"].search([("id", "child_of", self.view_location.id)]).ids)
