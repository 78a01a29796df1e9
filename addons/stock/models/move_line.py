"""Move lines: where a move's goods come from and go to, by location and lot.

Reserving a move makes one line per quant it takes from (``reserved`` is
held on that quant); a move from a vendor or a customer gets one line for
its whole demand. Before validating, the user may change a line's
``quantity`` (fewer goods found, a lot typed in for a receipt, another
shelf): validation moves the lines' quantities and releases their
reservations (`addons.stock.validation`).
"""

from __future__ import annotations

from addons.stock.models.quant import QUANTITY
from core.orm import fields
from core.orm.model import Model


class MoveLine(Model, name="stock.move_line"):
    _description = "Stock move line"
    _order = "move, id"
    _rec_name = None

    move = fields.Many2one("stock.move", required=True, ondelete="cascade", index=True)
    product = fields.Many2one("product.product", related="move.product", store=True)
    location = fields.Many2one("stock.location", "From", required=True, ondelete="restrict")
    location_dest = fields.Many2one("stock.location", "To", required=True, ondelete="restrict")
    lot = fields.Many2one("stock.lot", "Lot / serial number", ondelete="restrict")
    lot_name = fields.Char("New lot / serial number", help="Creates the lot when the receipt is validated.")
    quantity = fields.Decimal(digits=QUANTITY, default=0, required=True)
    reserved = fields.Decimal(digits=QUANTITY, default=0, required=True, readonly=True)
