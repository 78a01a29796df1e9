"""Create, search+read, write and unlink N partners through the ORM and through SQLAlchemy Core.

The ORM also reads as a user the multi-company record rule restricts (``*_as_user``): one
search of every row, then the first page of 20 rows N/20 times, where what the rule's loader
criteria cost per query shows.

Both run in the same process on the same database server, each in its own
fresh database, so the ratio is meaningful. Prints one JSON document::

    python bench/orm.py                      # SQLite, 10,000 rows
    python bench/orm.py --url postgresql://postgres@127.0.0.1:5432/test --rows 10000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import delete  # noqa: E402
from sqlalchemy import insert  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy import update  # noqa: E402

from bench.databases import scratch_database  # noqa: E402
from core.database import Database  # noqa: E402
from core.loader.lifecycle import install  # noqa: E402


def timed(step: Callable[[], Any]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def orm_run(db: Database, rows: int) -> dict[str, float]:
    names = [{"name": f"Partner {i}", "email": f"p{i}@example.com", "city": "Izmir"} for i in range(rows)]
    results: dict[str, float] = {}
    with db.transaction() as env:
        Partner = env["base.partner"]
        results["create"] = timed(lambda: Partner.create(names))
    with db.transaction() as env:
        Partner = env["base.partner"]
        results["search_read"] = timed(
            lambda: Partner.search_read([("city", "=", "Izmir")], ["name", "email", "city"])
        )
        results["search_then_read_records"] = timed(
            lambda: Partner.search([("city", "=", "Izmir")]).read(["name", "email", "city"])
        )
    with db.transaction() as env:
        user = {"login": "bench", "name": "Bench", "groups": [env.ref("base.group_user").id]}
        user_id = env["base.user"].create({**user, "company": env.ref("base.main_company").id}).id
    with db.transaction(user_id=user_id) as env:
        Partner = env["base.partner"]
        results["search_read_as_user"] = timed(
            lambda: Partner.search_read([("city", "=", "Izmir")], ["name", "email", "city"])
        )
        results["page_of_20_as_user_n_20_times"] = timed(
            lambda: [
                Partner.search_read([("city", "=", "Izmir")], ["name"], limit=20) for _ in range(rows // 20)
            ]
        )
    with db.transaction() as env:
        Partner = env["base.partner"]
        records = Partner.search([("city", "=", "Izmir")])
        results["write"] = timed(lambda: records.write({"city": "Ankara"}))
    with db.transaction() as env:
        Partner = env["base.partner"]
        records = Partner.search([("city", "=", "Ankara")])
        results["unlink"] = timed(records.unlink)
    return results


def core_run(db: Database, rows: int) -> dict[str, float]:
    table = db.registry.tables["base.partner"]
    names = [
        {"name": f"Partner {i}", "email": f"p{i}@example.com", "city": "Izmir", "active": True}
        for i in range(rows)
    ]
    results: dict[str, float] = {}
    with db.engine.begin() as connection:
        results["create"] = timed(lambda: connection.execute(insert(table), names))
    with db.engine.begin() as connection:
        stmt = select(table.c.id, table.c.name, table.c.email, table.c.city).where(
            table.c.city == "Izmir", table.c.active.is_(True)
        )
        results["search_read"] = timed(lambda: [dict(row._mapping) for row in connection.execute(stmt)])
    with db.engine.begin() as connection:
        ids = [row.id for row in connection.execute(select(table.c.id).where(table.c.city == "Izmir"))]
        results["write"] = timed(
            lambda: connection.execute(update(table).where(table.c.id.in_(ids)).values(city="Ankara"))
        )
    with db.engine.begin() as connection:
        ids = [row.id for row in connection.execute(select(table.c.id).where(table.c.city == "Ankara"))]
        results["unlink"] = timed(lambda: connection.execute(delete(table).where(table.c.id.in_(ids))))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a PostgreSQL server URL; SQLite in a temporary folder when omitted")
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        with (
            scratch_database(args.url, Path(folder), "orm") as orm_db,
            scratch_database(args.url, Path(folder), "core") as core_db,
        ):
            install(orm_db, ["base"])
            install(core_db, ["base"])
            orm = orm_run(orm_db, args.rows)
            core = core_run(core_db, args.rows)
            dialect = orm_db.dialect
    report = {
        "benchmark": "orm",
        "database": dialect,
        "rows": args.rows,
        "seconds": {"orm": orm, "core": core},
        "ratio_orm_to_core": {step: round(orm[step] / core[step], 2) for step in core},
        "note": "search_read selects columns; search_then_read_records builds ORM records first",
        "orm_rows_per_second": {step: round(args.rows / orm[step]) for step in orm},
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
