"""Aged receivables and payables: what each partner owed at a date, by how late it was.

An item's open amount *at a date* is its balance less what was matched with
it by partial reconciliations counting by then: a match counts from its
``max_date``, the later of its two items' dates (the day the payment, credit
note or exchange difference existed in the books), whenever the match was
made. So a payment dated 10 March matched on 20 March settles the invoice
in a report at 15 March, and one dated 20 March does not, even when matched
before the report is run. With that rule the open amounts at a date add up,
per partner and in total, to the balance of the receivable (payable)
accounts at that date: the aged balance agrees with the trial balance.

Open amounts fall into buckets by their due date (``date_maturity``, else
the item's date) against the report date: not due yet (due on or after it),
1–30, 31–60, 61–90 and over 90 days late. One grouped query whatever the
number of items, run as the user (rights and company rules apply)::

    aged = aged_balance(env, Filters(company=company.id, date_to=dt.date(2026, 3, 31)), "receivable")
    aged.rows[0].amounts     # (not due, 1–30, 31–60, 61–90, over 90)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal

from sqlalchemy import ColumnElement
from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import literal
from sqlalchemy import select

from addons.accounting.account_types import types_where
from addons.accounting.reporting import Filters
from addons.accounting.reporting import Ledger
from core.i18n import _
from core.orm.environment import Environment
from core.orm.names import display_names

ZERO = decimal.Decimal(0)
BUCKETS = ("Not due", "1–30", "31–60", "61–90", "Over 90")
LATE_BY = (0, 30, 60, 90)  # the first day late of each bucket after "not due", less one


def bucket_labels() -> tuple[str, ...]:
    """The headings of `BUCKETS` in the user's language."""
    return (_("Not due"), _("1–30"), _("31–60"), _("61–90"), _("Over 90"))


@dataclasses.dataclass(frozen=True)
class AgedRow:
    """One partner's open amounts by bucket (`BUCKETS`), in the company currency, and their total."""

    partner_id: int | None
    partner: str
    amounts: tuple[decimal.Decimal, ...]

    @property
    def total(self) -> decimal.Decimal:
        return sum(self.amounts, ZERO)


@dataclasses.dataclass(frozen=True)
class AgedBalance:
    """The aged balance at ``date``: rows by partner name, and the totals of each bucket."""

    date: dt.date
    role: str
    rows: tuple[AgedRow, ...]
    totals: tuple[decimal.Decimal, ...]
    account_ids: tuple[int, ...]

    @property
    def total(self) -> decimal.Decimal:
        return sum(self.totals, ZERO)


def open_amount(ledger: Ledger, day: dt.date) -> ColumnElement[decimal.Decimal]:
    """An item's open amount at ``day`` (debit positive), for a statement selecting from the items:
    its balance less the matches counting by then. Adds nothing to the statement but two correlated
    subqueries."""
    env = ledger.env
    Line, Partial = ledger.Line, env.registry["accounting.partial_reconcile"]
    rule = None if env.su else env.access.condition(Partial, "read")
    counted = [Partial.max_date <= day, *([rule] if rule is not None else [])]
    as_debit = select(func.coalesce(func.sum(Partial.amount), 0)).where(
        Partial.debit_line_id == Line.id, *counted
    )
    as_credit = select(func.coalesce(func.sum(Partial.amount), 0)).where(
        Partial.credit_line_id == Line.id, *counted
    )
    return Line.balance - as_debit.scalar_subquery() + as_credit.scalar_subquery()


def aged_balance(env: Environment, filters: Filters, role: str = "receivable") -> AgedBalance:
    """Per partner, what was open at ``filters.date_to`` (default today) on the accounts of ``role``
    (``receivable`` or ``payable``, shown as positive amounts owed), by how late it was.

    ``date_from`` is ignored: every item up to the date counts. Partners with
    nothing open are left out. One grouped query, and one each for the accounts, the partners' names
    and the currency's decimals.
    """
    ledger = Ledger(env, filters)
    day = filters.date_to or env.today()
    Line, Account = ledger.Line, ledger.Account
    types = types_where(role=role)
    accounts = env.session.scalars(
        select(Account.id)
        .where(Account.company_id == filters.company, Account.type.in_(types))
        .order_by(Account.id)
    ).all()
    amount = open_amount(ledger, day) * (1 if role == "receivable" else -1)
    due = func.coalesce(Line.date_maturity, Line.date)
    buckets = [func.sum(case((due >= day, amount), else_=literal(0)))]
    bounds = [*LATE_BY[1:], None]
    for start, end in zip(LATE_BY, bounds, strict=True):
        late = due < day - dt.timedelta(days=start)
        if end is not None:
            late = late & (due >= day - dt.timedelta(days=end))
        buckets.append(func.sum(case((late, amount), else_=literal(0))))
    stmt = (
        select(Line.partner_id, *buckets)
        .join(Account, Account.id == Line.account_id)
        .where(Account.type.in_(types), *ledger.where(until=day))
        .group_by(Line.partner_id)
    )
    found = [
        (partner, tuple(ledger.money(value) for value in values))
        for partner, *values in env.session.execute(stmt)
    ]
    found = [(partner, amounts) for partner, amounts in found if any(amounts)]
    names = display_names(env, env.registry["base.partner"], [partner for partner, _ in found if partner])
    rows = sorted(
        (AgedRow(partner, names.get(partner, "") if partner else "", amounts) for partner, amounts in found),
        key=lambda row: (row.partner.casefold(), row.partner_id or 0),
    )
    totals = tuple(sum((row.amounts[index] for row in rows), ZERO) for index in range(len(BUCKETS)))
    return AgedBalance(day, role, tuple(rows), totals, tuple(accounts))
