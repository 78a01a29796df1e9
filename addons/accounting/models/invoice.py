"""Invoices: customer invoices, vendor bills and their credit notes, each owning its journal entry.

An invoice is a taxed document (`addons.commerce.documents.TaxedDocument`:
the lines, taxes and totals of a sales or purchase order, computed alike)
of one ``kind``: customer invoice, customer credit note, vendor bill or
vendor credit note. Its ``state`` follows `Invoice.TRANSITIONS`::

    draft ──post──▶ posted ──cancel──▶ cancelled      (the entry is reversed)
      ╰──cancel──▶ cancelled ──draft──▶ draft         (when it was never posted)

Posting (`addons.accounting.invoicing.post_invoices`) creates and posts its
journal entry (``move``), whose gap-free number becomes the invoice's
``name``. A posted invoice never changes; it is settled by payments and
credit notes, reconciled with its receivable (payable) items. From those
items it keeps, stored for lists and sums in SQL: ``amount_residual`` (in
its currency), the signed totals in the company currency, and its
``payment_state``: not paid, partially paid, paid, or reversed (settled by
its credit notes or the reversal of its entry).

`Invoice.action_credit_note` makes a credit note (``reversed_invoice``);
`Invoice.action_register_payment` prepares a payment of what is due;
`Invoice.action_match_payments` reconciles it with the partner's open
payments and credit notes. Its journal, entry and payments (and its lines'
accounts) are for accounting users: salespeople, who read customer invoices
when sales is installed, see the document without them.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from typing import Any
from typing import ClassVar

from addons.accounting import invoicing
from addons.accounting.changes import is_new
from addons.accounting.changes import previous_value
from addons.accounting.invoicing import KINDS
from addons.accounting.reconciliation import reconcile
from addons.commerce.documents import TaxedDocument
from addons.commerce.documents import new_lines
from core.base.models.company import current_company
from core.errors import UserError
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.flush import changed_fields
from core.orm.model import Model
from core.orm.model import api_method
from core.orm.records import RecordSet
from core.orm.workflow import Transitions

ZERO = decimal.Decimal(0)
# The fields reaching the books: salespeople reading customer invoices (with sales) do not see them.
ACCOUNTANTS = ("accounting.group_user",)
STATES = [("draft", "Draft"), ("posted", "Posted"), ("cancelled", "Cancelled")]
PAYMENT_STATES = [
    ("not_paid", "Not paid"),
    ("partial", "Partially paid"),
    ("paid", "Paid"),
    ("reversed", "Reversed"),
]
# What an invoice's amount due and payment state follow: its entry's receivable (payable) items,
# their reversal, and its credit notes.
SETTLEMENT_DEPENDS = (
    "state",
    "kind",
    "amount_total",
    "currency",
    "company_currency",
    "move.lines.amount_residual",
    "move.lines.amount_residual_currency",
    "move.lines.reconciled",
    "move.lines.balance",
    "move.lines.account.type",
    "move.reversals.state",
    "refunds.state",
    "refunds.amount_total",
)


def default_user(env: Environment) -> Any:
    return env.user_id


class Invoice(TaxedDocument, Model, name="accounting.invoice"):
    _description = "Invoice"
    _order = "date desc, name desc, id desc"
    _history = True
    TRANSITIONS: ClassVar[Transitions] = Transitions(
        {"draft": {"posted", "cancelled"}, "posted": {"cancelled"}, "cancelled": {"draft"}}
    )
    # What still changes once an invoice is posted: its settlement, and who looks after it.
    POSTED_WRITABLE: ClassVar[frozenset[str]] = frozenset(
        {
            "state",
            "payment_state",
            "amount_residual",
            "amount_residual_signed",
            "amount_total_signed",
            "user",
            "note",
            "refunds",
            "payments",
            "updated_at",
            "updated_by",
        }
    )

    name = fields.Char("Number", readonly=True, copy=False, index=True)
    kind = fields.Selection(KINDS, "Type", default="out_invoice", required=True, index=True)
    state = fields.Selection(
        STATES, "Status", default="draft", required=True, readonly=True, tracked=True, copy=False
    )
    payment_state = fields.Selection(
        PAYMENT_STATES, "Payment", store=True, readonly=True, index=True, copy=False, tracked=True
    )
    partner = fields.Many2one("base.partner", required=True, ondelete="restrict", tracked=True, index=True)
    date = fields.Date(
        "Invoice date", default=Environment.today, required=True, tracked=True, index=True, copy=False
    )
    date_due = fields.Date("Due date", store=True, index=True, copy=False)
    journal = fields.Many2one(
        "accounting.journal",
        required=True,
        ondelete="restrict",
        groups=ACCOUNTANTS,
        default=fields.SET_ON_CREATE,
    )
    company = fields.Many2one("base.company", default=current_company, required=True, index=True)
    company_currency = fields.Many2one("base.currency", related="company.currency", store=True)
    currency = fields.Many2one(
        "base.currency", required=True, ondelete="restrict", default=fields.SET_ON_CREATE
    )
    payment_term = fields.Many2one("commerce.payment_term", "Payment terms")
    ref = fields.Char("Reference", help="The vendor's bill number, or the customer's order reference.")
    origin = fields.Char("Source document", help="The document invoiced, such as a sales order's number.")
    user = fields.Many2one("base.user", "Responsible", default=default_user, index=True, copy=False)
    note = fields.Text("Terms and conditions")
    lines = fields.One2many("accounting.invoice_line", inverse="invoice")
    move = fields.Many2one(
        "accounting.move", "Journal entry", readonly=True, copy=False, ondelete="restrict", groups=ACCOUNTANTS
    )
    reversed_invoice = fields.Many2one(
        "accounting.invoice", "Credit note of", readonly=True, copy=False, ondelete="restrict", index=True
    )
    refunds = fields.One2many("accounting.invoice", inverse="reversed_invoice", label="Credit notes")
    payments = fields.Many2many(
        "accounting.payment",
        relation="accounting_payment_invoice_rel",
        column1="invoice_id",
        column2="payment_id",
        readonly=True,
        groups=ACCOUNTANTS,
    )
    amount_residual = fields.Monetary("Amount due", currency="currency", store=True, readonly=True)
    amount_total_signed = fields.Monetary(
        "Total in company currency", currency="company_currency", store=True, readonly=True
    )
    amount_residual_signed = fields.Monetary(
        "Due in company currency", currency="company_currency", store=True, readonly=True
    )

    @date_due.computed_from("date", "payment_term")
    def _compute_date_due(self) -> None:
        """The last installment's day with payment terms; else as given, the invoice date by default."""
        if self.payment_term is not None and self.date is not None:
            self.date_due = self.payment_term.due_date(self.date)
        elif self.date_due is None:
            self.date_due = self.date

    @amount_residual.computed_from(*SETTLEMENT_DEPENDS)
    @amount_total_signed.computed_from(*SETTLEMENT_DEPENDS)
    @amount_residual_signed.computed_from(*SETTLEMENT_DEPENDS)
    @payment_state.computed_from(*SETTLEMENT_DEPENDS)
    def _compute_settlement(self) -> None:
        """What is due, from the open amounts of the entry's receivable (payable) items."""
        to_document = 1 if self.kind in ("out_invoice", "in_refund") else -1
        to_signed = 1 if self.kind in invoicing.CUSTOMER_KINDS else -1
        items = invoicing.counterpart_items(self)
        if not items:
            total = decimal.Decimal(self.amount_total or 0)
            same = self.currency is not None and self.currency == self.company_currency
            self.amount_residual = total if self.state == "draft" else ZERO
            signed = total * to_document * to_signed
            self.amount_total_signed = signed if same else None
            self.amount_residual_signed = signed if same and self.state == "draft" else ZERO
            self.payment_state = "not_paid"
            return
        foreign = items[0].currency is not None
        open_amount = sum((decimal.Decimal(line.amount_residual or 0) for line in items), ZERO)
        open_currency = sum(
            (decimal.Decimal(line.amount_residual_currency or 0) for line in items if foreign), ZERO
        )
        self.amount_total_signed = to_signed * sum(
            (decimal.Decimal(line.balance or 0) for line in items), ZERO
        )
        self.amount_residual_signed = to_signed * open_amount
        self.amount_residual = to_document * (open_currency if foreign else open_amount)
        if all(line.reconciled for line in items):
            credited = sum((note.amount_total for note in self.refunds if note.state == "posted"), ZERO)
            reversed_entry = any(reversal.state == "posted" for reversal in self.move.reversals)
            self.payment_state = "reversed" if reversed_entry or credited >= self.amount_total else "paid"
        elif self.amount_residual < decimal.Decimal(self.amount_total or 0):
            self.payment_state = "partial"
        else:
            self.payment_state = "not_paid"

    # -- rules -------------------------------------------------------------------------------

    @constrains(
        "kind",
        "partner",
        "date",
        "date_due",
        "journal",
        "company",
        "currency",
        "payment_term",
        "ref",
        "origin",
        "tax_rounding",
        "move",
        "reversed_invoice",
        "lines",
    )
    def _check_not_posted(self) -> None:
        """A posted or cancelled invoice keeps what it was posted with."""
        if is_new(self) or previous_value(self, "state") == "draft":
            return
        changed = changed_fields(self) - self.POSTED_WRITABLE
        if changed:
            self.check_draft(sorted(changed))

    @constrains("journal", "company")
    def _check_journal(self) -> None:
        if self.journal is not None and self.journal.company != self.company:
            raise ValidationError(fields={"journal": _("Choose a journal of the invoice's company.")})

    def check_draft(self, changed: list[str]) -> None:
        """Refuse to change ``changed`` (field names, for the messages) unless the invoice is a draft.

        Raises:
            ValidationError: it is posted or cancelled.
        """
        state = previous_value(self, "state") if not is_new(self) else self.state
        if state == "draft":
            return
        raise ValidationError(
            _(
                "%(invoice)s is “%(state)s”: it can no longer change. Make a credit note instead.",
                invoice=self.display_name,
                state=_(dict(STATES)[state]),
            ),
            fields=dict.fromkeys(changed, _("Locked in this state.")),
        )

    # -- creation --------------------------------------------------------------------------------

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Invoice:
        """An invoice of its company's journal for its kind, in the company currency unless given,
        with its new lines completed (`addons.accounting.invoicing.complete_lines`)."""
        vals = dict(vals)
        company = env.record("base.company", vals.get("company")) or current_company(env)
        kind = vals.get("kind") or "out_invoice"
        if vals.get("journal") is None:
            journal = invoicing.default_journal(env, company, kind)
            vals["journal"] = journal.id if journal is not None else None
        if vals.get("currency") is None and company is not None:
            vals["currency"] = company.currency.id
        if vals.get("lines"):
            journal = env.record("accounting.journal", vals["journal"])
            invoicing.complete_lines(env, new_lines(vals), kind, company, journal)
        return super().new(env, vals)  # type: ignore[return-value]

    def write(self, vals: Mapping[str, Any]) -> None:
        """Change the invoice; new lines given in ``lines`` are completed as on creation, and a new
        ``kind`` without a journal takes the company's journal for it."""
        vals = dict(vals)
        if vals.get("kind") not in (None, self.kind) and "journal" not in vals:
            journal = invoicing.default_journal(self.env, self.company, vals["kind"])
            vals["journal"] = journal.id if journal is not None else None
        if vals.get("lines"):
            journal = self.env.record("accounting.journal", vals.get("journal")) or self.journal
            invoicing.complete_lines(
                self.env, new_lines(vals), vals.get("kind", self.kind), self.company, journal
            )
        super().write(vals)

    def copy(self, overrides: Mapping[str, Any] | None = None) -> Invoice:
        """A new draft dated today with this invoice's partner, terms and copies of its lines."""
        lines = [line.copy_values() for line in self.lines]
        return super().copy({"lines": lines, **(overrides or {})})

    def unlink(self) -> None:
        """Delete a draft invoice, or a cancelled one that was never posted.

        Raises:
            UserError: it has a journal entry (it was posted).
        """
        if self.move is not None:
            raise UserError(
                _("%(invoice)s was posted: it cannot be deleted. Cancel it or credit it.", invoice=self.name)
            )
        super().unlink()

    # -- workflow --------------------------------------------------------------------------------

    @api_method
    def action_post(self) -> Invoice:
        """Book and post the invoice (`addons.accounting.invoicing.post_invoices`).

        Raises:
            ValidationError: it is not a complete draft, or its entry cannot be posted.
        """
        invoicing.post_invoices(self.env, [self])
        return self

    @api_method
    def action_cancel(self, date: dt.date | None = None) -> Invoice:
        """Cancel a draft; or a posted invoice nothing was paid on, reversing its entry on ``date``
        (default today).

        Raises:
            ValidationError: it is cancelled already, payments or credit notes are reconciled
                with it, or ``date`` is locked.
        """
        self.TRANSITIONS.check([self], "cancelled")
        if self.state == "posted":
            invoicing.cancel_posted(self, date)
        self.TRANSITIONS.move([self], "cancelled")
        return self

    @api_method
    def action_draft(self) -> Invoice:
        """Make a cancelled invoice that was never posted a draft again.

        Raises:
            ValidationError: it is not cancelled, or it was posted (its number stays used).
        """
        if self.move is not None:
            raise ValidationError(
                _("%(invoice)s was posted and reversed: copy it to invoice again.", invoice=self.name)
            )
        self.TRANSITIONS.move([self], "draft")
        return self

    @api_method
    def action_credit_note(self, date: dt.date | None = None, whole: bool = False) -> Invoice:
        """A credit note of this invoice (`addons.accounting.invoicing.credit_note`): posted and
        reconciled with it when ``whole``, else a draft to adjust.

        Raises:
            ValidationError: it is not a posted invoice or bill.
        """
        return invoicing.credit_note(self, date, whole)  # type: ignore[no-any-return]

    @api_method
    def action_register_payment(self) -> Any:
        """A draft payment of what is due on this invoice, from its journal's company, to post.

        Raises:
            ValidationError: the invoice is not posted or nothing is due.
        """
        return self.env["accounting.payment"].prepare(RecordSet(self.env, type(self), [self]))

    @api_method
    def action_match_payments(self) -> Invoice:
        """Reconcile the invoice with the partner's open payments and credit notes, oldest first.

        Raises:
            ValidationError: the invoice is not posted.
        """
        if self.state != "posted":
            raise ValidationError(_("Only posted invoices are matched with payments."))
        items = invoicing.counterpart_items(self)
        Line = self.env["accounting.move_line"]
        others = Line.search(
            [
                ("account", "in", [line.account.id for line in items]),
                ("partner", "=", self.partner.id),
                ("parent_state", "=", "posted"),
                ("reconciled", "=", False),
                ("move", "!=", self.move.id),
            ]
        )
        sign = 1 if self.kind in ("out_invoice", "in_refund") else -1
        opposite = [line for line in others if line.amount_residual * sign < 0]
        reconcile(self.env, items + opposite)
        return self
