"""The cash flow statement, direct method: where the money of the bank and cash accounts came from.

Cash is what the liquidity accounts hold (types ``bank`` and ``cash``,
`addons.accounting.account_types`). Every entry of the period touching one
of them moved cash; its other items (the counterparts) say why, by their
account's type:

==========================  ===========  ==================================
counterpart type            activity     line
==========================  ===========  ==================================
receivable                  operating    received from customers
payable                     operating    paid to vendors
income, other_income        operating    other income received
cost_of_goods_sold, expense operating    expenses paid
current_assets,             operating    taxes and other current items
current_liabilities
fixed_assets                investing    fixed assets bought and sold
non_current_liabilities     financing    long-term borrowing and repayment
equity                      financing    capital and distributions
==========================  ===========  ==================================

An entry balances, so minus the balance of its counterparts is exactly what
it moved on the liquidity accounts: the lines add up to the net change of
cash, and opening cash plus that change is the closing cash, the liquidity
accounts' balance in the trial balance. A transfer from one bank account to
another has no counterpart and changes nothing. Three queries (the
currency's decimals, the opening and closing cash, the counterparts grouped
by type), run as the user with the same `Filters` as the other reports::

    quarter = Filters(company=company.id, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 3, 31))
    flow = cash_flow(env, quarter)
    flow.opening + flow.net_change == flow.closing
"""

from __future__ import annotations

import dataclasses
import decimal

from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import literal
from sqlalchemy import select
from sqlalchemy.orm import aliased

from addons.accounting.account_types import types_where
from addons.accounting.reporting import Filters
from addons.accounting.reporting import Ledger
from core.i18n import _
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)
LIQUIDITY = types_where(role="liquidity")
ACTIVITIES = ("operating", "investing", "financing")
# (activity, key, the account types feeding it), in the order the statement shows them.
LINES = (
    ("operating", "customers", ("receivable",)),
    ("operating", "vendors", ("payable",)),
    ("operating", "income", ("income", "other_income")),
    ("operating", "expenses", ("cost_of_goods_sold", "expense")),
    ("operating", "current", ("current_assets", "current_liabilities")),
    ("investing", "fixed_assets", ("fixed_assets",)),
    ("financing", "borrowing", ("non_current_liabilities",)),
    ("financing", "equity", ("equity",)),
)


def labels() -> dict[str, str]:
    """What users read for each line key, activity and activity total, in their language."""
    return {
        "customers": _("Received from customers"),
        "vendors": _("Paid to vendors"),
        "income": _("Other income received"),
        "expenses": _("Expenses paid"),
        "current": _("Taxes and other current items"),
        "fixed_assets": _("Fixed assets bought and sold"),
        "borrowing": _("Long-term borrowing and repayment"),
        "equity": _("Capital and distributions"),
        "operating": _("Operating activities"),
        "investing": _("Investing activities"),
        "financing": _("Financing activities"),
        "operating_total": _("Net cash from operating activities"),
        "investing_total": _("Net cash from investing activities"),
        "financing_total": _("Net cash from financing activities"),
    }


@dataclasses.dataclass(frozen=True)
class FlowLine:
    """A line of the statement: cash in (positive) or out (negative) for one reason."""

    activity: str
    key: str
    types: tuple[str, ...]
    amount: decimal.Decimal


@dataclasses.dataclass(frozen=True)
class CashFlow:
    """The statement of a period: cash at its start, each line, cash at its end."""

    opening: decimal.Decimal
    lines: tuple[FlowLine, ...]
    closing: decimal.Decimal

    @property
    def net_change(self) -> decimal.Decimal:
        """The sum of the lines: closing minus opening cash."""
        return sum((line.amount for line in self.lines), ZERO)

    def total(self, activity: str) -> decimal.Decimal:
        """The net cash of one activity (``operating``, ``investing``, ``financing``)."""
        return sum((line.amount for line in self.lines if line.activity == activity), ZERO)


def cash_flow(env: Environment, filters: Filters) -> CashFlow:
    """The cash flow statement between ``filters.date_from`` and ``date_to`` (both included; open ends
    take everything before or after), every line listed, zero or not. Three queries."""
    ledger = Ledger(env, filters)
    Line, Account = ledger.Line, ledger.Account
    period = ledger.in_period()
    cash = (
        select(
            func.sum(case((period, literal(0)), else_=Line.balance)),
            func.sum(Line.balance),
        )
        .join(Account, Account.id == Line.account_id)
        .where(Account.type.in_(LIQUIDITY), *ledger.where(until=filters.date_to))
    )
    opening, closing = env.session.execute(cash).one()
    # The entries moving cash: aliases of the models, each restricted by the user's rules on its own rows.
    items, accounts = aliased(Line, name="cash_item"), aliased(Account, name="cash_account")
    moving = (
        select(items.move_id)
        .join(accounts, accounts.id == items.account_id)
        .where(accounts.type.in_(LIQUIDITY), items.company_id == filters.company)
    )
    counterparts = (
        select(Account.type, func.sum(Line.balance))
        .join(Account, Account.id == Line.account_id)
        .where(
            Account.type.not_in(LIQUIDITY),
            Line.move_id.in_(moving),
            *ledger.where(since=filters.date_from, until=filters.date_to),
        )
        .group_by(Account.type)
    )
    by_type = {kind: -ledger.money(balance) for kind, balance in env.session.execute(counterparts)}
    lines = tuple(
        FlowLine(activity, key, types, sum((by_type.get(kind, ZERO) for kind in types), ZERO))
        for activity, key, types in LINES
    )
    return CashFlow(ledger.money(opening), lines, ledger.money(closing))
