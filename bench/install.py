"""How long installing every addon of the repository on an empty database takes (goal on SQLite: under 5 s).

::

    python bench/install.py
    python bench/install.py --url postgresql://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from bench.databases import scratch_database  # noqa: E402
from core.loader.lifecycle import install  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a PostgreSQL server URL; SQLite in a temporary folder when omitted")
    parser.add_argument("--demo", action="store_true", help="load demo data too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, scratch_database(args.url, Path(folder), "install") as db:
        names = sorted(db.available)
        start = time.perf_counter()
        installed = install(db, names, demo=args.demo)
        seconds = time.perf_counter() - start
        with db.engine.connect() as connection:
            tables = len(db.registry.metadata.tables)
            records = connection.execute(text("SELECT COUNT(*) FROM base_external_id")).scalar()
        dialect = db.dialect
    print(
        json.dumps(
            {
                "benchmark": "install",
                "database": dialect,
                "addons": installed,
                "demo": args.demo,
                "tables": tables,
                "data_records": records,
                "seconds": round(seconds, 3),
                "goal_seconds_sqlite": 5,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
