"""Partner balances: what customers owe the company now, and how much of it is overdue, in SQL.

What a partner owes counts their own items and their contacts' (an invoice
addressed to a company's buyer is the company's debt): the open amounts
(`MoveLine.amount_residual`) of posted items on receivable accounts, in the
company currency. Overdue is the part due before ``day``; unmatched
payments and credit notes count against both. One grouped query for any
number of partners, run as the caller (sales checks credit limits with
it, as the system)::

    balances = partner_balances(env, [customer.id], company.id, env.today())
    balances[customer.id].receivable, balances[customer.id].overdue
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
from collections.abc import Iterable

from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import literal
from sqlalchemy import or_
from sqlalchemy import select

from addons.accounting.account_types import types_where
from addons.accounting.reporting import Filters
from addons.accounting.reporting import Ledger
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)


@dataclasses.dataclass(frozen=True)
class PartnerBalance:
    """What a partner owes the company (``receivable``), and the part of it due before the day."""

    receivable: decimal.Decimal
    overdue: decimal.Decimal


def partner_balances(
    env: Environment, partner_ids: Iterable[int], company_id: int, day: dt.date
) -> dict[int, PartnerBalance]:
    """Per partner of ``partner_ids`` (all of them, zero when nothing is open), their balance in
    ``company_id`` on ``day``, their contacts' items included."""
    wanted = sorted(set(partner_ids))
    if not wanted:
        return {}
    ledger = Ledger(env, Filters(company=company_id))
    Line, Account = ledger.Line, ledger.Account
    Partner = env.registry["base.partner"]
    due = func.coalesce(Line.date_maturity, Line.date)
    stmt = (
        select(
            Line.partner_id,
            Partner.parent_id,
            func.sum(Line.amount_residual),
            func.sum(case((due < day, Line.amount_residual), else_=literal(0))),
        )
        .join(Account, Account.id == Line.account_id)
        .join(Partner, Partner.id == Line.partner_id)
        .where(
            Account.type.in_(types_where(role="receivable")),
            or_(Line.partner_id.in_(wanted), Partner.parent_id.in_(wanted)),
            *ledger.where(),
        )
        .group_by(Line.partner_id, Partner.parent_id)
    )
    sums: dict[int, list[decimal.Decimal]] = {partner: [ZERO, ZERO] for partner in wanted}
    for partner, parent, receivable, overdue in env.session.execute(stmt):
        for owner in {partner, parent} & sums.keys():  # their own items, and their contacts'
            sums[owner][0] += ledger.money(receivable)
            sums[owner][1] += ledger.money(overdue)
    quantum = ledger.quantum
    return {
        partner: PartnerBalance(owed.quantize(quantum), late.quantize(quantum))
        for partner, (owed, late) in sums.items()
    }
