"""Products: a reference, a barcode, a category, a unit, a sale price and a cost.

Prices are in the product's ``currency`` (the company's by default). The
``cost`` is restricted to ``product.group_cost_reader``: other users neither
read it in lists, forms, exports and the API, nor sort or group by it.
``sale_ok`` and ``purchase_ok`` say which documents may use the product;
archiving (``active``) hides it from new documents and keeps the old ones.
"""

from __future__ import annotations

from typing import Any

from core.errors import MissingError
from core.orm import fields
from core.orm.constraints import Unique
from core.orm.environment import Environment
from core.orm.model import Model

COST_READERS = ("product.group_cost_reader",)


def default_currency(env: Environment) -> Any:
    """The currency of the acting user's company, else of the main company."""
    company = None
    if env.user_id is not None:
        user = env.session.get(env.registry["base.user"], env.user_id)
        company = user.company if user is not None else None  # type: ignore[attr-defined]
    if company is None:
        try:
            company = env.ref("base.main_company")
        except MissingError:
            return None
    return company.currency  # type: ignore[attr-defined]


def default_uom(env: Environment) -> Any:
    """The unit "Unit(s)", when base's units are loaded."""
    try:
        return env.ref("base.uom_unit")
    except MissingError:
        return None


class Product(Model, name="product.product"):
    _description = "Product"
    _order = "name, id"
    _sql_constraints = (
        Unique("default_code", message="Another product has this internal reference."),
        Unique("barcode", message="Another product has this barcode."),
    )

    name = fields.Char(required=True, index=True)
    default_code = fields.Char("Internal reference", index=True)
    barcode = fields.Char(copy=False)
    category = fields.Many2one("product.category", ondelete="restrict", index=True)
    uom = fields.Many2one("base.uom", "Unit of measure", default=default_uom, ondelete="restrict")
    currency = fields.Many2one("base.currency", default=default_currency, required=True)
    sale_price = fields.Monetary("Sale price", currency="currency", default=0)
    cost = fields.Monetary(currency="currency", default=0, groups=COST_READERS, help="What a unit costs us.")
    description = fields.Text(help="Copied into the lines of quotations and orders.")
    active = fields.Boolean(default=True)
    sale_ok = fields.Boolean("Can be sold", default=True)
    purchase_ok = fields.Boolean("Can be purchased", default=True)

    @property
    def display_name(self) -> str:
        """``[REF] Name``, as lines and pickers show it."""
        return f"[{self.default_code}] {self.name}" if self.default_code else str(self.name or "")
