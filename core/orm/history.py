"""Record history (the "chatter"): who created a record, who changed which tracked field from
what to what and when, and the notes users post on it.

A model opts in with ``_history = True``; its fields declared ``tracked=True``
are then logged::

    class Partner(Model, name="base.partner"):
        _history = True
        email = fields.Char(tracked=True)

    partner.write({"email": "info@acme.example"})
    partner.post_note("Called about the invoice.")
    partner.history()  # newest first: the note, the change of email, the creation

The flush (`core.orm.flush`) and the batch paths (`core.orm.bulk`) collect a
"creation" entry for each new record and one "change" entry per record whose
tracked fields changed, with display values (many2one names, selection labels,
ISO dates) read before the write, and store them as ``base.message`` rows with
one Core INSERT once the records have ids. Messages are append-only: outside
``env.su`` nothing may change or delete them. A record's messages outlive it;
uninstalling the addon of a model deletes that model's messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import insert as sql_insert
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import NO_VALUE

from core.errors import AccessError
from core.errors import UserError
from core.errors import ValidationError
from core.i18n import _
from core.i18n import current
from core.orm.fields.relational import Many2one
from core.orm.fields.selection import Selection
from core.orm.names import display_names

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.fields.base import Field
    from core.orm.model import Model

MESSAGE_MODEL = "base.message"
APPEND_ONLY = "History messages cannot be changed or deleted."
UNKNOWN: Any = NO_VALUE


@dataclass(slots=True)
class Entry:
    """One message to store about ``record``; ``changes`` holds display values."""

    record: Model
    kind: str
    changes: list[dict[str, Any]] = dataclass_field(default_factory=list)
    body: str | None = None


def has_history(model: type[Model]) -> bool:
    """Whether ``model`` keeps a history (and the registry has somewhere to keep it)."""
    return model._history and MESSAGE_MODEL in model._registry


def tracked_fields(model: type[Model]) -> dict[str, Field[Any]]:
    """The fields of ``model`` whose changes are logged: stored, ``tracked``, not to-many."""
    return {
        name: field
        for name, field in model._fields.items()
        if field.tracked and field.store and field.type_name not in ("one2many", "many2many")
    }


# -- collecting ------------------------------------------------------------------


def collect(env: Environment, new: Sequence[Model], changed: Mapping[Model, set[str]]) -> list[Entry]:
    """The entries of one flush: a creation per new record, a change per changed record.

    Called in ``before_flush`` after the recompute, while the old values are still known.
    """
    pending = [
        (record, {n: _current(record, record._fields[n]) for n in names if record._fields[n].tracked})
        for record, names in changed.items()
        if record._history
    ]
    return created(new) + changes(env, pending)


def created(records: Sequence[Model]) -> list[Entry]:
    """A creation entry for each record of ``records`` whose model keeps a history."""
    return [Entry(record, "creation") for record in records if has_history(type(record))]


def changes(env: Environment, pending: Sequence[tuple[Model, Mapping[str, Any]]]) -> list[Entry]:
    """A change entry per record of ``pending``, a list of (record, new values by field name).

    The old values are the record's loaded ones; values not loaded are read
    from the database (which still holds them), one query per model. Fields
    that are not tracked or keep their value are left out.
    """
    tracked_of: dict[type[Model], dict[str, Field[Any]]] = {}
    prepared: list[tuple[Model, list[tuple[Field[Any], Any, Any]]]] = []
    for record, values in pending:
        model = type(record)
        if model not in tracked_of:
            tracked_of[model] = tracked_fields(model) if has_history(model) else {}
        tracked = tracked_of[model]
        if any(name in tracked for name in values):
            state = sa_inspect(record)
            triples = [
                (tracked[n], _old(state, tracked[n]), new) for n, new in values.items() if n in tracked
            ]
            prepared.append((record, triples))
    stored = _stored_values(
        env, [record for record, triples in prepared if any(t[1] is UNKNOWN for t in triples)]
    )
    resolved = [
        (
            record,
            [(f, stored[record][f.column_name] if old is UNKNOWN else old, new) for f, old, new in triples],
        )
        for record, triples in prepared
    ]
    entries = []
    with env.as_system(), env.session.no_autoflush:
        names = _display_names(env, [(f, v) for _, triples in resolved for f, *pair in triples for v in pair])
        for record, triples in resolved:
            logged = [
                {
                    "field": field.name,
                    "label": field.label,
                    "old": _display(field, old, names),
                    "new": _display(field, new, names),
                }
                for field, old, new in triples
                if _key(old) != _key(new)
            ]
            if logged:
                entries.append(Entry(record, "change", logged))
    return entries


def _current(record: Model, field: Field[Any]) -> Any:
    """The value ``field`` is being written with; a many2one set by its column gives the id."""
    if isinstance(field, Many2one):
        committed = sa_inspect(record).committed_state
        if field.column_name in committed and field.name not in committed:
            return getattr(record, field.column_name)
    return getattr(record, field.name)


def _old(state: Any, field: Field[Any]) -> Any:
    """The value ``field`` had when loaded or last flushed (an id for a many2one), or UNKNOWN.

    ``committed_state`` holds the value an attribute had before it was set, and
    tells "was None" from "never loaded" (NO_VALUE), which ``get_history`` does
    not. A many2one's column keeps the old id until the flush syncs it.
    """
    key = field.column_name
    if key in state.committed_state:
        return state.committed_state[key]
    return state.dict.get(key, UNKNOWN)


def _stored_values(env: Environment, records: Sequence[Model]) -> dict[Model, Mapping[str, Any]]:
    """The tracked columns of ``records`` as the database holds them, one query per model."""
    by_model: dict[type[Model], dict[int, Model]] = {}
    for record in records:
        # The identity, not `record.id`: reading an expired attribute would load the row.
        by_model.setdefault(type(record), {})[sa_inspect(record).identity[0]] = record
    stored: dict[Model, Mapping[str, Any]] = {}
    for model, by_id in by_model.items():
        table = model._table
        columns = [table.c[f.column_name] for f in tracked_fields(model).values()]
        stmt = select(table.c.id, *columns).where(table.c.id.in_(list(by_id)))
        with env.session.no_autoflush:
            for row in env.session.execute(stmt):
                stored[by_id[row.id]] = row._mapping
    return stored


def _key(value: Any) -> Any:
    """What old and new values are compared by: a record by its id (a new record differs from all)."""
    if hasattr(value, "_fields"):
        return value.id if value.id is not None else ("new", id(value))
    return value


def _display_names(env: Environment, values: Iterable[tuple[Field[Any], Any]]) -> dict[tuple[str, int], str]:
    """Display names of the records many2one values name by id, one query per target model."""
    ids: dict[str, set[int]] = {}
    for field, value in values:
        if isinstance(field, Many2one) and type(value) is int:
            ids.setdefault(field.comodel, set()).add(value)
    return {
        (comodel, record_id): name
        for comodel, wanted in ids.items()
        for record_id, name in display_names(env, env.registry[comodel], wanted).items()
    }


def _display(field: Field[Any], value: Any, names: Mapping[tuple[str, int], str]) -> Any:
    """``value`` as users read it: a record's name, a selection's label, ISO dates, Decimals as text."""
    if value is None:
        return None
    if isinstance(field, Many2one):
        return names.get((field.comodel, value)) if type(value) is int else value.display_name
    if isinstance(field, Selection):
        return field.label_of(value)
    return field.to_json(value)


# -- storing -------------------------------------------------------------------


def store(env: Environment, entries: Sequence[Entry]) -> None:
    """Insert ``entries`` as ``base.message`` rows, authored by the acting user, in one statement.

    A Core INSERT rather than records in the session: it runs inside
    ``after_flush_postexec`` without starting another flush, is one statement
    for a whole batch, and, being the kernel's own write, is not subject to
    the user's rights (no ``records_created`` hook fires for messages).
    """
    if not entries:
        return
    table = env.registry[MESSAGE_MODEL]._table
    now = dt.datetime.now(dt.UTC)
    rows = [
        {
            "model": entry.record._name,
            "res_id": entry.record.id,
            "kind": entry.kind,
            "body": entry.body,
            "changes": entry.changes,
            "author_id": env.user_id,
            "created_at": now,
            "updated_at": now,
            "created_by_id": env.user_id,
            "updated_by_id": env.user_id,
        }
        for entry in entries
    ]
    env.session.execute(sql_insert(table), rows)


def refuse_edits(env: Environment, changed: Iterable[Model], deleted: Iterable[Model]) -> None:
    """Raise `AccessError` if a flush outside ``env.su`` changes or deletes a message."""
    if env.su:
        return
    for records in (changed, deleted):
        if any(record._name == MESSAGE_MODEL for record in records):
            raise AccessError(APPEND_ONLY)


def forget_models(env: Environment, model_names: Sequence[str]) -> None:
    """Delete the messages of the models ``model_names`` (their addon is being uninstalled)."""
    if model_names and MESSAGE_MODEL in env.registry:
        table = env.registry[MESSAGE_MODEL]._table
        env.session.execute(sql_delete(table).where(table.c.model.in_(model_names)))


# -- reading and posting -------------------------------------------------------------


def _check_readable(record: Model) -> None:
    """Raise unless the model keeps a history and the user may read ``record``."""
    model, env = type(record), record.env
    if not has_history(model):
        raise UserError(_("%(model)s records keep no history.", model=current().model_label(model)))
    if not env.su:
        env.access.check(model, "read")
        env.access.check_rows(model, "read", [record.id])


def read_history(record: Model, limit: int | None = None) -> list[dict[str, Any]]:
    """The messages of ``record``, newest first (see `Model.history`)."""
    _check_readable(record)
    env = record.env
    model = type(record)
    visible = {name for name, field in model._fields.items() if env.su or env.access.can_see_field(field)}
    with env.sudo():
        message = env.registry[MESSAGE_MODEL]
        domain = [("model", "=", record._name), ("res_id", "=", record.id)]
        messages = message.search(env, domain, limit=limit)
        messages.prefetch(["author"])
        return [
            {
                "id": m.id,
                "kind": m.kind,  # type: ignore[attr-defined]
                "body": m.body,  # type: ignore[attr-defined]
                # Old and new values of fields the reader may not see stay hidden.
                "changes": [c for c in m.changes or [] if c["field"] in visible],  # type: ignore[attr-defined]
                "author": m.author.display_name if m.author else None,  # type: ignore[attr-defined]
                "created_at": m.created_at.isoformat() if m.created_at else None,
            }
            for m in messages
        ]


def post_note(record: Model, body: str) -> None:
    """Add a note by the acting user to ``record``'s history (see `Model.post_note`)."""
    _check_readable(record)
    if not body or not body.strip():
        raise ValidationError(fields={"body": _("Write something to post.")})
    record.env.flush()
    store(record.env, [Entry(record, "note", body=body.strip())])
