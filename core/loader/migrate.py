"""Bring a live database's schema to what a registry declares, with Alembic operations.

Install and upgrade add what is missing: tables (in foreign-key order) and
columns, filling existing rows with the field's default and only then making
a required column NOT NULL. Uninstall drops what the previous registry had
and the next one does not. On SQLite, changes SQLite's ALTER TABLE cannot do
(a foreign key, NOT NULL, dropping a constraint) go through Alembic's batch
mode, which rebuilds the table; the caller runs that with foreign keys off and
checks them before committing, as SQLite's documentation prescribes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import Column
from sqlalchemy import Connection
from sqlalchemy import Table
from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy import update

from core.errors import ConfigError
from core.orm.environment import Environment
from core.orm.fields.base import MISSING
from core.orm.registry import Registry

Progress = Callable[[str], None]


def operations(connection: Connection) -> Operations:
    """Alembic operations bound to ``connection`` (inside its transaction)."""
    return Operations(MigrationContext.configure(connection, opts={"render_as_batch": True}))


def _field_of(registry: Registry, table: str, column: str) -> Any:
    for model_name, model_table in registry.tables.items():
        if model_table.name == table:
            for field in registry.models[model_name]._fields.values():
                if field.store and field.column_name == column:
                    return field
    return None


def add_missing(connection: Connection, registry: Registry, env: Environment, progress: Progress) -> None:
    """Create the tables and columns of ``registry`` that the database lacks.

    ``create_all`` orders the tables itself and, on PostgreSQL, adds the
    foreign keys of mutually dependent tables (partner ↔ company) afterwards.
    """
    inspector = inspect(connection)
    existing = set(inspector.get_table_names())
    missing_tables = [t for t in registry.metadata.tables.values() if t.name not in existing]
    if missing_tables:
        progress(f"creating {len(missing_tables)} table(s)")
        registry.metadata.create_all(connection, tables=missing_tables)
    op = operations(connection)
    for table in registry.metadata.tables.values():
        if table.name not in existing:
            continue
        present = {column["name"] for column in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present:
                progress(f"adding column {table.name}.{column.name}")
                _add_column(connection, op, registry, env, table, column)


def _add_column(
    connection: Connection,
    op: Operations,
    registry: Registry,
    env: Environment,
    table: Table,
    column: Column[Any],
) -> None:
    sqlite = connection.dialect.name == "sqlite"
    new = column._copy()
    new.nullable = True
    if column.foreign_keys and sqlite:
        with op.batch_alter_table(table.name, recreate="always") as batch:
            batch.add_column(new)
    else:
        op.add_column(table.name, new)
        if column.foreign_keys:
            foreign_key = next(iter(column.foreign_keys))
            op.create_foreign_key(
                foreign_key.constraint.name if foreign_key.constraint else None,
                table.name,
                foreign_key.column.table.name,
                [column.name],
                [foreign_key.column.name],
                ondelete=foreign_key.ondelete,
            )
    if column.index:
        op.create_index(f"ix_{table.name}_{column.name}", table.name, [column.name])
    field = _field_of(registry, table.name, column.name)
    default = field.default_value(env) if field is not None and field.default is not MISSING else None
    if default is not None:
        default = getattr(default, "id", default)
        connection.execute(update(table).values({column.name: default}))
    if not column.nullable:
        empty = connection.execute(
            text(f'SELECT COUNT(*) FROM "{table.name}" WHERE "{column.name}" IS NULL')
        ).scalar()
        if empty:
            raise ConfigError(
                f"cannot add the required field {table.name}.{column.name}: {empty} existing row(s) "
                "would have no value and the field has no default"
            )
        with op.batch_alter_table(table.name) as batch:
            batch.alter_column(column.name, existing_type=column.type, nullable=False)


def drop_removed(
    connection: Connection, before: Registry, after: Registry | None, progress: Progress
) -> None:
    """Drop the tables and columns ``before`` has and ``after`` has not."""
    keep = after.metadata.tables if after is not None else {}
    op = operations(connection)
    inspector = inspect(connection)
    existing = set(inspector.get_table_names())
    doomed = [t for t in before.metadata.tables.values() if t.name in existing and t.name not in keep]
    if doomed:
        progress(f"dropping {len(doomed)} table(s): {', '.join(t.name for t in doomed)}")
        before.metadata.drop_all(connection, tables=doomed)
    for table in before.metadata.tables.values():
        if table.name not in existing or table.name not in keep:
            continue
        wanted = keep[table.name].columns
        gone = [column for column in table.columns if column.name not in wanted]
        if gone:
            progress(f"dropping column(s) {', '.join(f'{table.name}.{c.name}' for c in gone)}")
            with op.batch_alter_table(table.name) as batch:
                for column in gone:
                    batch.drop_column(column.name)
