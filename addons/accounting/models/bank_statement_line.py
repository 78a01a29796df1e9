"""A transaction of a bank statement: money in (positive) or out (negative) on a day, to match.

A line is ``to_match`` until it produced what it stands for in the books:

* **accepted** (`BankStatementLine.action_accept`): the payment of one or
  several open invoices or bills of one partner (usually a suggestion of
  `addons.accounting.bank_matching`), registered with
  `Payment.register` in the statement's journal on the line's date for the
  line's amount, and reconciled with them;
* **booked** (`BankStatementLine.action_book`): a posted entry in the
  statement's journal between the journal's account and a chosen one (bank
  fees, interest, a transfer).

Either happens whole or not at all (one transaction), and the line is then
``matched``, pointing at its payment and entry::

    line.action_accept([invoice.id])
    fee.action_book(accounts["780"].id)
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from typing import Any

from addons.accounting import invoicing
from addons.accounting import posting
from addons.accounting.models.payment import OWED
from addons.accounting.models.payment import Payment
from core.errors import UserError
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.model import Model
from core.orm.model import api_method
from core.orm.records import RecordSet

ZERO = decimal.Decimal(0)
STATES = [("to_match", "To match"), ("matched", "Matched")]


class BankStatementLine(Model, name="accounting.bank_statement_line"):
    _description = "Bank statement line"
    _order = "date, sequence, id"

    statement = fields.Many2one("accounting.bank_statement", required=True, ondelete="cascade", index=True)
    journal = fields.Many2one("accounting.journal", related="statement.journal", store=True, index=True)
    company = fields.Many2one("base.company", related="statement.company", store=True, index=True)
    currency = fields.Many2one("base.currency", related="statement.currency", store=True)
    sequence = fields.Integer(default=10)
    date = fields.Date(required=True, index=True)
    name = fields.Char("Label")
    counterpart = fields.Char("Counterpart", help="The name of who paid or was paid, as the bank gives it.")
    ref = fields.Char("Reference")
    amount = fields.Monetary(
        currency="currency", required=True, help="Received when positive, paid when negative."
    )
    partner = fields.Many2one("base.partner", ondelete="restrict")
    state = fields.Selection(STATES, "Status", default="to_match", required=True, readonly=True, index=True)
    payment = fields.Many2one("accounting.payment", readonly=True, ondelete="restrict")
    move = fields.Many2one("accounting.move", "Journal entry", readonly=True, ondelete="restrict")
    account = fields.Many2one(
        "accounting.account",
        "Booked to",
        readonly=True,
        help="The account of a line booked without an invoice.",
    )
    import_key = fields.Char(
        "Import key", readonly=True, index=True, help="Recognises the same transaction imported again."
    )

    def unlink(self) -> None:
        """Delete a line still to match.

        Raises:
            UserError: it produced a payment or an entry.
        """
        if self.state == "matched":
            raise UserError(_("This transaction is reconciled: it is kept."))
        super().unlink()

    def _check_open(self) -> None:
        if self.state != "to_match":
            raise ValidationError(
                _(
                    "The transaction of %(day)s, %(label)s, is already matched.",
                    day=self.date,
                    label=self.name or "",
                )
            )

    @api_method
    def action_accept(self, invoices: Sequence[int]) -> BankStatementLine:
        """Pay ``invoices`` (ids of posted invoices or bills of one partner) with this transaction: a
        payment in the statement's journal, dated the line's date, for the line's amount, reconciled
        with them.

        Raises:
            ValidationError: the line is matched already; no invoice is given; they are not open
                documents of one partner of the line's company; money received is given to vendor
                bills or money paid to customer invoices; or the payment cannot be posted (a lock date).
        """
        self._check_open()
        if not isinstance(invoices, list | tuple) or not all(_is_id(value) for value in invoices):
            raise ValidationError(fields={"invoices": _("Expected a list of invoice ids.")})
        found = list(self.env["accounting.invoice"].browse(list(invoices)))
        if not found:
            raise ValidationError(_("Choose the invoices this transaction pays."))
        if any(invoice.company != self.company for invoice in found):
            raise ValidationError(_("Choose invoices of the statement's company."))
        incoming = self.amount > 0
        customer = found[0].kind in invoicing.CUSTOMER_KINDS
        if incoming != customer:
            raise ValidationError(
                _("Money received pays customer invoices; money paid pays vendor bills.")
                if incoming
                else _("Money paid pays vendor bills; money received pays customer invoices.")
            )
        settled = [invoice for invoice in found if invoice.payment_state in ("paid", "reversed")]
        if settled:
            raise ValidationError(
                _("%(invoice)s has nothing left to pay: choose another.", invoice=settled[0].display_name)
            )
        statement = self.statement
        if self._owed(found, statement.currency) <= 0:
            raise ValidationError(
                _("Money received pays customer invoices, not only credit notes.")
                if incoming
                else _("Money paid pays vendor bills, not only refunds.")
            )
        payment = Payment.register(
            self.env,
            found,
            journal=statement.journal,
            date=self.date,
            amount=abs(self.amount),
            currency=statement.currency,
        )
        self.write(
            {
                "state": "matched",
                "payment": payment.id,
                "move": payment.move.id,
                "partner": payment.partner.id,
            }
        )
        statement.refresh_state()
        return self

    def _owed(self, invoices: Sequence[Any], currency: Any) -> decimal.Decimal:
        """What ``invoices`` leave to pay in ``currency`` on the line's date, credit notes deducted."""
        rates: dict[Any, Any] = {}
        return sum(
            (
                OWED[invoice.kind]
                * invoice.currency.convert(invoice.amount_residual, currency, self.date, rates)
                for invoice in invoices
            ),
            ZERO,
        )

    @api_method
    def action_book(self, account: int, label: str | None = None) -> BankStatementLine:
        """Post the transaction against ``account`` (an id): bank fees, interest, a transfer.

        The entry, in the statement's journal on the line's date, debits the
        journal's account with money received and credits it with money paid;
        ``account`` takes the other side, labelled ``label`` (default the line's).

        Raises:
            ValidationError: the line is matched already; the account is not one of the company's,
                is the journal's own, or is deprecated; the journal has no account; a lock date.
        """
        self._check_open()
        statement = self.statement
        journal = statement.journal
        if not _is_id(account):
            raise ValidationError(fields={"account": _("Choose the account to book it to.")})
        target = self.env["accounting.account"].browse([account])
        target = target[0] if target else None
        if target is None or target.company != self.company or target.deprecated:
            raise ValidationError(
                fields={"account": _("Choose an account of the statement's company in use.")}
            )
        if journal.default_account is None:
            raise ValidationError(
                _("%(journal)s has no default account to book payments on.", journal=journal.name)
            )
        if target == journal.default_account:
            raise ValidationError(fields={"account": _("Choose another account than the journal's own.")})
        move = self.env["accounting.move"].create(self._entry_values(journal.default_account, target, label))
        posting.post(self.env, RecordSet(self.env, type(move), [move]))
        self.write({"state": "matched", "move": move.id, "account": target.id})
        statement.refresh_state()
        return self

    def _entry_values(self, bank: Any, target: Any, label: str | None) -> dict[str, Any]:
        """The booked entry: the bank item and its counterpart, in the company currency."""
        company_currency = self.company.currency
        foreign = self.currency != company_currency
        booked = company_currency.round(self.currency.convert(self.amount, company_currency, self.date, {}))
        text = label or self.name or self.ref or _("Bank transaction")

        def item(account: Any, balance: decimal.Decimal, sign: int) -> dict[str, Any]:
            return {
                "account": account.id,
                "partner": self.partner.id if self.partner is not None else None,
                "name": text,
                "debit": max(balance, ZERO),
                "credit": max(-balance, ZERO),
                "currency": self.currency.id if foreign else None,
                "amount_currency": sign * self.amount if foreign else None,
            }

        return {
            "journal": self.statement.journal.id,
            "date": self.date,
            "ref": self.statement.name,
            "partner": self.partner.id if self.partner is not None else None,
            "lines": [item(bank, booked, 1), item(target, -booked, -1)],
        }


def _is_id(value: Any) -> bool:
    """Whether ``value`` (as the JSON API passes it) is a record id."""
    return isinstance(value, int) and not isinstance(value, bool)
