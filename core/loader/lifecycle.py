"""Install, upgrade and uninstall addons on a live database, each in one transaction.

Everything is checked before the database is touched (manifests, dependencies,
versions, and the new registry is built); then the schema change, the data
files and the hooks run in one transaction, so a failure anywhere leaves the
database exactly as it was. PostgreSQL and SQLite both have transactional DDL.

::

    install(db, ["crm"], demo=True, progress=print)
    upgrade(db)                  # every addon whose code is newer than the database
    uninstall(db, ["crm"])
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from packaging.version import Version
from sqlalchemy import Connection

from core.database import Database
from core.database import build_registry
from core.errors import ConfigError
from core.loader import datafiles
from core.loader.graph import KERNEL_ADDON
from core.loader.graph import dependents
from core.loader.graph import resolve
from core.loader.migrate import add_missing
from core.loader.migrate import drop_removed
from core.loader.migrate import operations
from core.orm.environment import Environment
from core.orm.history import forget_models
from core.orm.registry import Registry
from core.orm.sessions import session_factory

Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    """Discard progress messages."""


@contextmanager
def schema_transaction(db: Database) -> Iterator[Connection]:
    """A connection in a transaction fit for schema changes, committed at the end of the block.

    On SQLite, foreign keys are switched off for the transaction (table
    rebuilds would otherwise cascade) and checked with ``foreign_key_check``
    before the commit; any violation rolls everything back.
    """
    with db.engine.connect() as connection:
        sqlite = db.dialect == "sqlite"
        driver = connection.connection.driver_connection if sqlite else None
        if driver is not None:
            driver.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                yield connection
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                    if broken is not None:
                        raise ConfigError(
                            f"the change would leave {broken[0]} rows pointing at missing {broken[2]} rows"
                        )
        finally:
            if driver is not None:
                driver.execute("PRAGMA foreign_keys = ON")


@contextmanager
def _environment(registry: Registry, connection: Connection) -> Iterator[Environment]:
    factory = session_factory(connection, join_transaction_mode="create_savepoint")
    with factory() as session:
        env = Environment(registry, session)
        yield env
        env.flush()
        session.commit()  # releases the savepoint; the connection's transaction commits later


def install(
    db: Database, names: Iterable[str], *, demo: bool = False, progress: Progress = _quiet
) -> list[str]:
    """Install ``names`` and the dependencies they need, in dependency order; returns what was installed.

    Installing what is already installed does nothing. If anything fails once
    the database is touched (a data file, an ``addon_installed`` hook), the
    error propagates and the transaction is rolled back: nothing was changed.

    Raises:
        ConfigError: an addon or dependency is missing, has the wrong version,
            is in a cycle, an installed addon's code is newer or older than
            the database (upgrade first), or a data file is wrong.
    """
    installed = db.installed()
    order = [m.name for m in resolve([*installed, *names], db.available)]
    new = [name for name in order if name not in installed]
    if not new:
        progress("nothing to install")
        return []
    _check_not_older(db, installed)
    pending = [n for n in installed if n in db.available and db.available[n].version > Version(installed[n])]
    if pending:
        raise ConfigError(
            f"cannot install while {', '.join(pending)} await(s) an upgrade: "
            "the code is newer than the database; run upgrade first"
        )
    progress(f"building the registry of {len(order)} addon(s)")
    registry = build_registry(order, db.available)
    with schema_transaction(db) as connection, _environment(registry, connection) as env:
        add_missing(connection, registry, env, progress)
        for position, name in enumerate(new, 1):
            progress(f"[{position}/{len(new)}] installing {name} {db.available[name].version}")
            _install_one(env, db, name, demo=demo, progress=progress)
    db.reload(registry)
    return new


def _install_one(env: Environment, db: Database, name: str, *, demo: bool, progress: Progress) -> None:
    """Load a new addon's data files, record it as installed, load the extras' files it
    completes and fire ``addon_installed``."""
    manifest = db.available[name]
    count = datafiles.load_own(env, db.available, name, demo=demo, update=False)
    if count:
        progress(f"    {count} record(s) from data files")
    env["base.addon"].create(
        {
            "name": name,
            "version": str(manifest.version),
            "summary": manifest.summary,
            "installed_at": dt.datetime.now(dt.UTC),
            "demo": demo,
        }
    )
    datafiles.load_completed_extras(env, db.available, name, progress)
    env.hook.addon_installed(env=env, addon=name)


def _check_not_older(db: Database, installed: dict[str, str]) -> None:
    """Refuse to touch a database whose installed addons have newer versions than their code."""
    for name, version in installed.items():
        manifest = db.available.get(name)
        if manifest is not None and manifest.version < Version(version):
            raise ConfigError(
                f"addon {name}: the code is version {manifest.version}, older than the database's {version}"
            )


def uninstall(db: Database, names: Iterable[str], *, progress: Progress = _quiet) -> list[str]:
    """Remove ``names``: their records, columns and tables; returns what was removed.

    Raises:
        ConfigError: an addon is not installed, is the kernel, or installed
            addons that stay depend on it (they are named).
    """
    names = list(dict.fromkeys(names))
    installed = db.installed()
    for name in names:
        if name == KERNEL_ADDON:
            raise ConfigError("base is the kernel's addon and cannot be uninstalled")
        if name not in installed:
            raise ConfigError(f"addon {name} is not installed")
    for name in names:
        blocking = [other for other in dependents(name, installed, db.available) if other not in names]
        if blocking:
            raise ConfigError(
                f"cannot uninstall {name}: {', '.join(blocking)} depend(s) on it; uninstall them too"
            )
    before = db.registry
    remaining = [name for name in installed if name not in names]
    progress(f"building the registry of the {len(remaining)} remaining addon(s)")
    after = build_registry(remaining, db.available)
    gone = [name for name in before.models if name not in after]
    with schema_transaction(db) as connection:
        with _environment(before, connection) as env:
            leaving = list(reversed([n for n in before.addons if n in names]))
            for name in leaving:
                progress(f"uninstalling {name}")
                env.hook.addon_uninstalling(env=env, addon=name)
            forget_models(env, gone)
        # The tables and columns go first: their rows may point at the records below (restrict).
        drop_removed(connection, before, after, progress)
        with _environment(after, connection) as env:
            datafiles.remove_extra_records(env, db.available, names, after)
            for name in leaving:
                datafiles.remove_records(env, name, after)
            env["base.external_id"].search([("model", "in", gone)]).unlink()
            env["base.addon"].search([("name", "in", names)]).unlink()
    db.reload(after)
    return names


def upgrade(db: Database, names: Iterable[str] | None = None, *, progress: Progress = _quiet) -> list[str]:
    """Bring installed addons to the version of their code: schema, migrations, data.

    ``names`` defaults to every installed addon whose code is newer than the
    database; naming an addon reloads its data even at the same version.
    Dependencies the new code adds are installed along the way. Returns the
    upgraded addons. A failing migration, data file or hook rolls everything back.

    Raises:
        ConfigError: an addon is not installed, or an installed addon's code
            is older than the database.
    """
    installed = db.installed()
    order = [m.name for m in resolve(list(installed), db.available)]
    _check_not_older(db, installed)
    if names is None:
        targets = [n for n in order if n in installed and db.available[n].version > Version(installed[n])]
    else:
        targets = list(dict.fromkeys(names))
        for name in targets:
            if name not in installed:
                raise ConfigError(f"addon {name} is not installed")
    progress(f"building the registry of {len(order)} addon(s)")
    registry = build_registry(order, db.available)
    with schema_transaction(db) as connection, _environment(registry, connection) as env:
        add_missing(connection, registry, env, progress)
        for name in order:
            manifest = db.available[name]
            if name not in installed:
                progress(f"installing {name} {manifest.version}, a new dependency")
                _install_one(env, db, name, demo=False, progress=progress)
                continue
            if name not in targets:
                continue
            old = Version(installed[name])
            progress(f"upgrading {name} {old} -> {manifest.version}")
            for script in _migrations(manifest.path, old, manifest.version):
                progress(f"    migration {script.name}")
                _run_migration(script, connection, env)
            datafiles.reload(env, db.available, name)
            row = env["base.addon"].search([("name", "=", name)]).ensure_one()
            row.write({"version": str(manifest.version), "upgraded_at": dt.datetime.now(dt.UTC)})
            env.hook.addon_upgraded(
                env=env, addon=name, from_version=str(old), to_version=str(manifest.version)
            )
    db.reload(registry)
    return targets


def _migrations(path: Path, after: Version, upto: Version) -> list[Path]:
    """Migration scripts ``migrations/<version>.py`` with after < version <= upto, in order."""
    folder = path / "migrations"
    if not folder.is_dir():
        return []
    scripts = []
    for script in folder.glob("*.py"):
        try:
            version = Version(script.stem)
        except ValueError:
            continue
        if after < version <= upto:
            scripts.append((version, script))
    return [script for _, script in sorted(scripts)]


def _run_migration(script: Path, connection: Connection, env: Environment) -> None:
    spec = importlib.util.spec_from_file_location(f"tessera_migration_{script.stem}", script)
    if spec is None or spec.loader is None:
        raise ConfigError(f"{script}: cannot be loaded")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    migrate = getattr(module, "migrate", None)
    if not callable(migrate):
        raise ConfigError(f"{script}: defines no migrate(op, env) function")
    env.flush()
    migrate(operations(connection), env)
