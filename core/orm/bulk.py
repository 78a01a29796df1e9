"""Batch paths for create, write and unlink: one statement per batch, the same rules as a flush.

SQLAlchemy's unit of work tracks each object on its own, which costs far more
than the SQL for large batches. When a batch cannot affect other records
through the compute graph and needs no per-record relation handling, the
kernel runs the flush's steps itself (`core.orm.flush`: recompute, stamps,
rounding, validation, restrict checks, history, hooks) and writes with one statement
per batch: ``INSERT … RETURNING id`` (insertmanyvalues), ``UPDATE … WHERE id
IN``, ``DELETE … WHERE id IN``. The records in the session are kept exactly as
the unit of work would leave them. Anything else takes the unit of work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import insert as sql_insert
from sqlalchemy import text
from sqlalchemy import update as sql_update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from core.errors import ValidationError
from core.i18n import _
from core.orm import flush
from core.orm import history
from core.orm.access import check_rules_after
from core.orm.compute import recompute
from core.orm.environment import conflict_from
from core.orm.fields.relational import Many2one
from core.orm.model import DRAFT_ENV_KEY
from core.orm.records import RecordSet

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.model import Model

CHUNK = 5_000
PLAIN = frozenset(
    {"char", "text", "boolean", "integer", "float", "decimal", "date", "datetime", "selection", "json"}
)


@contextmanager
def _conflicts(env: Environment) -> Iterator[None]:
    """Turn the database's refusal of a batch statement into a `ConflictError`, as a flush does."""
    try:
        yield
    except IntegrityError as error:
        raise conflict_from(env.registry, error) from error


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _feeds_others(model: type[Model], names: Any) -> bool:
    """Whether a change of ``names`` on ``model`` recomputes fields of other records."""
    triggers = model._registry.compute_graph.triggers
    return any(trigger.path for name in names for trigger in triggers.get((model._name, name), ()))


# -- create ---------------------------------------------------------------------


def insertable(model: type[Model], vals_list: Sequence[Mapping[str, Any]]) -> bool:
    """Whether ``vals_list`` can be inserted in one statement (no to-many values, no pending records)."""
    if len(vals_list) < 2 or _feeds_others(model, model._fields):
        return False
    for vals in vals_list:
        for name, value in vals.items():
            field = model._fields.get(name)
            if field is None or field.type_name in ("one2many", "many2many"):
                return False
            if field.type_name == "many2one" and value is not None and type(value) is not int:
                if getattr(value, "id", None) is None:
                    return False
    return True


def _draft(env: Environment, model: type[Model], vals: Mapping[str, Any]) -> Model:
    """A transient record holding converted values; many2ones set without touching their targets."""
    draft = model()
    draft.__dict__[DRAFT_ENV_KEY] = env
    defaults = {f.name: f.default_value(env) for f in model._defaults if f.name not in vals}
    for name, value in model._convert({**defaults, **vals}, env).items():
        field = model._fields[name]
        if isinstance(field, Many2one):
            set_committed_value(draft, name, value)
            setattr(draft, field.column_name, value.id if value is not None else None)
        else:
            setattr(draft, name, value)
    return draft


def insert(env: Environment, model: type[Model], vals_list: Sequence[Mapping[str, Any]]) -> RecordSet[Any]:
    """Create records from ``vals_list`` with one INSERT; returns them, attached and clean."""
    env.flush()
    if not env.su:
        env.access.check(model, "create")
        env.access.check_fields(model, {name for vals in vals_list for name in vals})
    with env.session.no_autoflush:
        drafts = [_draft(env, model, vals) for vals in vals_list]
        with env.as_system():
            recompute(env, drafts, {})
            flush.stamp(env, drafts, {})
            flush.round_money(drafts)
            flush.validate(drafts, {})
    table = model._table
    columns = [column.key for column in table.columns if column.key != "id"]
    rows = [{key: draft.__dict__.get(key) for key in columns} for draft in drafts]
    # One savepoint: a batch refused by a rule or the database leaves nothing behind.
    with env.session.begin_nested(), _conflicts(env):
        ids = _insert_rows(env, model, rows)
        for draft, record_id in zip(drafts, ids, strict=True):
            draft.id = record_id
        check_rules_after(env, drafts, "create")
        history.store(env, history.created(drafts))
    for draft, row in zip(drafts, rows, strict=True):
        row.pop("id", None)
        del draft.__dict__[DRAFT_ENV_KEY]
        # Unset columns are NULL in the row; make_transient_to_detached then
        # commits the whole dict as loaded state, so the record is clean.
        values = vars(draft)
        for key, value in row.items():
            values.setdefault(key, value)
        make_transient_to_detached(draft)
        env.session.add(draft)
    records = RecordSet(env, model, drafts)
    flush.notify(env, created=list(drafts))
    return records


def _insert_rows(env: Environment, model: type[Model], rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` with executemany and return their ids, in order.

    Ids are taken before the insert, so the rows can go in as a plain
    executemany (what SQLAlchemy Core does) rather than one RETURNING
    statement per row or per huge batch: on PostgreSQL from the table's
    sequence, on SQLite by inserting the first row (which takes the write
    lock and the next rowid) and numbering the others after it, which no other
    writer can interleave with while the lock is held.
    """
    session, table = env.session, model._table
    used = [key for key in rows[0] if any(row[key] is not None for row in rows)]
    if session.get_bind().dialect.name == "postgresql":
        sequence = session.scalar(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name})
        ids = sorted(
            session.scalars(
                text("SELECT nextval(:s) FROM generate_series(1, :n)"), {"s": sequence, "n": len(rows)}
            )
        )
        batch = [
            {"id": record_id, **{key: row[key] for key in used}}
            for row, record_id in zip(rows, ids, strict=True)
        ]
    else:
        leading = {key: rows[0][key] for key in used}
        first = session.execute(sql_insert(table).returning(table.c.id), leading).scalar_one()
        ids = list(range(first, first + len(rows)))
        batch = [
            {"id": record_id, **{key: row[key] for key in used}}
            for row, record_id in zip(rows[1:], ids[1:], strict=True)
        ]
    if batch:
        session.execute(sql_insert(table), batch)
    return ids


# -- write ----------------------------------------------------------------------


def updatable(model: type[Model], names: Any) -> bool:
    """Whether writing ``names`` can be one UPDATE: plain stored fields that no compute, constraint or
    currency rounding watches."""
    names = set(names)
    for name in names:
        field = model._fields.get(name)
        if field is None or not field.store or field.compute or field.type_name not in PLAIN | {"many2one"}:
            return False
        if field.type_name == "monetary" or model._registry.compute_graph.triggers.get((model._name, name)):
            return False
    return not any(names.intersection(watched) for _, watched in model._constraint_methods)  # type: ignore[attr-defined]


def update(env: Environment, records: RecordSet[Any], vals: Mapping[str, Any]) -> None:
    """Write the same ``vals`` on every record with one UPDATE per chunk of ids."""
    model = records.model
    env.flush()
    if not env.su:
        env.access.check(model, "write")
        env.access.check_fields(model, vals)
        env.access.check_rows(model, "write", list(records.ids))
    converted = model._convert(vals, env)
    missing = [name for name in model._required if name in converted and converted[name] is None]  # type: ignore[attr-defined]
    if missing:
        raise ValidationError(fields={name: _("This field is required.") for name in missing})
    columns: dict[str, Any] = {}
    for name, value in converted.items():
        field = model._fields[name]
        columns[field.column_name] = value.id if isinstance(field, Many2one) and value is not None else value
    columns["updated_at"] = dt.datetime.now(dt.UTC)
    columns["updated_by_id"] = env.user_id
    logged = history.changes(env, [(record, converted) for record in records])
    table = model._table
    # One savepoint: a chunk refused by the database or a write rule undoes the batch.
    with env.session.begin_nested(), _conflicts(env):
        for chunk in _chunks(records.ids):
            env.session.execute(sql_update(table).where(table.c.id.in_(chunk)).values(columns))
        check_rules_after(env, list(records), "write")
        history.store(env, logged)
    for record in records:
        for key, value in columns.items():
            set_committed_value(record, key, value)
        for name, value in converted.items():
            if isinstance(model._fields[name], Many2one):
                set_committed_value(record, name, value)
    flush.notify(env, written=[(record, set(converted)) for record in records])


# -- unlink ---------------------------------------------------------------------


def deletable(model: type[Model]) -> bool:
    """Whether deleting records of ``model`` can be one DELETE (no compute depends on them)."""
    return not _feeds_others(model, model._fields)


def delete(env: Environment, records: RecordSet[Any]) -> None:
    """Delete the records with one DELETE per chunk; the database applies cascades and set-null."""
    model = records.model
    env.flush()
    if not env.su:
        env.access.check(model, "delete")
        env.access.check_rows(model, "delete", list(records.ids))
    with env.session.no_autoflush, env.as_system():
        flush.refuse_restricted_deletes(env, list(records))
    ids = list(records.ids)
    table = model._table
    with env.session.begin_nested(), _conflicts(env):
        for chunk in _chunks(ids):
            env.session.execute(sql_delete(table).where(table.c.id.in_(chunk)))
    for record in records:
        env.session.expunge(record)
    _forget_references(env, model, set(ids))
    flush.notify(env, deleted=[(model._name, record_id) for record_id in ids])


def _forget_references(env: Environment, model: type[Model], ids: set[int]) -> None:
    """Bring records in the session in line with what the database did to rows referencing ``ids``."""
    session = env.session
    for other in list(session.identity_map.values()):
        for field in type(other)._fields.values():
            if getattr(field, "comodel", None) != model._name:
                continue
            if isinstance(field, Many2one) and field.store:
                if getattr(other, field.column_name) not in ids:
                    continue
                if field.ondelete == "cascade":
                    session.expunge(other)
                    _forget_references(env, type(other), {other.id})
                    break
                set_committed_value(other, field.column_name, None)
                set_committed_value(other, field.name, None)
            elif field.name in other.__dict__:
                session.expire(other, [field.name])
