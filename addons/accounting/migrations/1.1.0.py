"""1.1.0: invoices, payments and reconciliation. Items posted before have nothing matched yet, so what
is open of them is their whole balance (on accounts that are reconciled; nothing on the others)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case
from sqlalchemy import select

from core.orm.environment import Environment


def migrate(op: Any, env: Environment) -> None:
    lines = env.registry["accounting.move_line"]._table
    accounts = env.registry["accounting.account"]._table
    reconciled_accounts = select(accounts.c.id).where(accounts.c.reconcile.is_(True))
    on_them = lines.c.account_id.in_(reconciled_accounts)
    env.session.execute(
        lines.update().values(
            amount_residual=case((on_them, lines.c.debit - lines.c.credit), else_=0),
            amount_residual_currency=case((on_them, lines.c.amount_currency), else_=None),
            reconciled=on_them & (lines.c.debit == lines.c.credit),
            tax_refund=False,
        )
    )
