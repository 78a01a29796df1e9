"""Journal items: the debit and credit lines of an entry, each on one account.

A line has a debit or a credit (never both, never negative) in the
company's currency, rounded by it; ``balance`` is debit minus credit. A line
in a foreign currency also carries ``amount_currency`` in that ``currency``,
with the sign of its balance. ``partner`` says whose receivable or payable it
is; ``analytic_account`` the cost centre or project it belongs to.

The entry's ``date``, ``journal``, ``company`` and state (``parent_state``)
are copied onto each line (stored related fields, indexed): reports filter
and group the lines table alone, without joining entries, whatever its size.

Invoices (`addons.accounting.invoicing`) say more on their lines: the due
date of a receivable or payable line (``date_maturity``), the tax a line is
the amount of (``tax``), the taxes a line is the base of (``taxes``), and
whether it comes from a credit note (``tax_refund``), which the tax report
reads (`addons.accounting.tax_report`).

A line on an account that is reconciled (receivables, payables) keeps what
is still open of it: ``amount_residual`` in the company currency and
``amount_residual_currency`` in its own currency, stored and recomputed from
the partial reconciliations that match it with lines of the other side
(``matched_debits`` and ``matched_credits``, `addons.accounting.reconciliation`).
``reconciled`` says nothing is open any more.

A line of a posted entry never changes and is never deleted (see
`addons.accounting.models.move`). Fields that later addons must still set
on posted lines (the reconciliation of payments) are listed in
`MoveLine.POSTED_WRITABLE`; an extension adds its own names to it. An
extension adding fields that must stay locked (taxes) watches them with a
``@constrains`` method of its own calling `MoveLine._check_entry_not_posted`.
"""

from __future__ import annotations

import decimal
from typing import ClassVar

from addons.accounting.changes import is_new
from addons.accounting.changes import previous_value
from core.errors import UserError
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import constrains
from core.orm.flush import changed_fields
from core.orm.model import Model

ZERO = decimal.Decimal(0)
# What a user sets on an item: what a posted entry's items keep, and what copies and reversals copy.
ITEM_FIELDS = (
    "sequence",
    "account",
    "partner",
    "name",
    "debit",
    "credit",
    "amount_currency",
    "currency",
    "analytic_account",
    "date_maturity",
    "tax",
    "taxes",
    "tax_refund",
)
# What reconciling and unreconciling change on items of posted entries.
RESIDUAL_FIELDS = frozenset({"amount_residual", "amount_residual_currency", "reconciled"})
MOVE_STATES = [("draft", "Draft"), ("posted", "Posted"), ("cancelled", "Cancelled")]
RESIDUAL_DEPENDS = (
    "debit",
    "credit",
    "amount_currency",
    "currency",
    "account.reconcile",
    "matched_debits.amount",
    "matched_debits.credit_amount_currency",
    "matched_credits.amount",
    "matched_credits.debit_amount_currency",
)


class MoveLine(Model, name="accounting.move_line"):
    _description = "Journal item"
    _order = "date desc, move desc, sequence, id"
    _sql_constraints = (
        Check(
            "debit >= 0 AND credit >= 0 AND (debit = 0 OR credit = 0)",
            name="debit_or_credit",
            message="A journal item has a debit or a credit, never negative, never both.",
        ),
    )
    POSTED_WRITABLE: ClassVar[frozenset[str]] = frozenset(
        {"updated_at", "updated_by", "matched_debits", "matched_credits", *RESIDUAL_FIELDS}
    )

    move = fields.Many2one("accounting.move", "Journal entry", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    account = fields.Many2one("accounting.account", required=True, ondelete="restrict")
    partner = fields.Many2one("base.partner", ondelete="restrict")
    name = fields.Char("Label")
    debit = fields.Monetary(currency="company_currency", default=ZERO, required=True)
    credit = fields.Monetary(currency="company_currency", default=ZERO, required=True)
    balance = fields.Monetary(currency="company_currency", store=True, readonly=True)
    amount_currency = fields.Monetary(
        "Amount in currency", currency="currency", help="The amount in the line's foreign currency, signed."
    )
    currency = fields.Many2one("base.currency", help="The foreign currency of the line, if any.")
    analytic_account = fields.Many2one("accounting.analytic_account", "Analytic account", ondelete="restrict")
    date = fields.Date(related="move.date", store=True, index=True)
    journal = fields.Many2one("accounting.journal", related="move.journal", store=True)
    company = fields.Many2one("base.company", related="move.company", store=True)
    company_currency = fields.Many2one(
        "base.currency", "Company currency", related="company.currency", store=True
    )
    parent_state = fields.Selection(MOVE_STATES, "Entry status", related="move.state", store=True, index=True)
    date_maturity = fields.Date("Due date", index=True, help="When a receivable or payable is due.")
    tax = fields.Many2one(
        "commerce.tax", "Tax of the line", ondelete="restrict", index=True, help="This line is its amount."
    )
    taxes = fields.Many2many(
        "commerce.tax",
        "Taxes on the line",
        relation="accounting_move_line_tax_rel",
        column1="line_id",
        column2="tax_id",
        help="This line is their base.",
    )
    tax_refund = fields.Boolean("From a credit note", help="Reported in the tax grids of credit notes.")
    matched_debits = fields.One2many(
        "accounting.partial_reconcile", inverse="credit_line", label="Matched debits"
    )
    matched_credits = fields.One2many(
        "accounting.partial_reconcile", inverse="debit_line", label="Matched credits"
    )
    amount_residual = fields.Monetary(
        "Open amount", currency="company_currency", store=True, readonly=True, index=True
    )
    amount_residual_currency = fields.Monetary(
        "Open amount in currency", currency="currency", store=True, readonly=True
    )
    reconciled = fields.Boolean(store=True, readonly=True, index=True)

    @balance.computed_from("debit", "credit")
    def _compute_balance(self) -> None:
        self.balance = decimal.Decimal(self.debit or 0) - decimal.Decimal(self.credit or 0)

    @amount_residual.computed_from(*RESIDUAL_DEPENDS)
    @amount_residual_currency.computed_from(*RESIDUAL_DEPENDS)
    @reconciled.computed_from(*RESIDUAL_DEPENDS)
    def _compute_residual(self) -> None:
        """What the partial reconciliations leave open, on accounts that are reconciled (else zero)."""
        if self.account is None or not self.account.reconcile:
            self.amount_residual, self.amount_residual_currency, self.reconciled = ZERO, None, False
            return
        residual = decimal.Decimal(self.debit or 0) - decimal.Decimal(self.credit or 0)
        residual_currency = decimal.Decimal(self.amount_currency or 0)
        for partial in self.matched_credits:
            residual -= partial.amount
            residual_currency -= partial.debit_amount_currency
        for partial in self.matched_debits:
            residual += partial.amount
            residual_currency += partial.credit_amount_currency
        self.amount_residual = residual
        self.amount_residual_currency = residual_currency if self.currency is not None else None
        self.reconciled = not residual and (self.currency is None or not residual_currency)

    # -- rules --------------------------------------------------------------------------

    @constrains("debit", "credit")
    def _check_amounts(self) -> None:
        debit, credit = self.debit or ZERO, self.credit or ZERO
        if debit < 0 or credit < 0:
            raise ValidationError(
                _("A journal item cannot have a negative debit or credit: swap the columns instead."),
                fields={"debit" if debit < 0 else "credit": _("Must not be negative.")},
            )
        if debit and credit:
            raise ValidationError(
                _("A journal item has a debit or a credit, not both: split it into two items."),
                fields={"credit": _("Either a debit or a credit.")},
            )

    @constrains("account", "move", "currency", "amount_currency", "debit", "credit")
    def _check_account_and_currency(self) -> None:
        account, move = self.account, self.move
        if account is not None and move is not None and account.company != move.company:
            raise ValidationError(
                _("%(account)s belongs to another company than the entry.", account=account.display_name),
                fields={"account": _("Choose an account of the entry's company.")},
            )
        foreign = account.currency if account is not None else None
        if foreign is not None and foreign != account.company.currency and self.currency != foreign:
            raise ValidationError(
                _(
                    "%(account)s takes only items in %(currency)s.",
                    account=account.display_name,
                    currency=foreign.code,
                ),
                fields={"currency": _("Use the account's currency.")},
            )
        if self.currency is not None:
            amount = self.amount_currency
            balance = decimal.Decimal(self.debit or 0) - decimal.Decimal(self.credit or 0)
            if amount is None or (amount and balance and (amount > 0) != (balance > 0)):
                raise ValidationError(
                    _("The amount in currency must be given and have the sign of the balance."),
                    fields={"amount_currency": _("Positive for a debit, negative for a credit.")},
                )

    @constrains("move", *ITEM_FIELDS)
    def _check_entry_not_posted(self) -> None:
        """A posted entry's items neither change nor come in (every path: ORM, forms, the API)."""
        move = self.move
        if move is None or previous_value(move, "state") != "posted":
            return
        changed = {"move"} if is_new(self) else changed_fields(self) - self.POSTED_WRITABLE
        if changed:
            raise ValidationError(
                _(
                    "%(entry)s is posted: its items cannot change. Reverse it and post a correction.",
                    entry=move.display_name,
                ),
                fields=dict.fromkeys(sorted(changed), _("Posted.")),
            )

    def unlink(self) -> None:
        """Delete the item of a draft or cancelled entry.

        Raises:
            UserError: its entry is posted.
        """
        if self.move is not None and self.move.state == "posted":
            raise UserError(
                _("%(entry)s is posted: its items cannot be deleted.", entry=self.move.display_name)
            )
        super().unlink()
