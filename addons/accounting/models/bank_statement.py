"""Bank statements: what a bank (or the cash box) says happened on one of the company's journals.

A statement belongs to a bank or cash journal and holds its lines
(`addons.accounting.models.bank_statement_line`), usually imported from the
bank's CSV file (`addons.accounting.bank_import.import_csv`). Its opening
and closing balances are the file's when it has a balance column, else
computed (the journal's previous statement's closing balance, plus the
lines). It is ``open`` while a line is still to match and ``done`` once
every line produced its payment or entry::

    result = import_csv(env, bank_journal, path.read_bytes())
    result.statement.lines[0].action_accept([invoice.id])   # a payment of the invoice, reconciled
"""

from __future__ import annotations

from typing import Any

from core.errors import UserError
from core.i18n import _
from core.orm import fields
from core.orm.environment import Environment
from core.orm.model import Model

STATES = [("open", "To reconcile"), ("done", "Reconciled")]


class BankStatement(Model, name="accounting.bank_statement"):
    _description = "Bank statement"
    _order = "date desc, id desc"

    name = fields.Char("Reference", required=True)
    journal = fields.Many2one("accounting.journal", required=True, ondelete="restrict", index=True)
    company = fields.Many2one("base.company", related="journal.company", store=True, index=True)
    currency = fields.Many2one("base.currency", required=True, ondelete="restrict")
    date = fields.Date(default=Environment.today, required=True, index=True)
    balance_start = fields.Monetary("Opening balance", currency="currency", default=0)
    balance_end = fields.Monetary("Closing balance", currency="currency", default=0)
    state = fields.Selection(STATES, "Status", default="open", required=True, readonly=True)
    lines = fields.One2many("accounting.bank_statement_line", inverse="statement", label="Transactions")

    @classmethod
    def new(cls, env: Environment, vals: Any) -> BankStatement:
        """A statement in its journal's currency (`statement_currency`) unless given."""
        vals = dict(vals)
        journal = env.record("accounting.journal", vals.get("journal"))
        if vals.get("currency") is None and journal is not None:
            vals["currency"] = statement_currency(journal).id
        return super().new(env, vals)  # type: ignore[return-value]

    def refresh_state(self) -> None:
        """``done`` when no line is left to match, else ``open``."""
        self.state = "done" if all(line.state == "matched" for line in self.lines) else "open"

    def unlink(self) -> None:
        """Delete the statement and its lines, unless a line already produced a payment or an entry.

        Raises:
            UserError: a line is matched.
        """
        if any(line.state == "matched" for line in self.lines):
            raise UserError(_("%(statement)s has reconciled transactions: it is kept.", statement=self.name))
        super().unlink()


def statement_currency(journal: Any) -> Any:
    """The currency a journal's statements are in: its account's, else its company's."""
    account = journal.default_account
    if account is not None and account.currency is not None:
        return account.currency
    return journal.company.currency
