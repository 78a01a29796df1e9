"""Orders and their lines with accounting installed: what is invoiced, what is left, what is paid.

Per line, stored (lists and reports read them in SQL; the flush recomputes
them for a whole batch of lines at once):

* ``qty_invoiced``: the quantity on invoices that are not cancelled (drafts
  count, so a line is not invoiced twice), less the quantity on credit
  notes, in the line's unit;
* ``qty_to_invoice``: on a confirmed or done order, what the product's
  invoicing policy allows (the quantity ordered, or ``qty_delivered``) less
  ``qty_invoiced``; zero on quotations and cancelled orders;
* ``qty_delivered``: without stock, the quantity delivered as the
  salesperson enters it (services, goods shipped by others); with stock,
  stock's extra of sales refines this field into the goods done to the
  customer less those returned (`addons.stock.sales.models`), and the
  field is no longer entered by hand.

Per order, stored: ``invoice_status`` (nothing to invoice, to invoice, fully
invoiced), ``amount_invoiced`` (posted invoices less posted credit notes,
in the order's currency), ``payment_status`` (from the posted invoices'
``payment_state``: paid when all are, partially paid when some money came,
none when nothing was posted; invoices fully credited leave the count),
and ``credit_hold`` with who approved it. The customer's balances next to
the credit limit are computed on read, for the form
(`addons.sales.accounting.credit`).
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from typing import Any

from addons.sales.accounting import credit
from addons.sales.accounting import down_payments
from addons.sales.accounting import invoicing
from core.errors import AccessError
from core.errors import UserError
from core.i18n import _
from core.orm import fields
from core.orm.compute import computes_batch
from core.orm.model import Extension
from core.orm.model import api_method
from core.orm.records import RecordSet

ZERO = decimal.Decimal(0)
QUANTITY = (16, 4)
INVOICE_STATUS = [
    ("nothing", "Nothing to invoice"),
    ("to_invoice", "To invoice"),
    ("invoiced", "Fully invoiced"),
]
PAYMENT_STATUS = [("not_paid", "Not paid"), ("partial", "Partially paid"), ("paid", "Paid")]
SOLD = ("confirmed", "done")
APPROVERS = "sales.group_manager"


class OrderLine(Extension, extends="sales.order_line"):
    qty_delivered = fields.Decimal(
        "Delivered",
        digits=QUANTITY,
        store=True,
        help="What the customer received, for invoicing on delivery.",
    )
    invoice_lines = fields.One2many("accounting.invoice_line", inverse="sale_line", readonly=True)
    qty_invoiced = fields.Decimal("Invoiced", digits=QUANTITY, store=True, readonly=True)
    qty_to_invoice = fields.Decimal("To invoice", digits=QUANTITY, store=True, readonly=True)

    @qty_invoiced.computed_from(
        "uom",
        "invoice_lines.quantity",
        "invoice_lines.uom",
        "invoice_lines.invoice.state",
        "invoice_lines.invoice.kind",
    )
    def _compute_qty_invoiced(self) -> None:
        total = ZERO
        for line in self.invoice_lines:
            invoice = line.invoice
            if invoice is None or invoice.state == "cancelled":
                continue
            quantity = decimal.Decimal(line.quantity or 0)
            if line.uom is not None and self.uom is not None and line.uom != self.uom:
                quantity = line.uom.convert(quantity, self.uom)
            total += -quantity if invoice.kind == "out_refund" else quantity
        self.qty_invoiced = total

    @qty_to_invoice.computed_from(
        "order.state", "quantity", "qty_delivered", "qty_invoiced", "product.invoice_policy"
    )
    def _compute_qty_to_invoice(self) -> None:
        if self.order is None or self.order.state not in SOLD:
            self.qty_to_invoice = ZERO
            return
        on_delivery = self.product is not None and self.product.invoice_policy == "delivery"
        billable = self.qty_delivered if on_delivery else self.quantity
        self.qty_to_invoice = decimal.Decimal(billable or 0) - decimal.Decimal(self.qty_invoiced or 0)


class Order(Extension, extends="sales.order"):
    invoices = fields.One2many("accounting.invoice", inverse="sale_order", readonly=True)
    invoice_status = fields.Selection(INVOICE_STATUS, "Invoicing", store=True, index=True, readonly=True)
    payment_status = fields.Selection(PAYMENT_STATUS, "Payment", store=True, index=True, readonly=True)
    amount_invoiced = fields.Monetary("Invoiced", currency="currency", store=True, readonly=True)
    credit_hold = fields.Boolean(
        "Waiting for credit approval",
        default=False,
        readonly=True,
        copy=False,
        index=True,
        tracked=True,
        help="Confirming it would take the customer over their credit limit: a sales manager approves it.",
    )
    credit_approved_by = fields.Many2one(
        "base.user", "Credit approved by", readonly=True, copy=False, tracked=True
    )
    company_currency = fields.Many2one("base.currency", related="company.currency")
    customer_receivable = fields.Monetary("Customer owes", currency="company_currency")
    customer_overdue = fields.Monetary("Customer overdue", currency="company_currency")
    customer_credit_limit = fields.Monetary(
        "Credit limit", currency="company_currency", help="In the company's currency; 0: no limit."
    )
    credit_exposure = fields.Monetary(
        "Owed with open orders",
        currency="company_currency",
        help="What the customer owes, their other confirmed orders not invoiced yet, and this order.",
    )

    @invoice_status.computed_from("state", "lines.qty_to_invoice", "lines.qty_invoiced", "lines.quantity")
    def _compute_invoice_status(self) -> None:
        lines = list(self.lines)
        if self.state not in SOLD or not lines:
            self.invoice_status = "nothing"
        elif any(decimal.Decimal(line.qty_to_invoice or 0) > 0 for line in lines):
            self.invoice_status = "to_invoice"
        elif all(decimal.Decimal(line.qty_invoiced or 0) >= line.quantity for line in lines):
            self.invoice_status = "invoiced"
        else:
            self.invoice_status = "nothing"

    @amount_invoiced.computed_from("invoices.state", "invoices.kind", "invoices.amount_total")
    @payment_status.computed_from("invoices.state", "invoices.kind", "invoices.payment_state")
    def _compute_invoiced_and_paid(self) -> None:
        posted = [invoice for invoice in self.invoices if invoice.state == "posted"]
        self.amount_invoiced = sum(
            (invoice.amount_total * (-1 if invoice.kind == "out_refund" else 1) for invoice in posted), ZERO
        )
        states = [
            invoice.payment_state
            for invoice in posted
            if invoice.kind == "out_invoice" and invoice.payment_state != "reversed"
        ]
        if not states:
            self.payment_status = None
        elif all(state == "paid" for state in states):
            self.payment_status = "paid"
        elif any(state in ("paid", "partial") for state in states):
            self.payment_status = "partial"
        else:
            self.payment_status = "not_paid"

    @customer_receivable.computed_from()
    @customer_overdue.computed_from()
    @customer_credit_limit.computed_from()
    @credit_exposure.computed_from()
    @computes_batch
    def _compute_credit(self: RecordSet[Any]) -> None:  # type: ignore[misc]
        known = [order for order in self if order.id is not None and order.partner is not None]
        try:
            found = credit.checks(known)
        except UserError:  # a currency without a rate today: no figures, rather than no form
            found = {}
        for order in self:
            check = found.get(order)
            if check is None:
                order.customer_receivable = order.customer_overdue = order.customer_credit_limit = None
                order.credit_exposure = None
                continue
            order.customer_receivable, order.customer_overdue = check.receivable, check.overdue
            order.customer_credit_limit, order.credit_exposure = check.limit, check.exposure

    def write(self, vals: Mapping[str, Any]) -> None:
        """Change the order; only sales managers (and the system) lift a credit hold or approve credit.

        Raises:
            AccessError: a salesperson changes ``credit_hold`` or ``credit_approved_by``.
        """
        if ("credit_hold" in vals or "credit_approved_by" in vals) and not approves_credit(self.env):
            raise AccessError(_("Only sales managers approve orders over the customer's credit limit."))
        super().write(vals)

    # -- buttons ------------------------------------------------------------------------

    @api_method
    def action_confirm(self) -> Any:
        """Confirm the quotation, unless it takes the customer over their credit limit.

        A salesperson's order over the limit is not confirmed: it waits for
        credit approval (``credit_hold``), with the figures in its history;
        a sales manager approves it (`action_approve_credit`). Sales managers
        and the system confirm whatever the limit.

        Raises:
            ValidationError: it is not a draft or sent quotation, or it has no lines.
        """
        if not approves_credit(self.env):
            self.TRANSITIONS.check([self], "confirmed")
            check = credit.check(self) if credit.limit_of(self) else None
            if check is not None and check.over:
                with self.env.sudo():
                    self.write({"credit_hold": True})
                self.post_note(credit.refusal(self, check))
                return self
            if self.credit_hold:  # under the limit now (paid, or a higher limit): it waits no more
                with self.env.sudo():
                    self.write({"credit_hold": False})
        elif self.credit_hold:
            self.write({"credit_hold": False, "credit_approved_by": self.env.user_id})
        return super().action_confirm()

    @api_method
    def action_approve_credit(self) -> Any:
        """Approve the order over the customer's credit limit, and confirm it (sales managers).

        Raises:
            AccessError: the user is not a sales manager.
            ValidationError: it is not waiting for credit approval, or cannot be confirmed.
        """
        if not approves_credit(self.env):
            raise AccessError(_("Only sales managers approve orders over the customer's credit limit."))
        credit.check_waiting(self)
        return self.action_confirm()

    @api_method
    def action_create_invoice(self) -> Any:
        """A draft customer invoice of what is left to invoice on this order; its form opens.

        See `addons.sales.accounting.invoicing.create_invoices`.

        Raises:
            UserError: nothing is left to invoice, or the order is not confirmed.
            AccessError: the user may not change this order.
        """
        [invoice] = invoicing.create_invoices(self.env, RecordSet(self.env, type(self), [self]))
        return invoice

    @api_method
    def action_down_payment(
        self, percentage: decimal.Decimal | None = None, amount: decimal.Decimal | None = None
    ) -> Any:
        """A draft down payment invoice: ``percentage`` of the order, or a fixed ``amount`` before taxes.

        See `addons.sales.accounting.down_payments.create_down_payment`.

        Raises:
            ValidationError: neither or both are given, or they are out of range.
            UserError: the order is not confirmed, or the company has no customer advances account.
            AccessError: the user may not change this order.
        """
        return down_payments.create_down_payment(self, percentage=percentage, amount=amount)


def approves_credit(env: Any) -> bool:
    """Whether the acting user may confirm orders over credit limits: sales managers and the system."""
    return bool(env.su or env.access.is_admin or APPROVERS in env.access.group_names)
