"""Order lines: a product, a quantity at a unit price less a discount, and its taxes.

The quantity, prices, taxes and amounts (``subtotal``, ``tax_amount``,
``total``) are commerce's taxed line (`addons.commerce.documents.TaxedLine`),
with sales taxes. ``margin`` is the subtotal less the product's cost for
the quantity, ``(net unit price − cost) × quantity``, readable only by cost
readers; the cost is converted into the order's currency when it differs.

Lines recompute when their own values or their list of taxes change, not
when a tax's rate or a product's cost is edited later: a confirmed order
keeps the amounts it was confirmed with. The lines of a confirmed, done or
cancelled order cannot be added, removed or changed (`LOCKED_FIELDS`; see
`addons.sales.models.order.Order.check_unlocked`); their description and
sequence can.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from typing import Any

from addons.commerce.documents import TaxedLine
from addons.sales import pricing
from addons.sales.models.order import differs
from core.errors import UserError
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.model import Model

COST_READERS = ("product.group_cost_reader",)
# What a line of a locked order keeps: what it sells, how many, at what price, and its order.
LOCKED_FIELDS = ("order", "product", "quantity", "uom", "price_unit", "discount", "taxes")


class OrderLine(TaxedLine, Model, name="sales.order_line"):
    _tax_scope = "sale"
    _description = "Sales order line"
    _order = "order, sequence, id"
    _rec_name = "description"
    _sql_constraints = (
        Check(
            "discount >= 0 AND discount <= 100", name="discount_range", message="A discount is 0 to 100 %."
        ),
    )

    order = fields.Many2one("sales.order", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    product = fields.Many2one("product.product", ondelete="restrict", index=True)
    description = fields.Text(help="Filled from the product when left empty.")
    uom = fields.Many2one("base.uom", "Unit")
    currency = fields.Many2one("base.currency", related="order.currency", store=True)
    margin = fields.Monetary(currency="currency", store=True, groups=COST_READERS)

    @margin.computed_from("subtotal", "product", "quantity")
    def _compute_margin(self) -> None:
        product = self.product
        if product is None or self.currency is None:
            self.margin = self.subtotal
            return
        day = self.order.date_order if self.order is not None else dt.date.today()
        try:
            cost = product.currency.convert(product.cost, self.currency, day)
        except UserError:  # no rate for the cost's currency: no margin rather than a wrong one
            self.margin = None
            return
        self.margin = decimal.Decimal(self.subtotal or 0) - cost * decimal.Decimal(self.quantity or 0)

    @constrains("product", "description")
    def _check_says_what_is_sold(self) -> None:
        if self.product is None and not self.description:
            raise ValidationError(fields={"description": _("A line needs a product or a description.")})

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> OrderLine:
        """A line, completed from its product and its order's pricelist when it names its order.

        Raises:
            ValidationError: the order is locked (confirmed, done or cancelled).
        """
        order = env.record("sales.order", vals.get("order"))
        if order is not None:
            order.check_unlocked(["order"])
        if order is not None and vals.get("product") is not None:
            vals = dict(vals)
            pricing.fill_lines(
                env, [vals], pricelist=order.pricelist, currency=order.currency, day=order.date_order
            )
        return super().new(env, vals)  # type: ignore[return-value]

    def write(self, vals: Mapping[str, Any]) -> None:
        """Change the line.

        Raises:
            ValidationError: its order is locked and ``vals`` changes one of `LOCKED_FIELDS`.
        """
        changed = [name for name in LOCKED_FIELDS if name in vals and differs(self, name, vals[name])]
        if changed and self.order is not None:
            self.order.check_unlocked(changed)
            if "order" in changed:
                target = self.env.record("sales.order", vals["order"])
                if target is not None:
                    target.check_unlocked(["order"])
        super().write(vals)

    def unlink(self) -> None:
        """Delete the line.

        Raises:
            ValidationError: its order is locked.
        """
        if self.order is not None:
            self.order.check_unlocked()
        super().unlink()
