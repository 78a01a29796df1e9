"""Time accounting's reports on a large ledger, and the same trial balance in plain SQLAlchemy Core.

The ledger is written with Core inserts (posted two-item entries over two
years, in five journals, a third of them with an analytic account), then
each report of `addons.accounting.reporting` runs as a bookkeeper (so the
record rules are in the SQL), and the trial balance and profit and loss
also run as bare Core statements on the tables for comparison. Posting
through the ORM is timed on a few hundred entries. Prints one JSON document::

    python bench/accounting_reports.py                     # SQLite, 100,000 items
    python bench/accounting_reports.py --lines 1000000
    python bench/accounting_reports.py --url postgresql://postgres@127.0.0.1:5432/test --lines 200000
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import case  # noqa: E402
from sqlalchemy import func  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlalchemy import literal  # noqa: E402
from sqlalchemy import select  # noqa: E402

from addons.accounting.cash_flow import cash_flow  # noqa: E402
from addons.accounting.charts import load_chart  # noqa: E402
from addons.accounting.reporting import Filters  # noqa: E402
from addons.accounting.reporting import balance_sheet  # noqa: E402
from addons.accounting.reporting import general_ledger  # noqa: E402
from addons.accounting.reporting import profit_and_loss  # noqa: E402
from addons.accounting.reporting import trial_balance  # noqa: E402
from bench.databases import scratch_database  # noqa: E402
from core.database import Database  # noqa: E402
from core.loader.lifecycle import install  # noqa: E402
from core.testing import make_user  # noqa: E402

PAIRS = [
    ("102", "600"),
    ("770", "102"),
    ("120", "600"),
    ("153", "320"),
    ("621", "153"),
    ("100", "120"),
    ("320", "102"),
]
FIRST_DAY = dt.date(2025, 1, 1)
DAYS = 730
CHUNK = 20_000
YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def timed(step: Callable[[], Any]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def fill(db: Database, lines: int, seed: int = 7) -> dict[str, Any]:
    """The chart, a bookkeeper, and ``lines`` posted items written with Core; returns ids for the runs."""
    with db.transaction() as env:
        company = env.ref("base.main_company")
        load_chart(env, company, "tr_tdhp")
        user = make_user(env, "bench_bookkeeper", groups=["accounting.group_user"])
        accounts = {a.code: a.id for a in env["accounting.account"].search([])}
        journals = [j.id for j in env["accounting.journal"].search([])]
        analytic = [env["accounting.analytic_account"].create({"name": f"Centre {i}"}).id for i in range(5)]
        ids = {
            "company": company.id,
            "currency": company.currency.id,
            "user": user.id,
            "bank": accounts["102"],
        }
    moves_table = db.registry.tables["accounting.move"]
    lines_table = db.registry.tables["accounting.move_line"]
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    stamps = {"created_at": now, "updated_at": now}
    with db.engine.begin() as connection:
        for start in range(0, lines // 2, CHUNK // 2):
            count = min(CHUNK // 2, lines // 2 - start)
            moves, items = [], []
            for offset in range(count):
                number = start + offset + 1
                day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
                journal = rng.choice(journals)
                amount = decimal.Decimal(rng.randrange(100, 10_000_000)) / 100
                moves.append(
                    {
                        "name": f"B/{number:08d}",
                        "date": day,
                        "journal_id": journal,
                        "company_id": ids["company"],
                        "currency_id": ids["currency"],
                        "state": "posted",
                        "amount_total": amount,
                        "is_closing": False,
                        **stamps,
                    }
                )
                debit_code, credit_code = rng.choice(PAIRS)
                shared = {
                    "date": day,
                    "journal_id": journal,
                    "company_id": ids["company"],
                    "company_currency_id": ids["currency"],
                    "parent_state": "posted",
                    "sequence": 10,
                    **stamps,
                }
                centre = rng.choice(analytic) if rng.random() < 0.33 else None
                items.append(
                    {
                        **shared,
                        "account_id": accounts[debit_code],
                        "debit": amount,
                        "credit": 0,
                        "balance": amount,
                        "analytic_account_id": centre,
                    }
                )
                items.append(
                    {
                        **shared,
                        "account_id": accounts[credit_code],
                        "debit": 0,
                        "credit": amount,
                        "balance": -amount,
                        "analytic_account_id": None,
                    }
                )
            returning = insert(moves_table).returning(moves_table.c.id, sort_by_parameter_order=True)
            move_ids = connection.execute(returning, moves).scalars().all()
            for index, item in enumerate(items):
                item["move_id"] = move_ids[index // 2]
            connection.execute(insert(lines_table), items)
    if db.dialect == "postgresql":
        # What autovacuum would do shortly after a load: without statistics the planner picks nested loops.
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("ANALYZE")
    return ids


def report_run(db: Database, ids: dict[str, Any]) -> dict[str, float]:
    """Each report as the bookkeeper: record rules and rights included."""
    year = Filters(company=ids["company"], date_from=YEAR[0], date_to=YEAR[1])
    month = Filters(company=ids["company"], date_from=dt.date(2026, 6, 1), date_to=dt.date(2026, 6, 30))
    results: dict[str, float] = {}
    with db.transaction(user_id=ids["user"]) as env:
        results["trial_balance_year"] = timed(lambda: trial_balance(env, year))
        results["trial_balance_month"] = timed(lambda: trial_balance(env, month))
        results["general_ledger_first_page"] = timed(lambda: general_ledger(env, year, limit=80))
        total = general_ledger(env, year, limit=1).total_items
        results["general_ledger_middle_page"] = timed(
            lambda: general_ledger(env, year, offset=total // 2, limit=80)
        )
        results["general_ledger_one_account"] = timed(
            lambda: general_ledger(env, year, [ids["bank"]], limit=80)
        )
        results["profit_and_loss_year"] = timed(lambda: profit_and_loss(env, year))
        results["cash_flow_year"] = timed(lambda: cash_flow(env, year))
        results["balance_sheet"] = timed(
            lambda: balance_sheet(env, Filters(company=ids["company"], date_to=YEAR[1]))
        )
    return results


def core_run(db: Database, ids: dict[str, Any]) -> dict[str, float]:
    """The trial balance, the P&L's grouping and the cash flow's counterparts as bare Core statements:
    no rules, no rounding, no ORM."""
    lines = db.registry.tables["accounting.move_line"]
    accounts = db.registry.tables["accounting.account"]
    in_year = lines.c.date >= YEAR[0]
    trial = (
        select(
            accounts.c.id,
            accounts.c.code,
            func.sum(case((in_year, literal(0)), else_=lines.c.balance)),
            func.sum(case((in_year, lines.c.debit), else_=literal(0))),
            func.sum(case((in_year, lines.c.credit), else_=literal(0))),
            func.sum(lines.c.balance),
        )
        .join(accounts, accounts.c.id == lines.c.account_id)
        .where(
            lines.c.company_id == ids["company"], lines.c.parent_state == "posted", lines.c.date <= YEAR[1]
        )
        .group_by(accounts.c.id, accounts.c.code)
    )
    pnl = (
        select(accounts.c.id, func.sum(lines.c.balance))
        .join(accounts, accounts.c.id == lines.c.account_id)
        .where(
            lines.c.company_id == ids["company"],
            lines.c.parent_state == "posted",
            lines.c.date.between(*YEAR),
            accounts.c.type.in_(["income", "other_income", "cost_of_goods_sold", "expense"]),
        )
        .group_by(accounts.c.id)
    )
    liquidity = ["bank", "cash"]
    cash_accounts = accounts.alias("cash_account")
    cash_lines = lines.alias("cash_line")
    moving = (
        select(cash_lines.c.move_id)
        .join(cash_accounts, cash_accounts.c.id == cash_lines.c.account_id)
        .where(cash_accounts.c.type.in_(liquidity))
    )
    flow = (
        select(accounts.c.type, func.sum(lines.c.balance))
        .join(accounts, accounts.c.id == lines.c.account_id)
        .where(
            lines.c.company_id == ids["company"],
            lines.c.parent_state == "posted",
            lines.c.date.between(*YEAR),
            accounts.c.type.not_in(liquidity),
            lines.c.move_id.in_(moving),
        )
        .group_by(accounts.c.type)
    )
    with db.engine.connect() as connection:
        return {
            "trial_balance_year": timed(lambda: connection.execute(trial).all()),
            "profit_and_loss_year": timed(lambda: connection.execute(pnl).all()),
            "cash_flow_year": timed(lambda: connection.execute(flow).all()),
        }


def posting_run(db: Database, ids: dict[str, Any], entries: int) -> float:
    """Seconds to create and post ``entries`` two-item entries through the ORM, as the bookkeeper."""
    with db.transaction(user_id=ids["user"]) as env:
        accounts = {a.code: a.id for a in env["accounting.account"].search([("code", "in", ["100", "600"])])}
        journal = env["accounting.journal"].search([("code", "=", "KSA")])[0].id

        def post() -> None:
            for index in range(entries):
                move = env["accounting.move"].create(
                    {
                        "journal": journal,
                        "date": dt.date(2027, 1, 1 + index % 28),
                        "lines": [
                            {"account": accounts["100"], "debit": "10.00"},
                            {"account": accounts["600"], "credit": "10.00"},
                        ],
                    }
                )
                move.action_post()

        return timed(post)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a PostgreSQL server URL; SQLite in a temporary folder when omitted")
    parser.add_argument("--lines", type=int, default=100_000, help="journal items in the ledger (even)")
    parser.add_argument("--post", type=int, default=300, help="entries posted through the ORM")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        with scratch_database(args.url, Path(folder), "accounting") as db:
            install(db, ["accounting"])
            ids: dict[str, Any] = {}
            fill_seconds = timed(lambda: ids.update(fill(db, args.lines)))
            reports = report_run(db, ids)
            core = core_run(db, ids)
            posting = posting_run(db, ids, args.post)
            dialect = db.dialect
    report = {
        "benchmark": "accounting_reports",
        "database": dialect,
        "lines": args.lines,
        "seconds": {
            "fill_with_core": round(fill_seconds, 2),
            "reports": {step: round(seconds, 4) for step, seconds in reports.items()},
            "core": {step: round(seconds, 4) for step, seconds in core.items()},
        },
        "ratio_report_to_core": {step: round(reports[step] / core[step], 2) for step in core},
        "posting": {
            "entries": args.post,
            "seconds": round(posting, 2),
            "per_second": round(args.post / posting),
        },
        "note": "reports run as a bookkeeper (rights and company rule in the SQL) and round to the currency; "
        "core is the bare grouped statement",
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
