"""Purchase orders: a request for quotation (RFQ) that becomes an order, received through stock.

The ``state`` follows the declared workflow `Order.TRANSITIONS`
(`core.orm.workflow.Transitions`), which every action moves through::

    draft ──send──▶ sent ──confirm──▶ purchase ──done──▶ done
      │ ╰──────────confirm──────────▶    │
      ╰──cancel──▶ cancelled ◀──cancel───╯   (sent RFQs can be cancelled too)
                   cancelled ──draft──▶ draft

Confirming makes the order's receipt (`addons.purchase.receipts`): one
incoming transfer from the vendors location to the warehouse's stock, with
a move per line of goods, confirmed at once. What arrives shows in each
line's ``qty_received`` and in the order's ``receipt_status``. Cancelling
cancels the receipts not yet done, and is refused once goods were received.
From the confirmation on, the vendor, currency, tax rounding, warehouse and
lines are fixed (`Order.refuse_fixed`).

A new order is named from the sequence ``purchase.order`` (``PO/2026/00001``,
restarting each year of the order date), takes the company's currency, tax
rounding and the user's company's first warehouse; new lines are completed from the
vendor's prices by `addons.purchase.pricing.fill_lines`. The order's
expected arrival is the earliest of its lines'.

Lines carry purchase taxes and the order its untaxed, tax and total amounts,
rounded per line or on the total as the company says: commerce's taxed
document (`addons.commerce.documents.TaxedDocument`). Vendor bills and the
three-way match (ordered, received, billed) come with the accounting addon,
as purchase's extra of it (`addons.purchase.accounting`), reading each
line's ``qty_received``.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any
from typing import ClassVar

from addons.commerce.documents import TaxedDocument
from addons.commerce.documents import new_lines
from addons.purchase import pricing
from addons.purchase import receipts
from addons.purchase import reporting
from addons.stock.models.warehouse import default_warehouse
from core.base.models.company import current_company
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.model import Model
from core.orm.model import api_method
from core.orm.records import RecordSet
from core.orm.sequences import next_number
from core.orm.workflow import Transitions

STATES = [
    ("draft", "Request for quotation"),
    ("sent", "RFQ sent"),
    ("purchase", "Purchase order"),
    ("done", "Locked"),
    ("cancelled", "Cancelled"),
]
EDITABLE_STATES = ("draft", "sent")
RECEIPT_STATUSES = [
    ("nothing", "Nothing received"),
    ("partial", "Partially received"),
    ("full", "Fully received"),
]
SEQUENCE = "purchase.order"
FIXED_ONCE_CONFIRMED = frozenset({"partner", "currency", "warehouse", "company", "tax_rounding"})
ZERO = decimal.Decimal(0)


def default_user(env: Environment) -> Any:
    return env.user_id


class Order(TaxedDocument, Model, name="purchase.order"):
    _description = "Purchase order"
    _order = "date_order desc, id desc"
    _history = True
    TRANSITIONS: ClassVar[Transitions] = Transitions(
        {
            "draft": {"sent", "purchase", "cancelled"},
            "sent": {"purchase", "cancelled"},
            "purchase": {"done", "cancelled"},
            "done": set(),
            "cancelled": {"draft"},
        }
    )

    name = fields.Char("Number", required=True, readonly=True, copy=False, index=True)
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, tracked=True, copy=False)
    partner = fields.Many2one("base.partner", "Vendor", required=True, tracked=True, index=True)
    partner_ref = fields.Char("Vendor reference", help="The vendor's number for this order or quotation.")
    date_order = fields.Date("Order date", default=Environment.today, required=True, tracked=True, index=True)
    date_planned = fields.Date(
        "Expected arrival", store=True, help="The earliest expected arrival of its lines."
    )
    currency = fields.Many2one(
        "base.currency", required=True, ondelete="restrict", default=fields.SET_ON_CREATE
    )
    warehouse = fields.Many2one(
        "stock.warehouse", "Deliver to", default=default_warehouse, required=True, ondelete="restrict"
    )
    user = fields.Many2one("base.user", "Buyer", default=default_user, tracked=True, index=True)
    company = fields.Many2one("base.company", default=current_company, required=True)
    payment_term = fields.Many2one("commerce.payment_term", "Payment terms")
    lines = fields.One2many("purchase.order_line", inverse="order")
    receipt_status = fields.Selection(RECEIPT_STATUSES, "Receipt", store=True, readonly=True, index=True)
    receipts = fields.One2many("stock.picking", inverse="purchase_order")
    note = fields.Text("Terms and conditions")

    @date_planned.computed_from("lines.date_planned")
    def _compute_date_planned(self) -> None:
        days = [line.date_planned for line in self.lines if line.date_planned is not None]
        self.date_planned = min(days) if days else None

    @receipt_status.computed_from("lines.qty_received", "lines.quantity", "lines.product.type")
    def _compute_receipt_status(self) -> None:
        goods = [line for line in self.lines if line.receives_goods]
        if not any(line.qty_received for line in goods):
            self.receipt_status = "nothing"
        elif all(line.qty_received >= line.quantity for line in goods):
            self.receipt_status = "full"
        else:
            self.receipt_status = "partial"

    @constrains("warehouse", "company")
    def _check_warehouse_company(self) -> None:
        if self.warehouse is not None and self.warehouse.company != self.company:
            raise ValidationError(fields={"warehouse": _("Choose a warehouse of the order's company.")})

    # -- creation and changes ----------------------------------------------------------

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Order:
        """An order with its number, the company's currency and complete lines."""
        vals = dict(vals)
        company = env.record("base.company", vals.get("company")) or current_company(env)
        if vals.get("currency") is None:
            vals["currency"] = company.currency.id if company is not None else None
        day = cls._fields["date_order"].convert(vals.get("date_order"), env) or env.today()
        vals["date_order"] = day
        if not vals.get("name"):
            vals["name"] = next_number(env, SEQUENCE, company=company, on=day)
        if vals.get("lines"):
            pricing.fill_lines(
                env,
                new_lines(vals),
                vendor=env.record("base.partner", vals.get("partner")),
                currency=env.record("base.currency", vals["currency"]),
                company=company,
                day=day,
            )
        return super().new(env, vals)  # type: ignore[return-value]

    def write(self, vals: Mapping[str, Any]) -> None:
        """Change the order; new lines given in ``lines`` are completed as on creation.

        Raises:
            ValidationError: the order is no longer a request for quotation and
                ``vals`` changes its vendor, currency, warehouse or company, or
                adds or removes lines.
        """
        vals = dict(vals)
        fixed = set(FIXED_ONCE_CONFIRMED.intersection(vals))
        added: list[dict[str, Any]] = []
        if vals.get("lines") is not None:
            if self.changes_lines(vals["lines"]):
                fixed.add("lines")
            added = new_lines(vals)
        self.refuse_fixed(fixed)
        if added:
            pricing.fill_lines(
                self.env,
                added,
                vendor=self.env.record("base.partner", vals.get("partner", self.partner)),
                currency=self.currency,
                company=self.company,
                day=self.date_order,
            )
        super().write(vals)

    def refuse_fixed(self, names: Iterable[str]) -> None:
        """Refuse changing the fields ``names`` unless the order is still a request for quotation.

        Raises:
            ValidationError: ``names`` is not empty and the order is confirmed,
                locked or cancelled; each name gets a field error.
        """
        names = sorted(names)
        if not names or self.state in EDITABLE_STATES:
            return
        raise ValidationError(
            _(
                "%(name)s is no longer a request for quotation: its vendor, currency, "
                "warehouse and lines are fixed.",
                name=self.name,
            ),
            fields={name: _("Fixed once the order is confirmed.") for name in names},
        )

    # -- workflow ---------------------------------------------------------------------

    def _as_set(self) -> RecordSet[Any]:
        return RecordSet(self.env, type(self), [self])

    @api_method
    def action_send(self) -> Order:
        """Mark the request for quotation as sent to the vendor.

        Raises:
            ValidationError: it is not a draft request for quotation.
        """
        self.TRANSITIONS.move([self], "sent")
        return self

    @api_method
    def action_confirm(self) -> Order:
        """Make the request for quotation a purchase order and create its receipt.

        Raises:
            ValidationError: it is not a draft or sent request, or it has no lines.
        """
        if not self.lines:
            raise ValidationError(
                _("%(name)s has no lines to confirm.", name=self.name), fields={"lines": _("Add a line.")}
            )
        orders = self._as_set()
        self.TRANSITIONS.move(orders, "purchase")
        receipts.create_receipts(self.env, orders)
        return self

    @api_method
    def action_done(self) -> Order:
        """Lock a purchase order: nothing more is expected of it.

        Raises:
            ValidationError: it is not a confirmed purchase order.
        """
        self.TRANSITIONS.move([self], "done")
        return self

    @api_method
    def action_cancel(self) -> Order:
        """Cancel the request or order and the receipts not yet done.

        Raises:
            ValidationError: it is locked or already cancelled.
            UserError: goods were received for it (return them first).
        """
        orders = self._as_set()
        self.TRANSITIONS.check(orders, "cancelled")
        receipts.refuse_if_received(orders)
        self.TRANSITIONS.move(orders, "cancelled")
        receipts.cancel_receipts(self.env, orders)
        return self

    @api_method
    def action_draft(self) -> Order:
        """Make a cancelled order a request for quotation again.

        Raises:
            ValidationError: it is not cancelled.
        """
        self.TRANSITIONS.move([self], "draft")
        return self

    # -- reports ------------------------------------------------------------------------

    @classmethod
    def purchase_stats(
        cls,
        env: Environment,
        by: str = "month",
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
    ) -> list[dict[str, Any]]:
        """Amounts and quantities of confirmed and locked orders by month, vendor or product.

        See `addons.purchase.reporting.purchases`.
        """
        return reporting.purchases(env, by, date_from, date_to)

    @classmethod
    def vendor_on_time(
        cls, env: Environment, date_from: dt.date | None = None, date_to: dt.date | None = None
    ) -> list[dict[str, Any]]:
        """Per vendor, the share of receipts done by their scheduled date.

        See `addons.purchase.reporting.on_time_rates`.
        """
        return reporting.on_time_rates(env, date_from, date_to)
