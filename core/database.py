"""`Database`: one customer database, its installed addons and their registry.

::

    db = Database("sqlite:///var/acme.db")
    with db.transaction(user_id=2) as env:     # one user action: all or nothing
        env["base.partner"].create({"name": "Acme"})

The registry is built from the addons the database records as installed, and
rebuilt after the lifecycle commands (`core.loader.lifecycle`) change them.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.errors import ConfigError
from core.loader.discovery import discover
from core.loader.discovery import load
from core.loader.manifest import AddonManifest
from core.orm.engine import make_engine
from core.orm.environment import Environment
from core.orm.environment import conflict_from
from core.orm.registry import Registry
from core.orm.sessions import session_factory
from core.views.resolve import resolve_ui

ADDON_TABLE = "base_addon"


def build_registry(names: Iterable[str], available: Mapping[str, AddonManifest]) -> Registry:
    """Import, register and compose ``names`` (and their dependencies) into a frozen registry.

    Raises:
        ConfigError: an addon is missing, misdeclared, or its dependencies are wrong.
    """
    addons = load(list(names), dict(available))
    registry = Registry(addons)
    registry.ui = resolve_ui(registry, addons)
    registry.freeze()
    registry.plugins.hook.registry_ready(registry=registry)
    return registry


class Database:
    """A database URL with its engine, session factory and (lazily) its registry.

    Args:
        url: a SQLAlchemy URL; ``postgresql://`` uses psycopg 3.
        addons_paths: folders holding custom addons, besides the repository's.
        engine: an existing engine to use instead of creating one.
    """

    def __init__(
        self, url: str, addons_paths: Iterable[Path | str] = (), *, engine: Engine | None = None
    ) -> None:
        self.url = url
        self.addons_paths = [Path(p) for p in addons_paths]
        self.engine = engine or make_engine(url)
        self.available = discover(self.addons_paths)
        self.session_factory = session_factory(self.engine)
        self._registry: Registry | None = None

    def __repr__(self) -> str:
        return f"<Database {self.engine.url.render_as_string()}>"

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def installed(self) -> dict[str, str]:
        """Installed addons and their versions, read straight from the database."""
        with self.engine.connect() as connection:
            if not inspect(connection).has_table(ADDON_TABLE):
                return {}
            rows = connection.execute(text(f"SELECT name, version FROM {ADDON_TABLE} ORDER BY id"))
            return {name: version for name, version in rows}

    @property
    def registry(self) -> Registry:
        """The registry of the installed addons, built on first use.

        Raises:
            ConfigError: nothing is installed yet (run ``server.py init``).
        """
        if self._registry is None:
            installed = self.installed()
            if not installed:
                raise ConfigError(f"{self!r} has no addons installed; run `server.py init` first")
            self._registry = build_registry(installed, self.available)
        return self._registry

    def reload(self, registry: Registry | None = None) -> None:
        """Use ``registry`` (or rebuild from the database) after addons changed."""
        self._registry = registry

    def session(self, **options: Any) -> Session:
        return self.session_factory(**options)

    @contextmanager
    def transaction(
        self, user_id: int | None = None, context: Mapping[str, Any] | None = None
    ) -> Iterator[Environment]:
        """An environment whose work commits at the end of the block, or not at all.

        Raises:
            ConflictError: the database refused the commit (unique value, reference).
        """
        registry = self.registry
        with self.session_factory() as session:
            env = Environment(registry, session, user_id=user_id, context=context)
            try:
                yield env
                env.flush()
                session.commit()
            except IntegrityError as error:
                session.rollback()
                raise conflict_from(registry, error) from error
            except BaseException:
                session.rollback()
                raise
