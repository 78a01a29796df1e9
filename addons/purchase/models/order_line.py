"""Purchase order lines: a product, a quantity at a unit price less a discount, taxes, and what arrived.

The quantity, prices, taxes and amounts (``subtotal``, ``tax_amount``,
``total``) are commerce's taxed line (`addons.commerce.documents.TaxedLine`),
with purchase taxes (the product's vendor taxes by default); quantities are
in the product's unit. ``date_planned`` is when the goods should arrive: the order date plus the
vendor's lead time, filled when the line is made (`addons.purchase.pricing`).

``qty_received`` comes from the stock moves of the line's receipts
(``moves``, the inverse of ``stock.move.purchase_line``): the done moves
that bring the goods in from a vendor location, less the done ones that take
them back to one (returns). It is stored and recomputed whenever those moves
change, so a partial receipt, its backorder and a return all show on the
line, and reports sum it in SQL.

Once the order is confirmed its lines are fixed: their product, quantity,
prices and taxes no longer change, and none is added or removed (the receipt was made
from them); their description and planned arrival stay editable.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from typing import Any

from addons.commerce.documents import TaxedLine
from addons.purchase import pricing
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.model import Model

ZERO = decimal.Decimal(0)
FIXED_ONCE_CONFIRMED = frozenset({"product", "quantity", "price_unit", "discount", "taxes", "order"})


class OrderLine(TaxedLine, Model, name="purchase.order_line"):
    _tax_scope = "purchase"
    _description = "Purchase order line"
    _order = "order, sequence, id"
    _rec_name = "description"

    order = fields.Many2one("purchase.order", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    product = fields.Many2one("product.product", ondelete="restrict", index=True)
    description = fields.Text(help="Filled from the product when left empty.")
    uom = fields.Many2one("base.uom", "Unit", related="product.uom")
    date_planned = fields.Date("Expected arrival", index=True)
    currency = fields.Many2one("base.currency", related="order.currency", store=True)
    partner = fields.Many2one("base.partner", "Vendor", related="order.partner", store=True, index=True)
    date_order = fields.Date("Order date", related="order.date_order", store=True, index=True)
    qty_received = fields.Decimal("Received", digits=(16, 4), store=True, readonly=True)
    moves = fields.One2many("stock.move", inverse="purchase_line")

    @qty_received.computed_from(
        "moves.state", "moves.quantity_done", "moves.location.usage", "moves.location_dest.usage"
    )
    def _compute_qty_received(self) -> None:
        received = ZERO
        for move in self.moves:
            if move.state != "done":
                continue
            if move.location_dest.usage == "supplier":
                received -= decimal.Decimal(move.quantity_done or 0)
            elif move.location.usage == "supplier":
                received += decimal.Decimal(move.quantity_done or 0)
        self.qty_received = received

    @property
    def receives_goods(self) -> bool:
        """Whether the line's product comes through a receipt (storable and consumable, not services)."""
        return self.product is not None and self.product.type != "service"

    @constrains("product", "description")
    def _check_says_what_is_bought(self) -> None:
        if self.product is None and not self.description:
            raise ValidationError(fields={"description": _("A line needs a product or a description.")})

    @constrains("quantity", "price_unit", "discount")
    def _check_amounts(self) -> None:
        errors: dict[str, str] = {}
        if self.quantity is not None and self.quantity <= 0:
            errors["quantity"] = _("Order more than zero.")
        if self.price_unit is not None and self.price_unit < 0:
            errors["price_unit"] = _("A unit price cannot be negative.")
        if self.discount is not None and not ZERO <= self.discount <= 100:
            errors["discount"] = _("A discount is 0 to 100 %.")
        if errors:
            raise ValidationError(fields=errors)

    # -- creation and changes ----------------------------------------------------------

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> OrderLine:
        """A line, completed from its product and its order's vendor when it names its order.

        Raises:
            ValidationError: the order is no longer a request for quotation (its lines are fixed).
        """
        order = env.record("purchase.order", vals.get("order"))
        if order is not None:
            order.refuse_fixed({"lines"})
            if vals.get("product") is not None:
                vals = dict(vals)
                pricing.fill_lines(
                    env,
                    [vals],
                    vendor=order.partner,
                    currency=order.currency,
                    company=order.company,
                    day=order.date_order,
                )
        return super().new(env, vals)  # type: ignore[return-value]

    def write(self, vals: Mapping[str, Any]) -> None:
        """Change the line.

        Raises:
            ValidationError: the order is no longer a request for quotation and
                ``vals`` changes its product, quantity or prices.
        """
        if self.order is not None:
            self.order.refuse_fixed(FIXED_ONCE_CONFIRMED.intersection(vals))
        super().write(vals)

    def unlink(self) -> None:
        """Delete the line.

        Raises:
            ValidationError: the order is no longer a request for quotation.
        """
        if self.order is not None:
            self.order.refuse_fixed({"lines"})
        super().unlink()
