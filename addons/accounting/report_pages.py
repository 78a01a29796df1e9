"""The reports as pages and files: ``/accounting/reports/<report>`` and ``.../export.csv|.xlsx|.json``.

Each report (`addons.accounting.reporting.REPORTS`) is computed by `addons.accounting.reporting` as the
logged-in user, so their rights and rules apply (a user without accounting
rights gets 403), and laid out as one `Table` that the page shows and the
export writes, with the kernel's CSV and XLSX writers
(`core.web.pages.export`: typed cells, formula-safe text). ``export.json`` gives
integrations the same table (`to_json`), with an API key or a session::

    GET /accounting/reports/trial_balance?date_from=2026-01-01&date_to=2026-03-31&journal=4&drafts=1
    GET /accounting/reports/general_ledger?account=12&date_from=2026-01-01&page=2
    GET /accounting/reports/profit_loss/export.xlsx?analytic=3
    GET /accounting/reports/balance_sheet?date_to=2026-03-31&company=2
    GET /accounting/reports/aged_receivable?date_to=2026-03-31
    GET /accounting/reports/tax_report?date_from=2026-03-01&date_to=2026-03-31
    GET /accounting/reports/profit_loss/export.json?date_from=2026-01-01   (Authorization: Bearer tsk_…)
    GET /accounting/reports/cash_flow?date_from=2026-01-01&date_to=2026-03-31

Parameters: ``company`` (one of the user's companies, default the current
one), ``date_from`` and ``date_to`` (ISO dates, default the fiscal year
to today), ``journal`` and ``analytic`` (ids, repeatable), ``drafts=1`` to
include draft entries; the general ledger also takes ``account``,
``partner`` and ``tax`` (ids, repeatable) and ``page``. A wrong value
answers 400 naming it. Every account row links to the general ledger of
that account with the same filters (the drill-down), every ledger item to
its journal entry, every partner of the aged balances to their items on
the receivable (payable) accounts, every tax to the items it is the base or
the amount of. The balance sheet and the aged balances are at ``date_to``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import json
from collections.abc import Sequence
from typing import Any

from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import NotFound
from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from addons.accounting import aging
from addons.accounting import cash_flow
from addons.accounting import reporting
from addons.accounting import tax_report
from addons.accounting.account_types import ACCOUNT_TYPES
from addons.accounting.reporting import REPORTS
from addons.accounting.reporting import Filters
from core.i18n import _
from core.orm.environment import Environment
from core.web import Request
from core.web.pages.export import MAX_ROWS
from core.web.pages.export import XLSX_TYPE
from core.web.pages.export import Cell
from core.web.pages.export import to_csv
from core.web.pages.export import to_xlsx
from core.web.pages.urls import query_string
from core.web.pages.urls import record_url

FORMATS = ("csv", "xlsx", "json")
PAGE_SIZE = 80
TEMPLATE = "accounting/report.html"
AT_A_DATE = ("balance_sheet", "aged_receivable", "aged_payable")  # reports without a start date


@dataclasses.dataclass(frozen=True)
class Column:
    """A column of a report: its heading, and whether it holds amounts of money."""

    label: str
    money: bool = False


@dataclasses.dataclass(frozen=True)
class Row:
    """A row: ``kind`` is ``heading``, ``account``, ``item`` or ``total``; ``link`` is its drill-down."""

    cells: tuple[Cell, ...]
    kind: str = "account"
    link: str | None = None


@dataclasses.dataclass(frozen=True)
class Table:
    """A report laid out for the page and the export."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    pages: tuple[int, int] | None = None  # (page, last page) of the general ledger
    note: str = ""
    link_column: int = 1  # the cell holding the drill-down link


@dataclasses.dataclass(frozen=True)
class ReportQuery:
    """What the URL asks for: the report's filters, the ledger's accounts and page."""

    report: str
    filters: Filters
    accounts: tuple[int, ...] = ()
    page: int = 1

    def params(self, **changes: Any) -> dict[str, Any]:
        """The query parameters of this report, with ``changes``."""
        filters = self.filters
        params: dict[str, Any] = {
            "company": filters.company,
            "date_from": filters.date_from.isoformat() if filters.date_from else None,
            "date_to": filters.date_to.isoformat() if filters.date_to else None,
            "journal": [str(i) for i in filters.journals],
            "analytic": [str(i) for i in filters.analytic_accounts],
            "partner": [str(i) for i in filters.partners],
            "tax": [str(i) for i in filters.taxes],
            "drafts": "1" if filters.include_drafts else None,
            "account": [str(i) for i in self.accounts],
            "page": self.page if self.page > 1 else None,
        }
        params.update(changes)
        return params

    def url(self, report: str | None = None, suffix: str = "", **changes: Any) -> str:
        """The address of ``report`` (this one by default) with this query and ``changes``."""
        query = query_string(self.params(**changes))
        return f"/accounting/reports/{report or self.report}{suffix}" + (f"?{query}" if query else "")

    def ledger_of(self, account_id: int, date_from: dt.date | None = None) -> str:
        """The drill-down: the general ledger of one account with these filters."""
        start = date_from or self.filters.date_from
        return self.url(
            "general_ledger",
            account=[str(account_id)],
            page=None,
            date_from=start.isoformat() if start else None,
        )

    def ledger_where(self, **changes: Any) -> str:
        """The drill-down of the aged balances and the tax report: the general ledger with ``changes``."""
        return self.url(
            "general_ledger", **{"page": None, "account": [], "partner": [], "tax": [], **changes}
        )


def rules() -> list[Rule]:
    """The URL rules, for the ``register_routes`` hook."""
    return [
        Rule("/accounting/reports/<report>", endpoint=show, methods=["GET"]),
        Rule("/accounting/reports/<report>/export.<kind>", endpoint=download, methods=["GET"]),
    ]


def show(request: Request, report: str, **values: Any) -> Response:
    """The report as a page, with its filters and export links."""
    env = request.env
    query = parse_query(env, report, request.args)
    table = build(env, query, whole=False)
    return request.app.render(
        request,
        TEMPLATE,
        title=_(REPORTS[report]),
        query=query,
        table=table,
        places=reporting.Ledger(env, query.filters).places,
        choices=choices(env, query.filters.company),
        reports=REPORTS,
        at_a_date=AT_A_DATE,
    )


def download(request: Request, report: str, kind: str, **values: Any) -> Response:
    """The report as a CSV, XLSX or JSON file (the general ledger whole, not one page)."""
    if kind not in FORMATS:
        raise NotFound(_("Reports export as CSV, XLSX or JSON."))
    env = request.env
    query = parse_query(env, report, request.args)
    table = build(env, query, whole=True)
    headers = [column.label for column in table.columns]
    rows = [list(row.cells) for row in table.rows]
    if kind == "json":
        return Response(to_json(report, query, table), mimetype="application/json")
    if kind == "csv":
        body, mimetype = to_csv(headers, rows), "text/csv"
    else:
        places = reporting.Ledger(env, query.filters).places
        money = [places if column.money else None for column in table.columns]
        body, mimetype = to_xlsx(_(REPORTS[report]), headers, rows, money), XLSX_TYPE
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{report}.{kind}"'
    return response


def to_json(report: str, query: ReportQuery, table: Table) -> str:
    """The table for programs: the filters, the columns, and each row's kind and cells.

    Amounts are strings (``"1234.50"``), so no client reads them as floats;
    dates are ISO. A row's ``link`` is its drill-down, relative to the server.
    """

    def cell(value: Cell) -> Any:
        if isinstance(value, decimal.Decimal):
            return str(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    filters = query.filters
    return json.dumps(
        {
            "report": report,
            "title": _(REPORTS[report]),
            "company": filters.company,
            "date_from": filters.date_from.isoformat() if filters.date_from else None,
            "date_to": filters.date_to.isoformat() if filters.date_to else None,
            "columns": [{"label": column.label, "money": column.money} for column in table.columns],
            "rows": [
                {"kind": row.kind, "cells": [cell(value) for value in row.cells], "link": row.link}
                for row in table.rows
            ],
        },
        ensure_ascii=False,
    )


# -- the query ------------------------------------------------------------------------------


def parse_query(env: Environment, report: str, args: MultiDict[str, str]) -> ReportQuery:
    """The report and filters ``args`` ask for.

    Raises:
        NotFound: no such report, or the company is not one of the user's.
        BadRequest: a date, an id or the page is not valid.
        AccessError: the user may not read journal items (403).
    """
    if report not in REPORTS:
        raise NotFound(_("There is no accounting report named %(name)s.", name=report))
    if not env.su:
        env.access.check(env.registry["accounting.move_line"], "read")
    allowed = env.access.values["@companies"]
    company = _ids(args, "company")[:1] or [env.access.values["@company"]]
    if not env.su and company[0] not in allowed:
        raise NotFound(_("You do not work in this company."))
    date_to = _date(args, "date_to") or env.today()
    date_from = _date(args, "date_from")
    if "date_from" not in args:
        date_from = reporting.year_start(env, company[0], date_to)
    page = _ids(args, "page")[:1] or [1]
    filters = Filters(
        company=company[0],
        date_from=None if report in AT_A_DATE else date_from,
        date_to=date_to,
        journals=tuple(_ids(args, "journal")),
        analytic_accounts=tuple(_ids(args, "analytic")),
        include_drafts=args.get("drafts") == "1",
        partners=tuple(_ids(args, "partner")),
        taxes=tuple(_ids(args, "tax")),
    )
    return ReportQuery(report, filters, tuple(_ids(args, "account")), max(page[0], 1))


def _date(args: MultiDict[str, str], name: str) -> dt.date | None:
    text = args.get(name, "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadRequest(_("%(name)s: expected a date like 2026-03-31.", name=name)) from None


def _ids(args: MultiDict[str, str], name: str) -> list[int]:
    values = [value for value in args.getlist(name) if value != ""]
    if not all(value.isascii() and value.isdigit() and int(value) < 2**31 for value in values):
        raise BadRequest(_("%(name)s: expected whole numbers.", name=name))
    return [int(value) for value in values]


def choices(env: Environment, company: int) -> dict[str, list[tuple[int, str]]]:
    """What the filter form offers: the user's companies, and the company's journals and analytic accounts."""
    return {
        "company": [
            (c.id, c.name)
            for c in env["base.company"].search([("id", "in", env.access.values["@companies"])])
        ],
        "journal": [
            (j.id, f"{j.code} {j.name}")
            for j in env["accounting.journal"].search([("company", "=", company)])
        ],
        "analytic": [
            (a.id, a.name) for a in env["accounting.analytic_account"].search([("company", "=", company)])
        ],
    }


# -- the tables -------------------------------------------------------------------------------


def build(env: Environment, query: ReportQuery, *, whole: bool) -> Table:
    """The table of ``query``'s report: the general ledger's page, or all of it when ``whole`` (exports)."""
    builders = {
        "trial_balance": trial_balance_table,
        "general_ledger": general_ledger_table,
        "profit_loss": profit_loss_table,
        "balance_sheet": balance_sheet_table,
        "aged_receivable": aged_table,
        "aged_payable": aged_table,
        "tax_report": tax_table,
        "cash_flow": cash_flow_table,
    }
    return builders[query.report](env, query, whole)


def trial_balance_table(env: Environment, query: ReportQuery, whole: bool) -> Table:
    rows = reporting.trial_balance(env, query.filters)
    columns = (
        Column(_("Code")),
        Column(_("Account")),
        Column(_("Opening balance"), money=True),
        Column(_("Debit"), money=True),
        Column(_("Credit"), money=True),
        Column(_("Closing balance"), money=True),
    )
    lines = [
        Row(
            (row.code, row.name, row.opening, row.debit, row.credit, row.closing),
            link=query.ledger_of(row.account_id),
        )
        for row in rows
    ]
    totals = [_total(row.opening for row in rows), _total(row.debit for row in rows)]
    totals += [_total(row.credit for row in rows), _total(row.closing for row in rows)]
    lines.append(Row((None, _("Total"), *totals), kind="total"))
    return Table(columns, tuple(lines))


def general_ledger_table(env: Environment, query: ReportQuery, whole: bool) -> Table:
    limit = MAX_ROWS if whole else PAGE_SIZE
    offset = 0 if whole else (query.page - 1) * limit
    ledger = reporting.general_ledger(env, query.filters, query.accounts, offset=offset, limit=limit)
    if whole and ledger.total_items > limit:
        raise BadRequest(
            _(
                "The ledger has %(count)s items: narrow the dates or accounts to export it.",
                count=ledger.total_items,
            )
        )
    columns = (
        Column(_("Date")),
        Column(_("Entry")),
        Column(_("Partner")),
        Column(_("Label")),
        Column(_("Debit"), money=True),
        Column(_("Credit"), money=True),
        Column(_("Balance"), money=True),
    )
    accounts = {row.account_id: row for row in ledger.accounts}
    lines: list[Row] = []
    current = None
    for item in ledger.items:
        if item.account_id != current:
            current = item.account_id
            account = accounts[current]
            heading = (
                None,
                f"{account.code} {account.name}",
                None,
                _("Opening balance"),
                None,
                None,
                account.opening,
            )
            lines.append(Row(heading, kind="heading", link=query.ledger_of(current)))
        cells = (
            item.date,
            item.entry,
            item.partner,
            item.label,
            item.debit,
            item.credit,
            item.running_balance,
        )
        lines.append(Row(cells, kind="item", link=record_url("accounting.move", item.move_id)))
    last = max(1, -(-ledger.total_items // limit))
    return Table(columns, tuple(lines), pages=(query.page, last))


def _section_rows(
    query: ReportQuery, sections: Sequence[reporting.Section], start: dt.date | None, headed: bool = True
) -> list[Row]:
    """The account rows of ``sections``, each section under its type's heading and over its total."""
    lines = []
    for section in sections:
        label = _(ACCOUNT_TYPES[section.key].label)
        if headed:
            lines.append(Row((None, label, None), kind="heading"))
        for row, amount in section.rows:
            lines.append(Row((row.code, row.name, amount), link=query.ledger_of(row.account_id, start)))
        if headed:
            lines.append(Row((None, _("Total %(section)s", section=label), section.total), kind="total"))
    return lines


def profit_loss_table(env: Environment, query: ReportQuery, whole: bool) -> Table:
    pnl = reporting.profit_and_loss(env, query.filters)
    income = [section for section in pnl.sections if ACCOUNT_TYPES[section.key].nature == "income"]
    expenses = [section for section in pnl.sections if ACCOUNT_TYPES[section.key].nature == "expense"]
    lines = _section_rows(query, income, None)
    lines.append(Row((None, _("Total income"), pnl.income), kind="total"))
    lines += _section_rows(query, expenses, None)
    lines.append(Row((None, _("Total expenses"), pnl.expenses), kind="total"))
    lines.append(Row((None, _("Gross profit"), pnl.gross_profit), kind="total"))
    lines.append(Row((None, _("Net result"), pnl.net_result), kind="total"))
    columns = (Column(_("Code")), Column(_("Account")), Column(_("Amount"), money=True))
    return Table(columns, tuple(lines), note=_("Year-end closing entries are left out."))


def balance_sheet_table(env: Environment, query: ReportQuery, whole: bool) -> Table:
    sheet = reporting.balance_sheet(env, query.filters)
    start = sheet.year_start
    lines = [Row((None, _("Assets"), None), kind="heading"), *_section_rows(query, sheet.assets, start)]
    lines.append(Row((None, _("Total assets"), sheet.total_assets), kind="total"))
    lines += [
        Row((None, _("Liabilities"), None), kind="heading"),
        *_section_rows(query, sheet.liabilities, start),
    ]
    lines.append(Row((None, _("Total liabilities"), sheet.total_liabilities), kind="total"))
    lines += [
        Row((None, _("Equity"), None), kind="heading"),
        *_section_rows(query, sheet.equity, start, headed=False),
    ]
    lines.append(Row((None, _("Result of the current year"), sheet.current_result)))
    if sheet.previous_result:
        lines.append(Row((None, _("Result of earlier years, not closed"), sheet.previous_result)))
    equity = sheet.total_equity + sheet.current_result + sheet.previous_result
    lines.append(Row((None, _("Total equity"), equity), kind="total"))
    lines.append(
        Row((None, _("Total liabilities and equity"), sheet.total_liabilities + equity), kind="total")
    )
    columns = (Column(_("Code")), Column(_("Account")), Column(_("Amount"), money=True))
    return Table(columns, tuple(lines), note=_("The current year starts on %(day)s.", day=start.isoformat()))


def aged_table(env: Environment, query: ReportQuery, whole: bool) -> Table:
    role = "receivable" if query.report == "aged_receivable" else "payable"
    aged = aging.aged_balance(env, query.filters, role)
    accounts = [str(account) for account in aged.account_ids]
    columns = (
        Column(_("Partner")),
        *(Column(label, money=True) for label in aging.bucket_labels()),
        Column(_("Total"), money=True),
    )
    lines = [
        Row(
            (row.partner or _("No partner"), *row.amounts, row.total),
            link=query.ledger_where(
                account=accounts, partner=[str(row.partner_id)] if row.partner_id else []
            ),
        )
        for row in aged.rows
    ]
    lines.append(Row((_("Total"), *aged.totals, aged.total), kind="total"))
    note = _("Open amounts at %(day)s by days past their due date.", day=aged.date.isoformat())
    return Table(columns, tuple(lines), note=note, link_column=0)


def tax_table(env: Environment, query: ReportQuery, whole: bool) -> Table:
    report = tax_report.tax_report(env, query.filters)
    columns = (
        Column(_("Code")),
        Column(_("Tax grid")),
        Column(_("Base"), money=True),
        Column(_("Tax"), money=True),
    )
    lines = [Row((None, _("Lines of the return"), None, None), kind="heading")]
    lines += [
        Row(
            (grid.code, grid.name, None, grid.amount),
            link=query.ledger_where(tax=[str(i) for i in grid.tax_ids]),
        )
        for grid in report.grids
    ]
    lines.append(Row((None, _("Taxes"), None, None), kind="heading"))
    lines += [
        Row((None, row.name, row.base, row.amount), link=query.ledger_where(tax=[str(row.tax_id)]))
        for row in report.taxes
    ]
    return Table(
        columns, tuple(lines), note=_("Credit notes are deducted; posted entries of the period only.")
    )


def cash_flow_table(env: Environment, query: ReportQuery, whole: bool) -> Table:
    flow = cash_flow.cash_flow(env, query.filters)
    lines = [Row((_("Cash at the start of the period"), flow.opening), kind="total")]
    labels = cash_flow.labels()
    for activity in cash_flow.ACTIVITIES:
        lines.append(Row((labels[activity], None), kind="heading"))
        lines += [Row((labels[line.key], line.amount)) for line in flow.lines if line.activity == activity]
        lines.append(Row((labels[f"{activity}_total"], flow.total(activity)), kind="total"))
    lines.append(Row((_("Net change in cash"), flow.net_change), kind="total"))
    lines.append(Row((_("Cash at the end of the period"), flow.closing), kind="total"))
    columns = (Column(_("Line")), Column(_("Amount"), money=True))
    note = _("Bank and cash accounts; each entry's other items say why the money moved.")
    return Table(columns, tuple(lines), note=note, link_column=0)


def _total(amounts: Any) -> decimal.Decimal:
    return sum(amounts, decimal.Decimal(0))
