"""The accounting reports, computed by the database: trial balance, general ledger, P&L, balance sheet.

Every report groups the journal items in SQL and never loads them in
Python. Besides one small query for the company currency's decimals, the
trial balance and profit and loss are one grouped query each, the balance
sheet two (accounts, and the unclosed results) plus one for the fiscal
year, the general ledger two (account totals, and one page of items with
their running balance, a window function) plus one for partner names:
whatever the number of items. The statements are ORM statements run as the user, so
their rights and record rules apply (the rules are also added explicitly
where an item table is read in a subquery).

All reports take the same `Filters`: one company (amounts are in its
currency, never added across companies), a date range, journals, analytic
accounts, and posted items only unless ``include_drafts``::

    filters = Filters(company=company.id, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 3, 31))
    rows = trial_balance(env, filters)           # [AccountRow(code="100", opening=..., debit=...), ...]
    page = general_ledger(env, filters, account_ids=[rows[0].account_id], offset=0, limit=80)
    pnl = profit_and_loss(env, filters)          # pnl.net_result
    sheet = balance_sheet(env, filters)          # at filters.date_to

Signs: ``balance`` is debit minus credit. The P&L shows income as a positive
amount and expenses as a positive amount; the balance sheet shows assets,
liabilities and equity each as positive amounts when they have their normal
balance. Year-end closing entries (`addons.accounting.closing`) are left out
of the P&L (so a closed year still shows its result) and kept everywhere
else: after closing, income and expense accounts start the next year at zero.

On SQLite sums of NUMERIC go through floating point; they are rounded back
to the currency, exact for any realistic ledger. PostgreSQL sums exactly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import case
from sqlalchemy import func
from sqlalchemy import literal
from sqlalchemy import or_
from sqlalchemy import select

from addons.accounting.account_types import types_where
from core.orm.environment import Environment
from core.orm.names import display_names

ZERO = decimal.Decimal(0)
REPORTS = {  # name in URLs and menus → title
    "trial_balance": "Trial balance",
    "general_ledger": "General ledger",
    "profit_loss": "Profit and loss",
    "balance_sheet": "Balance sheet",
    "aged_receivable": "Aged receivable",
    "aged_payable": "Aged payable",
    "tax_report": "Tax report",
    "cash_flow": "Cash flow statement",
}
PROFIT_LOSS = types_where(statement="profit_loss")
BALANCE_SHEET = types_where(statement="balance_sheet")


@dataclasses.dataclass(frozen=True)
class Filters:
    """What a report covers. ``date_from``/``date_to`` are both included; None leaves that end open.

    ``partners`` keeps their items only; ``taxes`` the items that are the amount or the base of
    one of them (the drill-down of the aged balances and of the tax report).
    """

    company: int
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    journals: tuple[int, ...] = ()
    analytic_accounts: tuple[int, ...] = ()
    include_drafts: bool = False
    partners: tuple[int, ...] = ()
    taxes: tuple[int, ...] = ()


@dataclasses.dataclass(frozen=True)
class AccountRow:
    """One account's figures: balance before the period, movements in it, balance at its end."""

    account_id: int
    code: str
    name: str
    type: str
    opening: decimal.Decimal
    debit: decimal.Decimal
    credit: decimal.Decimal
    closing: decimal.Decimal
    items: int


@dataclasses.dataclass(frozen=True)
class LedgerItem:
    """A journal item in the general ledger, with the account's balance after it."""

    line_id: int
    move_id: int
    account_id: int
    date: dt.date
    entry: str
    label: str
    partner: str
    debit: decimal.Decimal
    credit: decimal.Decimal
    running_balance: decimal.Decimal


@dataclasses.dataclass(frozen=True)
class GeneralLedger:
    """A page of the general ledger: the accounts it covers (with totals) and the items of the page."""

    accounts: tuple[AccountRow, ...]
    items: tuple[LedgerItem, ...]
    total_items: int
    offset: int
    limit: int


@dataclasses.dataclass(frozen=True)
class Section:
    """A group of accounts in a statement (a nature or a type) with their amounts in the user's sign."""

    key: str
    rows: tuple[tuple[AccountRow, decimal.Decimal], ...]
    total: decimal.Decimal


@dataclasses.dataclass(frozen=True)
class ProfitAndLoss:
    """Income and expenses of the period, by account type, and the result."""

    sections: tuple[Section, ...]
    income: decimal.Decimal
    expenses: decimal.Decimal
    gross_profit: decimal.Decimal

    @property
    def net_result(self) -> decimal.Decimal:
        """Income minus expenses: a profit when positive."""
        return self.income - self.expenses


@dataclasses.dataclass(frozen=True)
class BalanceSheet:
    """Assets, liabilities and equity at a date, and the results not yet closed into equity.

    ``assets == liabilities + equity + current_result + previous_result`` always holds
    when no analytic filter splits entries.
    """

    date: dt.date | None
    year_start: dt.date
    assets: tuple[Section, ...]
    liabilities: tuple[Section, ...]
    equity: tuple[Section, ...]
    total_assets: decimal.Decimal
    total_liabilities: decimal.Decimal
    total_equity: decimal.Decimal
    current_result: decimal.Decimal
    previous_result: decimal.Decimal


class Ledger:
    """The models and shared conditions of one report run; amounts are rounded by the company currency."""

    def __init__(self, env: Environment, filters: Filters) -> None:
        self.env = env
        self.filters = filters
        self.Line = env.registry["accounting.move_line"]
        self.Account = env.registry["accounting.account"]
        self.Move = env.registry["accounting.move"]
        company = env.registry["base.company"]
        currency = env.registry["base.currency"]
        stmt = select(currency.decimal_places).join(company, company.currency_id == currency.id)  # type: ignore[attr-defined]
        places = env.session.scalar(stmt.where(company.id == filters.company))
        self.places = 2 if places is None else int(places)
        self.quantum = decimal.Decimal(1).scaleb(-self.places)

    def money(self, value: Any) -> decimal.Decimal:
        """A sum from the database as a `Decimal` rounded to the company currency."""
        if value is None:
            return ZERO.quantize(self.quantum)
        return decimal.Decimal(str(value)).quantize(self.quantum, rounding=decimal.ROUND_HALF_UP)

    def where(
        self, *, until: dt.date | None = None, since: dt.date | None = None
    ) -> list[ColumnElement[bool]]:
        """The filters' conditions on items (not their dates), plus ``since``/``until`` (both included)."""
        Line, filters = self.Line, self.filters
        states = ("posted", "draft") if filters.include_drafts else ("posted",)
        conditions = [Line.company_id == filters.company, Line.parent_state.in_(states)]
        if filters.journals:
            conditions.append(Line.journal_id.in_(filters.journals))
        if filters.analytic_accounts:
            conditions.append(Line.analytic_account_id.in_(filters.analytic_accounts))
        if filters.partners:
            conditions.append(Line.partner_id.in_(filters.partners))
        if filters.taxes:
            relation = Line._fields["taxes"].relation_table(self.env.registry)
            bases = select(relation.c.line_id).where(relation.c.tax_id.in_(filters.taxes))
            conditions.append(or_(Line.tax_id.in_(filters.taxes), Line.id.in_(bases)))
        if since is not None:
            conditions.append(Line.date >= since)
        if until is not None:
            conditions.append(Line.date <= until)
        rule = None if self.env.su else self.env.access.condition(Line, "read")
        if rule is not None:
            conditions.append(rule)
        return conditions

    def in_period(self) -> ColumnElement[bool]:
        """True for items dated from ``date_from`` on (every item when it is open)."""
        if self.filters.date_from is None:
            return literal(True)
        return self.Line.date >= self.filters.date_from

    def not_closing(self) -> ColumnElement[bool]:
        """True for items of entries other than year-end closing entries."""
        closing = select(self.Move.id).where(self.Move.is_closing.is_(True))
        return self.Line.move_id.not_in(closing)


def trial_balance(env: Environment, filters: Filters, account_ids: Iterable[int] = ()) -> list[AccountRow]:
    """Per account with items up to ``date_to``: opening balance, period debit and credit, closing balance.

    Only accounts with items are listed, by code; ``account_ids`` narrows
    them. The debits and credits of all rows are equal, and their closing
    balances add up to zero. One query.
    """
    return _trial_balance(Ledger(env, filters), account_ids)


def _trial_balance(ledger: Ledger, account_ids: Iterable[int]) -> list[AccountRow]:
    Line, Account = ledger.Line, ledger.Account
    period = ledger.in_period()
    conditions = ledger.where(until=ledger.filters.date_to)
    wanted = list(account_ids)
    if wanted:
        conditions.append(Line.account_id.in_(wanted))
    stmt = (
        select(
            Account.id,
            Account.code,
            Account.name,
            Account.type,
            func.sum(case((period, literal(0)), else_=Line.balance)),
            func.sum(case((period, Line.debit), else_=literal(0))),
            func.sum(case((period, Line.credit), else_=literal(0))),
            func.sum(Line.balance),
            func.sum(case((period, literal(1)), else_=literal(0))),
        )
        .join(Account, Account.id == Line.account_id)
        .where(*conditions)
        .group_by(Account.id, Account.code, Account.name, Account.type)
        .order_by(Account.code, Account.id)
    )
    money = ledger.money
    return [
        AccountRow(
            account, code, name, kind, money(opening), money(debit), money(credit), money(closing), int(items)
        )
        for account, code, name, kind, opening, debit, credit, closing, items in ledger.env.session.execute(
            stmt
        )
    ]


def general_ledger(
    env: Environment, filters: Filters, account_ids: Iterable[int] = (), *, offset: int = 0, limit: int = 80
) -> GeneralLedger:
    """The items of the period, account by account (by code), then by date and entry, one page at a time.

    Each item carries the account's balance after it: its opening balance
    plus the running sum of the period's items, computed by a window function
    over the whole period, so a page in the middle shows the right figures.
    """
    ledger = Ledger(env, filters)
    shown = [row for row in _trial_balance(ledger, account_ids) if row.items]
    Line, Account, Move = ledger.Line, ledger.Account, ledger.Move
    openings = {row.account_id: row.opening for row in shown}
    order = (Line.date, Line.move_id, Line.id)
    running = func.sum(Line.balance).over(partition_by=Line.account_id, order_by=order)
    inner = (
        select(
            Line.id.label("line_id"),
            Line.move_id.label("move_id"),
            Line.account_id.label("account_id"),
            Account.code.label("code"),
            Line.date.label("date"),
            Move.name.label("entry"),
            Line.name.label("label"),
            Line.partner_id.label("partner_id"),
            Line.debit.label("debit"),
            Line.credit.label("credit"),
            running.label("running"),
        )
        .join(Account, Account.id == Line.account_id)
        .join(Move, Move.id == Line.move_id)
        .where(*ledger.where(since=filters.date_from, until=filters.date_to))
    )
    if shown:
        inner = inner.where(Line.account_id.in_([row.account_id for row in shown]))
    page = inner.subquery()
    stmt = (
        select(page)
        .order_by(page.c.code, page.c.account_id, page.c.date, page.c.move_id, page.c.line_id)
        .offset(offset)
        .limit(limit)
    )
    rows = list(env.session.execute(stmt)) if shown else []
    partners = display_names(env, env.registry["base.partner"], [row.partner_id for row in rows])
    items = tuple(
        LedgerItem(
            row.line_id,
            row.move_id,
            row.account_id,
            row.date,
            row.entry or "",
            row.label or "",
            partners.get(row.partner_id, ""),
            ledger.money(row.debit),
            ledger.money(row.credit),
            openings[row.account_id] + ledger.money(row.running),
        )
        for row in rows
    )
    return GeneralLedger(tuple(shown), items, sum(row.items for row in shown), offset, limit)


def _account_balances(
    ledger: Ledger, types: Sequence[str], conditions: list[ColumnElement[bool]]
) -> list[AccountRow]:
    """One row per account of ``types`` with items matching ``conditions``: its summed balance as closing."""
    Line, Account = ledger.Line, ledger.Account
    stmt = (
        select(Account.id, Account.code, Account.name, Account.type, func.sum(Line.balance), func.count())
        .join(Account, Account.id == Line.account_id)
        .where(Account.type.in_(types), *conditions)
        .group_by(Account.id, Account.code, Account.name, Account.type)
        .order_by(Account.code, Account.id)
    )
    zero = ZERO.quantize(ledger.quantum)
    return [
        AccountRow(account_id, code, name, kind, zero, zero, zero, ledger.money(balance), int(count))
        for account_id, code, name, kind, balance, count in ledger.env.session.execute(stmt)
    ]


def _sections(rows: Sequence[AccountRow], keys: Sequence[str], sign: int, key_of: Any) -> tuple[Section, ...]:
    """``rows`` grouped into one `Section` per key (in ``keys`` order, empty ones left out)."""
    sections = []
    for key in keys:
        members = tuple((row, row.closing * sign) for row in rows if key_of(row) == key)
        if members:
            sections.append(Section(key, members, sum((amount for _, amount in members), ZERO)))
    return tuple(sections)


def profit_and_loss(env: Environment, filters: Filters) -> ProfitAndLoss:
    """Movements of income and expense accounts between the dates, by type, closing entries left out.

    One query.
    """
    ledger = Ledger(env, filters)
    conditions = [*ledger.where(since=filters.date_from, until=filters.date_to), ledger.not_closing()]
    rows = _account_balances(ledger, PROFIT_LOSS, conditions)
    income_types = types_where(nature="income")
    expense_types = types_where(nature="expense")
    sections = _sections(rows, income_types, -1, lambda row: row.type) + _sections(
        rows, expense_types, 1, lambda row: row.type
    )
    totals = {section.key: section.total for section in sections}
    income = sum((totals.get(kind, ZERO) for kind in income_types), ZERO)
    expenses = sum((totals.get(kind, ZERO) for kind in expense_types), ZERO)
    gross = totals.get("income", ZERO) - totals.get("cost_of_goods_sold", ZERO)
    return ProfitAndLoss(sections, income, expenses, gross)


def year_start(env: Environment, company: int, day: dt.date | None) -> dt.date:
    """The first day of the company's fiscal year holding ``day`` (default today); January 1st without one."""
    day = day or env.today()
    FiscalYear = env.registry["accounting.fiscal_year"]
    stmt = select(FiscalYear.date_from).where(
        FiscalYear.company_id == company, FiscalYear.date_from <= day, FiscalYear.date_to >= day
    )
    found = env.session.scalar(stmt.limit(1))
    return found or dt.date(day.year, 1, 1)


def balance_sheet(env: Environment, filters: Filters) -> BalanceSheet:
    """Balances of asset, liability and equity accounts at ``date_to`` (``date_from`` is ignored),
    and the income and expense not yet closed into equity: this fiscal year's and earlier years'.
    Two queries, and one for the fiscal year."""
    ledger = Ledger(env, filters)
    start = year_start(env, filters.company, filters.date_to)
    conditions = ledger.where(until=filters.date_to)
    rows = _account_balances(ledger, BALANCE_SHEET, conditions)
    Line, Account = ledger.Line, ledger.Account
    this_year = Line.date >= start
    stmt = (
        select(
            func.sum(case((this_year, Line.balance), else_=literal(0))),
            func.sum(case((this_year, literal(0)), else_=Line.balance)),
        )
        .join(Account, Account.id == Line.account_id)
        .where(Account.type.in_(PROFIT_LOSS), *conditions)
    )
    current, previous = env.session.execute(stmt).one()
    assets = _sections(rows, types_where(nature="asset"), 1, lambda row: row.type)
    liabilities = _sections(rows, types_where(nature="liability"), -1, lambda row: row.type)
    equity = _sections(rows, types_where(nature="equity"), -1, lambda row: row.type)
    return BalanceSheet(
        date=filters.date_to,
        year_start=start,
        assets=assets,
        liabilities=liabilities,
        equity=equity,
        total_assets=sum((section.total for section in assets), ZERO),
        total_liabilities=sum((section.total for section in liabilities), ZERO),
        total_equity=sum((section.total for section in equity), ZERO),
        current_result=-ledger.money(current),
        previous_result=-ledger.money(previous),
    )


def closing_balances(
    env: Environment, company: int, date_from: dt.date, date_to: dt.date
) -> dict[int, decimal.Decimal]:
    """Posted balances of the company's income and expense accounts between the dates, closing entries
    left out: what closing the fiscal year moves to equity (`addons.accounting.closing`). One query."""
    ledger = Ledger(env, Filters(company=company, date_from=date_from, date_to=date_to))
    conditions = [*ledger.where(since=date_from, until=date_to), ledger.not_closing()]
    return {row.account_id: row.closing for row in _account_balances(ledger, PROFIT_LOSS, conditions)}
