"""Stock moves: a quantity of a product going from one location to another.

A move is the demand (``quantity``); its lines (`stock.move_line`) say from
which location and lot the goods actually come and how many, and they hold
the reservation. States::

    draft ──confirm──▶ waiting ──reserve──▶ partial ──▶ ready ──validate──▶ done
      ╰──────────────────┴──────cancel──────────┴─────────┴──▶ cancelled

``confirmed_at`` orders reservation: the move confirmed first is served
first (`addons.stock.reservation`). ``quantity_done`` is what the
validation moved; ``price_unit`` and ``value`` are its valuation in the
company's currency (`addons.stock.valuation`): positive when goods enter the
company's internal locations, negative when they leave.

The workflow runs on transfers (`stock.picking`); moves follow.
"""

from __future__ import annotations

import datetime as dt
import decimal

from addons.stock.models.quant import QUANTITY
from core.base.models.company import current_company
from core.orm import fields
from core.orm.constraints import Check
from core.orm.environment import Environment
from core.orm.model import Model

STATES = [
    ("draft", "Draft"),
    ("waiting", "Waiting"),
    ("partial", "Partially available"),
    ("ready", "Ready"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
OPEN_STATES = ("waiting", "partial", "ready")
ZERO = decimal.Decimal(0)


def utc_now(env: Environment) -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Move(Model, name="stock.move"):
    _description = "Stock move"
    _order = "date, id"
    _rec_name = "reference"
    _sql_constraints = (
        Check("quantity > 0", name="quantity_positive", message="A move moves more than zero."),
    )

    picking = fields.Many2one("stock.picking", "Transfer", ondelete="cascade", index=True)
    reference = fields.Char(related="picking.name")
    product = fields.Many2one("product.product", required=True, ondelete="restrict", index=True)
    description = fields.Char()
    quantity = fields.Decimal("Demand", digits=QUANTITY, required=True, default=1)
    quantity_reserved = fields.Decimal("Reserved", digits=QUANTITY, default=0, readonly=True, copy=False)
    quantity_done = fields.Decimal("Done", digits=QUANTITY, default=0, readonly=True, copy=False)
    location = fields.Many2one("stock.location", "From", required=True, ondelete="restrict", index=True)
    location_dest = fields.Many2one("stock.location", "To", required=True, ondelete="restrict", index=True)
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, copy=False, index=True)
    date = fields.Datetime("Scheduled", required=True, index=True, help="The transfer's date by default.")
    confirmed_at = fields.Datetime("Confirmed on", readonly=True, copy=False, index=True)
    date_done = fields.Datetime("Done on", readonly=True, copy=False, index=True)
    origin = fields.Char("Source document")
    company = fields.Many2one("base.company", default=current_company, required=True, index=True)
    currency = fields.Many2one("base.currency", related="company.currency", store=True)
    price_unit = fields.Decimal("Unit cost", digits=(20, 6), copy=False)
    value = fields.Monetary(currency="currency", readonly=True, copy=False)
    origin_returned_move = fields.Many2one(
        "stock.move", "Returns", ondelete="restrict", index=True, copy=False
    )
    lines = fields.One2many("stock.move_line", inverse="move")

    @property
    def remaining(self) -> decimal.Decimal:
        """The demand not yet reserved."""
        return decimal.Decimal(self.quantity or 0) - decimal.Decimal(self.quantity_reserved or 0)
