"""The pytest plugin: databases with chosen addons, one rolled-back transaction per test.

Fixtures:
    ``db``: a `Database` with the addons of the test's ``@pytest.mark.addons``
        marker (base only without one) installed. Built once per test session
        and addon set, then shared.
    ``env``: an `Environment` on ``db`` inside a transaction that is rolled
        back after the test, so every test starts from the same data in
        milliseconds. Commits inside the test release savepoints only.
    ``empty_db``: a new, empty database for tests of the addon lifecycle
        (install, upgrade, uninstall commit for real); dropped afterwards.
    ``cheap_password_hashing``: Argon2 at its cheapest, for tests that log in often.

The database server is SQLite in a temporary folder unless
``TESSERA_TEST_DATABASE_URL`` points at a PostgreSQL server, e.g.
``postgresql://postgres@127.0.0.1:5432/test``; the plugin then creates its
own databases on that server. Extra addons paths come from the
``tessera_addons_paths`` ini option.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Iterator
from collections.abc import Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import make_url

from core.database import Database
from core.loader.discovery import add_addons_path
from core.loader.lifecycle import install
from core.orm.engine import normalize_url
from core.orm.environment import Environment
from core.orm.sessions import session_factory

URL_VARIABLE = "TESSERA_TEST_DATABASE_URL"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("tessera_addons_paths", "extra addons paths for test databases", type="paths", default=[])


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "addons(*names): addons installed in the db and env fixtures' database"
    )
    config.addinivalue_line("markers", "requires_postgresql: needs TESSERA_TEST_DATABASE_URL on PostgreSQL")
    # An addon's tests are collected before any database loads the addon, and pytest's importlib
    # mode imports the addon's package on the way: its ``addons.<name>`` imports must resolve already.
    for path in config.getini("tessera_addons_paths"):
        add_addons_path(Path(path).resolve())


def server_url() -> str | None:
    """The PostgreSQL server tests use, or None for SQLite."""
    return os.environ.get(URL_VARIABLE) or None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    url = server_url()
    if url and make_url(url).get_backend_name() == "postgresql":
        return
    skip = pytest.mark.skip(reason=f"needs PostgreSQL: set {URL_VARIABLE}")
    for item in items:
        if item.get_closest_marker("requires_postgresql"):
            item.add_marker(skip)


class DatabaseFactory:
    """Creates and drops the test databases of one test session."""

    def __init__(self, folder: Path, addons_paths: list[Path]) -> None:
        self.folder = folder
        self.addons_paths = addons_paths
        self.server = server_url()
        self.prefix = f"tessera_test_{os.getpid()}"
        self.created: list[tuple[Database, str]] = []
        self.shared: dict[tuple[str, ...], Database] = {}

    @property
    def dialect(self) -> str:
        return make_url(self.server).get_backend_name() if self.server else "sqlite"

    def create(self, label: str) -> Database:
        """A new empty database."""
        name = f"{self.prefix}_{label}_{uuid.uuid4().hex[:8]}"
        if self.server is None:
            db = Database(f"sqlite:///{self.folder / name}.db", self.addons_paths)
        else:
            self._admin(f'CREATE DATABASE "{name}"')
            url = make_url(normalize_url(self.server)).set(database=name)
            db = Database(url.render_as_string(hide_password=False), self.addons_paths)
        self.created.append((db, name))
        return db

    def with_addons(self, names: tuple[str, ...]) -> Database:
        """The shared database with ``names`` installed, created on first use."""
        key = tuple(sorted(set(names)))
        if key not in self.shared:
            digest = hashlib.sha1(",".join(key).encode()).hexdigest()[:6]
            db = self.create(f"addons_{digest}")
            install(db, key or ["base"])
            self.shared[key] = db
        return self.shared[key]

    def drop(self, db: Database, name: str) -> None:
        db.engine.dispose()
        if self.server is not None:
            self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    @contextmanager
    def installed(self, label: str, addons: Sequence[str]) -> Iterator[Database]:
        """A database of its own with ``addons`` installed, dropped when the block ends.

        For module-scoped fixtures whose tests commit (HTTP requests do)::

            @pytest.fixture(scope="module")
            def web_db(tessera_databases):
                with tessera_databases.installed("web", ["base"]) as db:
                    yield db
        """
        db = self.create(label)
        try:
            install(db, list(addons))
            yield db
        finally:
            self.release(db)

    def release(self, db: Database) -> None:
        """Drop one database made by `create` now."""
        for entry in list(self.created):
            if entry[0] is db:
                self.created.remove(entry)
                self.drop(*entry)

    def close(self) -> None:
        for db, name in self.created:
            self.drop(db, name)

    def _admin(self, statement: str) -> None:
        assert self.server is not None
        engine = create_engine(normalize_url(self.server), isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(statement))
        engine.dispose()


@pytest.fixture(scope="session")
def tessera_databases(
    tmp_path_factory: pytest.TempPathFactory, pytestconfig: pytest.Config
) -> Iterator[DatabaseFactory]:
    """The session's database factory (creates and finally drops test databases)."""
    paths = [Path(p) for p in pytestconfig.getini("tessera_addons_paths")]
    factory = DatabaseFactory(tmp_path_factory.mktemp("databases"), paths)
    yield factory
    factory.close()


@pytest.fixture
def db(request: pytest.FixtureRequest, tessera_databases: DatabaseFactory) -> Database:
    """The database with the addons of the test's ``addons`` marker installed."""
    marker = request.node.get_closest_marker("addons")
    names = tuple(marker.args) if marker else ()
    return tessera_databases.with_addons(names)


@pytest.fixture
def env(db: Database) -> Iterator[Environment]:
    """An environment on ``db`` whose changes are rolled back after the test."""
    connection = db.engine.connect()
    transaction = connection.begin()
    factory = session_factory(connection, join_transaction_mode="create_savepoint")
    session = factory()
    try:
        yield Environment(db.registry, session)
    finally:
        session.close()
        transaction.rollback()
        connection.close()


@contextmanager
def cheap_hashing() -> Iterator[None]:
    """Argon2 at its cheapest inside the block, e.g. for a module-scoped live server::

        @pytest.fixture(scope="module", autouse=True)
        def fast_logins():
            with cheap_hashing():
                yield

    Hashes made this way are still Argon2id and verify as usual.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            "core.base.models.user.HASHER", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1)
        )
        yield


@pytest.fixture
def cheap_password_hashing() -> Iterator[None]:
    """Argon2 at its cheapest for the test: for tests about logins over HTTP, not hashing cost."""
    with cheap_hashing():
        yield


@pytest.fixture
def empty_db(tessera_databases: DatabaseFactory) -> Iterator[Database]:
    """A new database with nothing installed, dropped after the test."""
    db = tessera_databases.create("empty")
    yield db
    tessera_databases.release(db)
