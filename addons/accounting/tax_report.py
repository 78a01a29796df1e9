"""The tax report: per tax and per grid of the tax return, the base and the tax of a period.

Invoices record on their journal items which taxes an income or expense
item is the base of (``taxes``), which tax an item is the amount of
(``tax``), and whether it comes from a credit note (``tax_refund``): the
report adds up the posted items of the period by those, in two grouped
queries, run as the user. Reversals (cancelled invoices) carry the same
taxes with the opposite sign, so they take their invoice out of the return.

Amounts read the way a return is filled in: sales taxes positive when
collected (credits), purchase taxes positive when deductible (debits). A
tax's credit notes reduce its own figures and its grids, unless the tax
names grids of their own for credit notes (Turkey's returns on sales,
`addons.accounting.models.tax`), where they show as positive amounts::

    january = Filters(company=company.id, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 31))
    report = tax_report(env, january)
    report.taxes[0].base, report.taxes[0].amount
    report.grids[0].code, report.grids[0].amount     # "TR-M20", 100_000.00
"""

from __future__ import annotations

import dataclasses
import decimal
from collections import defaultdict
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from addons.accounting.reporting import Filters
from addons.accounting.reporting import Ledger
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)
SIGN = {"sale": -1, "purchase": 1, "none": -1}  # sales taxes are credits, purchase taxes debits


@dataclasses.dataclass(frozen=True)
class TaxRow:
    """One tax's base and amount in the period, credit notes deducted."""

    tax_id: int
    name: str
    scope: str
    base: decimal.Decimal
    amount: decimal.Decimal


@dataclasses.dataclass(frozen=True)
class GridRow:
    """One line of the tax return and its amount in the period."""

    grid_id: int
    code: str
    name: str
    amount: decimal.Decimal
    tax_ids: tuple[int, ...]


@dataclasses.dataclass(frozen=True)
class TaxReport:
    taxes: tuple[TaxRow, ...]
    grids: tuple[GridRow, ...]


def tax_report(env: Environment, filters: Filters) -> TaxReport:
    """The taxes and grids of the posted items between ``filters.date_from`` and ``date_to``.

    Taxes come in their order (sequence, name), grids in theirs; only those
    with amounts are listed.
    """
    ledger = Ledger(env, filters)
    Line = ledger.Line
    conditions = ledger.where(since=filters.date_from, until=filters.date_to)
    relation = Line._fields["taxes"].relation_table(env.registry)
    bases = env.session.execute(
        select(relation.c.tax_id, Line.tax_refund, func.sum(Line.balance))
        .join(relation, relation.c.line_id == Line.id)
        .where(*conditions)
        .group_by(relation.c.tax_id, Line.tax_refund)
    ).all()
    amounts = env.session.execute(
        select(Line.tax_id, Line.tax_refund, func.sum(Line.balance))
        .where(Line.tax_id.is_not(None), *conditions)
        .group_by(Line.tax_id, Line.tax_refund)
    ).all()
    # (tax id, "base" or "tax", from credit notes) → balance
    parts: dict[tuple[int, str, bool], decimal.Decimal] = defaultdict(lambda: ZERO)
    for kind, rows in (("base", bases), ("tax", amounts)):
        for tax_id, refund, balance in rows:
            parts[(tax_id, kind, bool(refund))] += ledger.money(balance)
    taxes = sorted(
        env["commerce.tax"].browse(sorted({key[0] for key in parts})),
        key=lambda tax: (tax.sequence or 0, tax.name or "", tax.id),
    )
    rows = []
    grids: dict[Any, list[Any]] = defaultdict(lambda: [ZERO, set()])
    for tax in taxes:
        sign = SIGN[tax.scope]
        figures = {
            kind: sign * (parts[(tax.id, kind, False)] + parts[(tax.id, kind, True)])
            for kind in ("base", "tax")
        }
        rows.append(TaxRow(tax.id, tax.name, tax.scope, figures["base"], figures["tax"]))
        for kind in ("base", "tax"):
            for refund in (False, True):
                value = sign * parts[(tax.id, kind, refund)]
                own = getattr(tax, f"refund_{kind}_grid") if refund else None
                grid = own or getattr(tax, f"{kind}_grid")
                if grid is None or not value:
                    continue
                grids[grid][0] += -value if own is not None else value
                grids[grid][1].add(tax.id)
    lines = sorted(grids.items(), key=lambda item: (item[0].sequence or 0, item[0].code, item[0].id))
    return TaxReport(
        taxes=tuple(row for row in rows if row.base or row.amount),
        grids=tuple(
            GridRow(grid.id, grid.code, grid.name, total, tuple(sorted(ids))) for grid, (total, ids) in lines
        ),
    )
