"""Payments: money received or paid through a bank or cash journal, matched with invoices.

A payment is ``inbound`` (received) or ``outbound`` (paid), from or to a
customer or a vendor, for an ``amount`` in a ``currency`` on a ``date``.
Posting it (`Payment.action_post`) posts its entry in the journal, numbered
there (``BNK/2026/00007``)::

    bank or cash account     debit  (inbound)    credit (outbound)
    receivable or payable    credit (inbound)    debit  (outbound)

and reconciles it with the ``invoices`` it pays, oldest due date first
(`addons.accounting.reconciliation.reconcile`): several invoices, part of
one, or more than they owe (the rest stays open on the partner, for later
invoices). A payment in the company currency of invoices in one foreign
currency carries that currency at the rate of its date, so paying them
realises the exchange difference.

`Payment.prepare` makes the draft payment of what invoices owe (the
invoice form's "Register payment"), `Payment.register` posts it at once
(the API for scripts and other addons). Cancelling a posted payment
unreconciles it and reverses its entry; `Payment.action_unreconcile` only
unmatches it, leaving the money open on the partner.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Sequence
from typing import Any
from typing import ClassVar

from addons.accounting import invoicing
from addons.accounting import posting
from addons.accounting.changes import is_new
from addons.accounting.changes import previous_value
from addons.accounting.reconciliation import reconcile
from addons.accounting.reconciliation import unreconcile
from core.base.models.company import current_company
from core.errors import UserError
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.flush import changed_fields
from core.orm.model import Model
from core.orm.model import api_method
from core.orm.records import RecordSet
from core.orm.workflow import Transitions

ZERO = decimal.Decimal(0)
STATES = [("draft", "Draft"), ("posted", "Posted"), ("cancelled", "Cancelled")]
PAYMENT_TYPES = [("inbound", "Incoming"), ("outbound", "Outgoing")]
PARTNER_TYPES = [("customer", "Customer"), ("supplier", "Vendor")]
# What an invoice's amount due counts for in a payment of several: invoices and bills add, credit notes
# take away; a positive total is received from customers and paid to vendors.
OWED = {"out_invoice": 1, "out_refund": -1, "in_invoice": 1, "in_refund": -1}


def payment_journal(env: Environment, company: Any) -> Any:
    """The company's first bank journal, else its first cash journal, else None."""
    if company is None:
        return None
    for kind in ("bank", "cash"):
        found = env["accounting.journal"].search([("company", "=", company.id), ("type", "=", kind)], limit=1)
        if found:
            return found[0]
    return None


def default_payment_journal(env: Environment) -> Any:
    """The first bank (else cash) journal of the user's company."""
    return payment_journal(env, current_company(env))


class Payment(Model, name="accounting.payment"):
    _description = "Payment"
    _order = "date desc, name desc, id desc"
    _history = True
    _sql_constraints = (
        Check("amount > 0", name="amount_positive", message="A payment's amount is positive."),
    )
    TRANSITIONS: ClassVar[Transitions] = Transitions(
        {"draft": {"posted", "cancelled"}, "posted": {"cancelled"}, "cancelled": {"draft"}}
    )
    LOCKED: ClassVar[tuple[str, ...]] = (
        "payment_type",
        "partner_type",
        "partner",
        "amount",
        "currency",
        "date",
        "journal",
        "company",
        "invoices",
        "move",
    )

    name = fields.Char("Number", readonly=True, copy=False, index=True)
    payment_type = fields.Selection(PAYMENT_TYPES, "Direction", default="inbound", required=True)
    partner_type = fields.Selection(PARTNER_TYPES, "Partner is a", default="customer", required=True)
    partner = fields.Many2one("base.partner", required=True, ondelete="restrict", tracked=True, index=True)
    amount = fields.Monetary(currency="currency", required=True, tracked=True)
    currency = fields.Many2one(
        "base.currency", required=True, ondelete="restrict", default=fields.SET_ON_CREATE
    )
    date = fields.Date(default=Environment.today, required=True, tracked=True, index=True, copy=False)
    journal = fields.Many2one(
        "accounting.journal", default=default_payment_journal, required=True, ondelete="restrict"
    )
    company = fields.Many2one("base.company", default=current_company, required=True, index=True)
    ref = fields.Char("Memo")
    state = fields.Selection(
        STATES, "Status", default="draft", required=True, readonly=True, tracked=True, copy=False
    )
    move = fields.Many2one("accounting.move", "Journal entry", readonly=True, copy=False, ondelete="restrict")
    invoices = fields.Many2many(
        "accounting.invoice",
        relation="accounting_payment_invoice_rel",
        column1="payment_id",
        column2="invoice_id",
        help="The invoices and credit notes it pays, reconciled with it when it is posted.",
    )

    @constrains("journal", "company")
    def _check_journal(self) -> None:
        if self.journal is not None and (
            self.journal.type not in ("bank", "cash") or self.journal.company != self.company
        ):
            raise ValidationError(
                fields={"journal": _("Choose a bank or cash journal of the payment's company.")}
            )

    @constrains(*LOCKED)
    def _check_draft(self) -> None:
        """A posted or cancelled payment keeps what it was posted with."""
        if is_new(self) or previous_value(self, "state") == "draft":
            return
        changed = sorted(changed_fields(self) & set(self.LOCKED))
        if changed:
            raise ValidationError(
                _("%(payment)s is posted: it can no longer change. Cancel it instead.", payment=self.name),
                fields=dict.fromkeys(changed, _("Locked in this state.")),
            )

    @classmethod
    def new(cls, env: Environment, vals: Any) -> Payment:
        """A payment in its company's currency unless given."""
        vals = dict(vals)
        if vals.get("currency") is None:
            company = env.record("base.company", vals.get("company")) or current_company(env)
            vals["currency"] = company.currency.id if company is not None else None
        return super().new(env, vals)  # type: ignore[return-value]

    def unlink(self) -> None:
        """Delete a draft payment, or a cancelled one that was never posted.

        Raises:
            UserError: it was posted.
        """
        if self.move is not None:
            raise UserError(_("%(payment)s was posted: cancel it instead.", payment=self.name))
        super().unlink()

    # -- registering ------------------------------------------------------------------------------

    @classmethod
    def prepare(
        cls,
        env: Environment,
        invoices: Sequence[Any],
        journal: Any = None,
        date: dt.date | None = None,
        amount: decimal.Decimal | None = None,
        currency: Any = None,
    ) -> Payment:
        """A draft payment of ``invoices`` (posted, of one partner and company), for what they owe by
        default: in their currency when they share one, else in the company's, at ``date`` (today).

        Raises:
            ValidationError: an invoice is not posted, they have several partners, companies or
                directions, or nothing is due.
        """
        invoices = list(invoices)
        if not invoices or any(invoice.state != "posted" for invoice in invoices):
            raise ValidationError(_("Payments are registered for posted invoices."))
        first = invoices[0]
        customer = first.kind in invoicing.CUSTOMER_KINDS
        same = (first.partner, first.company, customer)
        if any(
            (invoice.partner, invoice.company, invoice.kind in invoicing.CUSTOMER_KINDS) != same
            for invoice in invoices
        ):
            raise ValidationError(
                _("Register one payment per partner and company, for customer or vendor documents.")
            )
        day = date or env.today()
        currencies = {invoice.currency for invoice in invoices}
        target = currency or (first.currency if len(currencies) == 1 else first.company.currency)
        rates: dict[Any, Any] = {}
        owed = target.round(
            sum(
                (
                    OWED[invoice.kind] * invoice.currency.convert(invoice.amount_residual, target, day, rates)
                    for invoice in invoices
                ),
                ZERO,
            )
        )
        if not owed and amount is None:
            raise ValidationError(_("Nothing is due on these invoices."))
        journal = journal or payment_journal(env, first.company)
        if journal is None:
            raise ValidationError(_("%(company)s has no bank or cash journal.", company=first.company.name))
        return env["accounting.payment"].create(
            {
                "payment_type": "inbound" if (owed >= 0) == customer else "outbound",
                "partner_type": "customer" if customer else "supplier",
                "partner": first.partner.id,
                "company": first.company.id,
                "journal": journal.id,
                "currency": target.id,
                "date": day,
                "amount": amount if amount is not None else abs(owed),
                "ref": ", ".join(invoice.name for invoice in invoices),
                "invoices": [invoice.id for invoice in invoices],
            }
        )

    @classmethod
    def register(cls, env: Environment, invoices: Sequence[Any], **options: Any) -> Payment:
        """Post a payment of ``invoices`` and reconcile it with them: `prepare` with the same
        ``options`` (journal, date, amount, currency), then `action_post`."""
        return cls.prepare(env, invoices, **options).action_post()

    # -- workflow -----------------------------------------------------------------------------------

    @api_method
    def action_post(self) -> Payment:
        """Post the payment's entry and reconcile it with its invoices.

        Raises:
            ValidationError: it is not a draft, its journal has no account, an
                invoice is not posted or is another partner's, or a lock date
                forbids its date.
            UserError: a currency has no rate on its date.
        """
        env = self.env
        env.flush()
        if self.state != "draft":
            raise ValidationError(_("%(payment)s is not a draft.", payment=self.display_name))
        account = self.journal.default_account
        if account is None:
            raise ValidationError(
                _("%(journal)s has no default account to book payments on.", journal=self.journal.name),
                fields={"journal": _("Give the journal its bank or cash account.")},
            )
        if any(invoice.state != "posted" or invoice.partner != self.partner for invoice in self.invoices):
            raise ValidationError(
                _("A payment pays posted invoices of its partner."),
                fields={"invoices": _("Posted, same partner.")},
            )
        self.move = env["accounting.move"].create(self._entry_values(account))
        posting.post(env, RecordSet(env, type(self.move), [self.move]))
        self.name = self.move.name
        self.TRANSITIONS.move([self], "posted")
        items = [self._counterpart()]
        for invoice in self.invoices:
            items += invoicing.counterpart_items(invoice)
        reconcile(env, [item for item in items if item.account == items[0].account])
        return self

    def _entry_values(self, account: Any) -> dict[str, Any]:
        """The payment's entry: the bank or cash item, and the receivable or payable one."""
        company_currency = self.company.currency
        rates: dict[Any, Any] = {}
        booked = company_currency.round(
            self.currency.convert(self.amount, company_currency, self.date, rates)
        )
        sign = 1 if self.payment_type == "inbound" else -1
        foreign = self.currency != company_currency
        counter_currency, counter_amount = (self.currency, self.amount) if foreign else (None, None)
        invoice_currencies = {invoice.currency for invoice in self.invoices}
        if not foreign and len(invoice_currencies) == 1 and company_currency not in invoice_currencies:
            # Paid in the company currency, worth this much of the invoices' currency today.
            counter_currency = invoice_currencies.pop()
            counter_amount = counter_currency.round(
                company_currency.convert(self.amount, counter_currency, self.date, rates)
            )
        label = self.ref or self.partner.display_name
        bank = {
            "account": account.id,
            "name": label,
            "debit": booked if sign > 0 else ZERO,
            "credit": booked if sign < 0 else ZERO,
            "currency": self.currency.id if foreign else None,
            "amount_currency": sign * self.amount if foreign else None,
        }
        counterpart = {
            "account": self._counterpart_account().id,
            "partner": self.partner.id,
            "name": label,
            "debit": booked if sign < 0 else ZERO,
            "credit": booked if sign > 0 else ZERO,
            "currency": counter_currency.id if counter_currency is not None else None,
            "amount_currency": -sign * counter_amount if counter_amount is not None else None,
            "date_maturity": self.date,
        }
        return {
            "journal": self.journal.id,
            "date": self.date,
            "partner": self.partner.id,
            "ref": self.ref,
            "lines": [bank, counterpart],
        }

    def _counterpart_account(self) -> Any:
        """The receivable (customers) or payable (vendors) account: the invoices', else the company's."""
        for invoice in self.invoices:
            items = invoicing.counterpart_items(invoice)
            if items:
                return items[0].account
        company = self.company
        account = (
            company.default_receivable_account
            if self.partner_type == "customer"
            else company.default_payable_account
        )
        if account is None:
            raise ValidationError(
                _("%(company)s has no receivable or payable account.", company=company.name)
            )
        return account

    def _counterpart(self) -> Any:
        """The receivable or payable item of the posted payment."""
        return next(
            line for line in self.move.lines if line.partner == self.partner and line.account.reconcile
        )

    @api_method
    def action_unreconcile(self) -> Payment:
        """Unmatch the posted payment from what it paid; the money stays open on the partner.

        Raises:
            ValidationError: it is not posted, or an exchange difference cannot be reversed.
        """
        if self.state != "posted":
            raise ValidationError(_("Only posted payments are matched with invoices."))
        unreconcile(self.env, [self._counterpart()])
        return self

    @api_method
    def action_cancel(self) -> Payment:
        """Cancel a draft; or a posted payment: unmatched, its entry reversed today.

        Raises:
            ValidationError: it is cancelled already, or a lock date forbids the reversal.
        """
        self.TRANSITIONS.check([self], "cancelled")
        if self.state == "posted":
            unreconcile(self.env, [self._counterpart()])
            self.move.reverse()
        self.TRANSITIONS.move([self], "cancelled")
        return self

    @api_method
    def action_draft(self) -> Payment:
        """Make a cancelled payment that was never posted a draft again.

        Raises:
            ValidationError: it is not cancelled, or it was posted.
        """
        if self.move is not None:
            raise ValidationError(
                _("%(payment)s was posted and reversed: copy it instead.", payment=self.name)
            )
        self.TRANSITIONS.move([self], "draft")
        return self
