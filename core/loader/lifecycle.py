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
from sqlalchemy.orm import sessionmaker

from core.database import Database
from core.database import build_registry
from core.errors import ConfigError
from core.loader.graph import KERNEL_ADDON
from core.loader.graph import dependents
from core.loader.graph import resolve
from core.loader.migrate import add_missing
from core.loader.migrate import drop_removed
from core.loader.migrate import operations
from core.orm.data import DataLoader
from core.orm.environment import Environment
from core.orm.flush import install_flush_events
from core.orm.registry import Registry

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
    factory = sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
    install_flush_events(factory)
    with factory() as session:
        env = Environment(registry, session)
        yield env
        env.flush()
        session.commit()  # releases the savepoint; the connection's transaction commits later


def _load_files(env: Environment, db: Database, name: str, *, demo: bool, update: bool) -> int:
    manifest = db.available[name]
    loader = DataLoader(env, name)
    files = list(manifest.data) + (list(manifest.demo) if demo else [])
    return sum(loader.load_file(manifest.path / file, update=update) for file in files)


def install(
    db: Database, names: Iterable[str], *, demo: bool = False, progress: Progress = _quiet
) -> list[str]:
    """Install ``names`` and the dependencies they need; returns what was installed.

    Raises:
        ConfigError: an addon or dependency is missing, has the wrong version,
            is in a cycle, or its install failed (nothing was changed).
    """
    installed = db.installed()
    order = [m.name for m in resolve([*installed, *names], db.available)]
    new = [name for name in order if name not in installed]
    if not new:
        progress("nothing to install")
        return []
    progress(f"building the registry of {len(order)} addon(s)")
    registry = build_registry(order, db.available)
    now = dt.datetime.now(dt.UTC)
    with schema_transaction(db) as connection, _environment(registry, connection) as env:
        add_missing(connection, registry, env, progress)
        for position, name in enumerate(new, 1):
            manifest = db.available[name]
            progress(f"[{position}/{len(new)}] installing {name} {manifest.version}")
            count = _load_files(env, db, name, demo=demo, update=False)
            if count:
                progress(f"    {count} record(s) from data files")
            env["base.addon"].create(
                {
                    "name": name,
                    "version": str(manifest.version),
                    "summary": manifest.summary,
                    "installed_at": now,
                    "demo": demo,
                }
            )
            env.hook.addon_installed(env=env, addon=name)
    db.reload(registry)
    return new


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
    with schema_transaction(db) as connection:
        with _environment(before, connection) as env:
            for name in reversed([n for n in before.addons if n in names]):
                progress(f"uninstalling {name}")
                env.hook.addon_uninstalling(env=env, addon=name)
                _remove_records(env, name, after)
            env["base.addon"].search([("name", "in", names)]).unlink()
        drop_removed(connection, before, after, progress)
    db.reload(after)
    return names


def _remove_records(env: Environment, addon: str, after: Registry) -> None:
    """Delete the records the addon's data files created in models that survive it."""
    links = env["base.external_id"].search([("addon", "=", addon)])
    for link in links:
        if link.model in after:  # type: ignore[attr-defined]
            record = env.session.get(env.registry[link.model], link.res_id)  # type: ignore[attr-defined]
            if record is not None:
                env.session.delete(record)
    links.unlink()


def upgrade(db: Database, names: Iterable[str] | None = None, *, progress: Progress = _quiet) -> list[str]:
    """Bring installed addons to the version of their code: schema, migrations, data.

    ``names`` defaults to every installed addon whose code is newer than the
    database; naming an addon reloads its data even at the same version.
    Returns the upgraded addons.

    Raises:
        ConfigError: an addon is not installed, its code is older than the
            database, or a migration failed (nothing was changed).
    """
    installed = db.installed()
    order = [m.name for m in resolve(list(installed), db.available)]
    if names is None:
        targets = [n for n in order if n in installed and db.available[n].version > Version(installed[n])]
    else:
        targets = list(names)
        for name in targets:
            if name not in installed:
                raise ConfigError(f"addon {name} is not installed")
    for name in targets:
        if db.available[name].version < Version(installed[name]):
            raise ConfigError(
                f"addon {name}: the code is version {db.available[name].version}, "
                f"older than the database's {installed[name]}"
            )
    progress(f"building the registry of {len(order)} addon(s)")
    registry = build_registry(order, db.available)
    with schema_transaction(db) as connection, _environment(registry, connection) as env:
        add_missing(connection, registry, env, progress)
        for name in [n for n in order if n in targets or n not in installed]:
            manifest = db.available[name]
            old = Version(installed.get(name, "0"))
            progress(f"upgrading {name} {old} -> {manifest.version}")
            for script in _migrations(manifest.path, old, manifest.version):
                progress(f"    migration {script.name}")
                _run_migration(script, connection, env)
            row = env["base.addon"].search([("name", "=", name)])
            demo = bool(row and row[0].demo)  # type: ignore[attr-defined]
            _load_files(env, db, name, demo=demo, update=True)
            if row:
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
