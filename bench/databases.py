"""Scratch databases for benchmarks: a SQLite file, or a new database on a PostgreSQL server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import make_url

from core.database import Database
from core.orm.engine import normalize_url


@contextmanager
def scratch_database(server: str | None, folder: Path, label: str) -> Iterator[Database]:
    """An empty database, dropped when the block ends."""
    if not server:
        db = Database(f"sqlite:///{folder / label}.db")
        try:
            yield db
        finally:
            db.engine.dispose()
        return
    name = f"tessera_bench_{label}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(normalize_url(server), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    db = Database(make_url(normalize_url(server)).set(database=name).render_as_string(hide_password=False))
    try:
        yield db
    finally:
        db.engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
