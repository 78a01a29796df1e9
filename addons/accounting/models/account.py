"""Accounts: the chart of accounts of a company, one row per ledger account (``120 Alıcılar``).

An account's ``code`` is unique within its company; its ``type`` (see
`addons.accounting.account_types`) decides where reports put it. Accounts
are usually made by loading a chart template (`addons.accounting.charts`).
A deprecated account stays in the books and reports but takes no new
postings. An account with a ``currency`` takes only lines in that currency
(a USD bank account). ``reconcile`` marks the accounts whose open items are
matched with payments (receivables, payables): it defaults from the type.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from addons.accounting.account_types import ACCOUNT_TYPES
from addons.accounting.account_types import SELECTION
from core.base.models.company import current_company
from core.orm import fields
from core.orm.constraints import Unique
from core.orm.environment import Environment
from core.orm.model import Model

RECONCILED_ROLES = ("receivable", "payable")


class Account(Model, name="accounting.account"):
    _description = "Account"
    _order = "code, id"
    _rec_name = "full_name"
    _sql_constraints = (Unique("code", "company", message="Another account of this company has this code."),)

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True)
    full_name = fields.Char("Account", store=True, readonly=True)
    type = fields.Selection(SELECTION, required=True, index=True)
    reconcile = fields.Boolean(
        "Allow reconciliation", help="Open items are matched with payments (receivables, payables)."
    )
    currency = fields.Many2one(
        "base.currency", "Account currency", help="Lines of this account must be in this currency."
    )
    deprecated = fields.Boolean(help="Kept for the books and reports; takes no new postings.")
    company = fields.Many2one("base.company", default=current_company, required=True, index=True)
    note = fields.Text()

    @full_name.computed_from("code", "name")
    def _compute_full_name(self) -> None:
        self.full_name = f"{self.code or ''} {self.name or ''}".strip()

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Account:
        """An account; ``reconcile`` defaults to true for receivable and payable types."""
        vals = dict(vals)
        if "reconcile" not in vals:
            kind = ACCOUNT_TYPES.get(vals.get("type") or "")
            vals["reconcile"] = kind is not None and kind.role in RECONCILED_ROLES
        return super().new(env, vals)  # type: ignore[return-value]
