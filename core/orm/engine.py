"""Engines for the two supported databases, configured the same way for the ORM.

SQLite (the embedded default) gets real transactions, DDL included: pysqlite's
implicit transaction handling is turned off and the kernel emits ``BEGIN
IMMEDIATE`` itself, as SQLAlchemy's documentation recommends, so savepoints
and transactional installs work and writers wait for each other in turn.
Foreign keys are enforced, and the WAL journal lets readers work while a
writer commits. PostgreSQL URLs use psycopg 3.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine
from sqlalchemy import create_engine
from sqlalchemy import event
from sqlalchemy.engine import make_url

SQLITE_BUSY_TIMEOUT_MS = 30_000


def normalize_url(url: str) -> str:
    """Use psycopg 3 for ``postgresql://`` URLs; leave others as they are."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, *, foreign_keys: bool = True, **options: Any) -> Engine:
    """An engine for ``url``.

    Args:
        foreign_keys: enforce foreign keys on SQLite. Schema changes that
            rebuild tables switch it off (SQLite's documented procedure) and
            check integrity with ``PRAGMA foreign_key_check`` before committing.
    """
    url = normalize_url(url)
    if make_url(url).get_backend_name() != "sqlite":
        options.setdefault("pool_pre_ping", True)
        return create_engine(url, **options)
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if make_url(url).database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front: concurrent writers then queue on
        # the busy timeout instead of failing when a read turns into a write.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def is_postgresql(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"
