"""The demo's books: Turkey's chart for the main company and four months of posted entries.

Data files create records; they do not post entries. When accounting is
installed with its demo (``demo/analytic_accounts.toml`` loaded), `run`
loads the Tek Düzen Hesap Planı into the main company, posts an opening
entry on the first day of the month four months back, then each month's
sales, their cost, purchases, collections, payments, rent, salaries and
bank charges (some on cost centres), reverses one mistaken entry, leaves
one draft for this month, invoices and collects (`addons.accounting.demo_invoices`),
imports and reconciles a bank statement and reminds late payers (`addons.accounting.demo_bank`),
declares the fiscal year and closes the first month with the period lock
date. Dates follow today, so the demo always shows recent months.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from addons.accounting import demo_bank
from addons.accounting import demo_invoices
from addons.accounting.charts import load_chart
from addons.accounting.posting import post
from core.orm.data import find_external_id
from core.orm.environment import Environment

MONTHS = 4
OPENING = [("100", 5_000, 0), ("102", 120_000, 0), ("153", 40_000, 0), ("255", 25_000, 0)]
OPENING += [("320", 0, 15_000), ("500", 0, 150_000), ("570", 0, 25_000)]
# Each month: (journal, day, reference, [(account, debit, credit, label, partner, analytic)]), amounts
# multiplied by the month's factor.
MONTHLY: list[tuple[str, int, str, list[tuple[Any, ...]]]] = [
    (
        "SAT",
        5,
        "Sales invoice",
        [
            ("120", 43_200, 0, "Satış faturası", "demo_partner_anadolu", None),
            ("600", 0, 36_000, "Yurtiçi satış", None, "demo_analytic_izmir"),
            ("391", 0, 7_200, "KDV %20", None, None),
        ],
    ),
    ("MAH", 5, "Cost of goods sold", [("621", 18_000, 0, "Satılan mal maliyeti"), ("153", 0, 18_000, None)]),
    (
        "ALS",
        8,
        "Vendor bill",
        [
            ("153", 20_000, 0, "Ticari mal alışı"),
            ("191", 4_000, 0, "KDV %20"),
            ("320", 0, 24_000, "Alış faturası", "demo_partner_ege"),
        ],
    ),
    (
        "BNK",
        12,
        "Rent",
        [("770", 4_000, 0, "Ofis kirası", None, "demo_analytic_istanbul"), ("102", 0, 4_000)],
    ),
    (
        "BNK",
        15,
        "Collection",
        [("102", 43_200, 0, "Tahsilat"), ("120", 0, 43_200, "Tahsilat", "demo_partner_anadolu")],
    ),
    ("BNK", 20, "Payment", [("320", 24_000, 0, "Ödeme", "demo_partner_ege"), ("102", 0, 24_000, "Ödeme")]),
    (
        "BNK",
        28,
        "Salaries",
        [
            ("770", 9_000, 0, "Maaşlar", None, "demo_analytic_istanbul"),
            ("760", 3_000, 0, "Maaşlar", None, "demo_analytic_export"),
            ("102", 0, 12_000, "Maaş ödemesi"),
        ],
    ),
    ("BNK", 28, "Bank charges", [("780", 150, 0, "Banka masrafı"), ("102", 0, 150)]),
]
FACTORS = (decimal.Decimal("1.00"), decimal.Decimal("1.15"), decimal.Decimal("0.90"), decimal.Decimal("1.25"))


def run(env: Environment) -> None:
    """Post the demo's books; does nothing when the demo data is not loaded or the company has a chart."""
    if find_external_id(env, "accounting.demo_analytic_istanbul") is None:
        return
    company = env.ref("base.main_company")
    if env["accounting.account"].search_count([("company", "=", company.id)]):
        return
    load_chart(env, company, "tr_tdhp")
    accounts = {a.code: a.id for a in env["accounting.account"].search([("company", "=", company.id)])}
    journals = {j.code: j.id for j in env["accounting.journal"].search([("company", "=", company.id)])}
    today = env.today()
    first = _month_start(today, -(MONTHS - 1))
    moves = [
        _entry(
            env,
            accounts,
            journals["MAH"],
            first,
            "Opening entry",
            [(*item, "Açılış kaydı") for item in OPENING],
        )
    ]
    for month in range(MONTHS):
        start = _month_start(first, month)
        for journal, day, ref, items in MONTHLY:
            date = start.replace(day=min(day, 28))
            if date > today:
                continue
            scaled = [
                (code, debit * FACTORS[month], credit * FACTORS[month], *rest)
                for code, debit, credit, *rest in items
            ]
            moves.append(_entry(env, accounts, journals[journal], date, ref, scaled))
    mistaken = _entry(
        env,
        accounts,
        journals["MAH"],
        _month_start(first, 1).replace(day=10),
        "Rent booked twice",
        [("770", 4_000, 0, "Ofis kirası"), ("102", 0, 4_000)],
    )
    post(env, env["accounting.move"].browse([move.id for move in [*moves, mistaken]]))
    mistaken.reverse(_month_start(first, 1).replace(day=11))
    _entry(
        env,
        accounts,
        journals["KSA"],
        today,
        "Office supplies (draft)",
        [("770", 240, 0, "Kırtasiye"), ("100", 0, 240)],
    )
    demo_invoices.run(env, company, lambda months: _month_start(today, months))
    demo_bank.run(env, company, lambda months: _month_start(today, months))
    env["accounting.fiscal_year"].create(
        {
            "name": str(today.year),
            "company": company.id,
            "date_from": dt.date(today.year, 1, 1),
            "date_to": dt.date(today.year, 12, 31),
        }
    )
    company.set_lock_dates(period_lock_date=_month_start(first, 1) - dt.timedelta(days=1))
    env.flush()


def _month_start(day: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after (or before, when negative) the month of ``day``."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _entry(
    env: Environment,
    accounts: dict[str, int],
    journal: int,
    date: dt.date,
    ref: str,
    items: list[tuple[Any, ...]],
) -> Any:
    """A draft entry of ``items``: (account code, debit, credit[, label[, partner id[, analytic id]]])."""
    lines = []
    for code, debit, credit, *rest in items:
        label, partner, analytic = (*rest, None, None, None)[:3]
        lines.append(
            {
                "account": accounts[code],
                "debit": decimal.Decimal(debit),
                "credit": decimal.Decimal(credit),
                "name": label,
                "partner": _ref_id(env, f"base.{partner}") if partner else None,
                "analytic_account": _ref_id(env, f"accounting.{analytic}") if analytic else None,
            }
        )
    return env["accounting.move"].create({"journal": journal, "date": date, "ref": ref, "lines": lines})


def _ref_id(env: Environment, external_id: str) -> int | None:
    """The id of the demo record ``external_id``, or None when that demo is not loaded (base's partners)."""
    record = find_external_id(env, external_id)
    return record.id if record is not None else None
