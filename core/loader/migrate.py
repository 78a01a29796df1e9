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
from sqlalchemy import Constraint
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
    """Add ``column`` to a populated table: plain and nullable, filled, then constrained.

    The bare column goes in with ``ALTER TABLE ADD COLUMN`` (which both
    databases do in place); existing rows get the field's default; only then
    come the foreign key, the unique constraint and NOT NULL, in one batch
    (a single table rebuild on SQLite, plain ``ALTER`` statements on
    PostgreSQL), and finally the index.
    """
    op.add_column(table.name, Column(column.name, column.type, nullable=True))
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
    if column.foreign_keys or column.unique or not column.nullable:
        with op.batch_alter_table(table.name) as batch:
            for foreign_key in column.foreign_keys:
                batch.create_foreign_key(
                    _name(foreign_key.constraint, table, column, "fk"),
                    foreign_key.column.table.name,
                    [column.name],
                    [foreign_key.column.name],
                    ondelete=foreign_key.ondelete,
                )
            if column.unique:
                batch.create_unique_constraint(f"uq_{table.name}_{column.name}", [column.name])
            if not column.nullable:
                batch.alter_column(column.name, existing_type=column.type, nullable=False)
    if column.index:
        op.create_index(f"ix_{table.name}_{column.name}", table.name, [column.name])


def _name(constraint: Constraint | None, table: Table, column: Column[Any], kind: str) -> str:
    """The constraint's own name, or the registry's naming convention's (``fk_<table>_<column>``)."""
    name = constraint.name if constraint is not None else None
    return name if isinstance(name, str) else f"{kind}_{table.name}_{column.name}"


def drop_removed(
    connection: Connection, before: Registry, after: Registry | None, progress: Progress
) -> None:
    """Drop the tables and columns ``before`` has and ``after`` has not.

    Columns go first: a column that stays behind in a kept table (``base_partner.tier_id``)
    may hold a foreign key to a table about to be dropped, which PostgreSQL
    would refuse to drop and SQLite's table rebuild could no longer reflect.
    """
    keep = after.metadata.tables if after is not None else {}
    op = operations(connection)
    inspector = inspect(connection)
    existing = set(inspector.get_table_names())
    for table in before.metadata.tables.values():
        if table.name not in existing or table.name not in keep:
            continue
        wanted = keep[table.name].columns
        gone = {column.name for column in table.columns if column.name not in wanted}
        if gone:
            progress(f"dropping column(s) {', '.join(f'{table.name}.{name}' for name in sorted(gone))}")
            with op.batch_alter_table(table.name) as batch:
                # SQLite's table rebuild would recreate an index on a dropped column.
                for index in inspector.get_indexes(table.name):
                    if index["name"] and gone & set(index["column_names"]):
                        batch.drop_index(index["name"])
                for name in gone:
                    batch.drop_column(name)
    doomed = [t for t in before.metadata.tables.values() if t.name in existing and t.name not in keep]
    if doomed:
        progress(f"dropping {len(doomed)} table(s): {', '.join(t.name for t in doomed)}")
        before.metadata.drop_all(connection, tables=doomed)
