"""What the kernel does when a session flushes: one place, on SQLAlchemy's session events.

Before SQLAlchemy writes (``before_flush``), in this order:

1. stored computed fields are recomputed for new records and for the records
   that depend on changed or deleted ones (`core.orm.compute`);
2. audit columns are stamped (created/updated, at and by);
3. monetary amounts are rounded by their currency;
4. required fields and ``@constrains`` methods are checked; a failure raises
   `ValidationError` before anything is written;
5. deletions that ``restrict`` references would break are refused;
6. the history of models with ``_history`` is collected (`core.orm.history`).

Before any of it, the user's rights are checked for what their code changed
(`core.orm.access`); after the INSERTs and UPDATEs, new rows must satisfy the
create rules and changed rows the write rules (no moving a record out of reach).

After the rows are written (``after_flush_postexec``), the history messages
are stored, then the ``records_created``, ``records_written`` and
``records_deleted`` hooks fire, inside the same transaction. Because every
path (ORM API, attribute assignment, web, API) ends in a flush, no path goes
around these steps.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import event
from sqlalchemy import func
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import UOWTransaction
from sqlalchemy.orm import sessionmaker
from sqlalchemy.orm.attributes import PASSIVE_NO_INITIALIZE

from core.errors import ConflictError
from core.errors import ValidationError
from core.i18n import _
from core.i18n import current
from core.orm import history
from core.orm.access import check_flush
from core.orm.access import check_rules_after
from core.orm.compute import recompute
from core.orm.data import EXTERNAL_ID_MODEL
from core.orm.data import KNOWN_KEY
from core.orm.data import forget_external_ids
from core.orm.environment import ENV_KEY
from core.orm.fields.numeric import Monetary
from core.orm.fields.relational import Many2one
from core.orm.model import Model
from core.orm.records import RecordSet

if TYPE_CHECKING:
    from core.orm.environment import Environment

PENDING_KEY = "tessera.flushed"


def install_flush_events(factory: sessionmaker[Session]) -> None:
    """Attach the kernel's flush steps to every session ``factory`` makes."""
    event.listen(factory, "before_flush", before_flush)
    event.listen(factory, "after_flush_postexec", after_flush_postexec)
    event.listen(factory, "after_flush", forget_changed_external_ids)
    event.listen(factory, "after_soft_rollback", lambda session, previous: forget_external_ids(session))


def forget_changed_external_ids(session: Session, context: UOWTransaction) -> None:
    """What `env.ref` remembers is stale once an external id was written in this flush."""
    if KNOWN_KEY not in session.info:  # nothing remembered: no need to look at every flushed record
        return
    changed = (*session.new, *session.dirty, *session.deleted)
    if any(getattr(record, "_name", None) == EXTERNAL_ID_MODEL for record in changed):
        forget_external_ids(session)


def changed_fields(record: Model) -> set[str]:
    """Names of the fields of ``record`` changed since it was loaded or last flushed."""
    state = sa_inspect(record)
    by_attribute = type(record)._attribute_fields  # type: ignore[attr-defined]
    manager = state.manager
    names: set[str] = set()
    for key in state.committed_state:
        name = by_attribute.get(key)
        if name is not None and name not in names:
            history = manager[key].impl.get_history(state, state.dict, PASSIVE_NO_INITIALIZE)
            if history.has_changes():
                names.add(name)
    return names


def before_flush(session: Session, context: UOWTransaction, instances: Any) -> None:
    env: Environment | None = session.info.get(ENV_KEY)
    if env is None:
        return
    new = [obj for obj in session.new if isinstance(obj, Model)]
    deleted = [obj for obj in session.deleted if isinstance(obj, Model)]
    changed = {
        obj: names for obj in session.dirty if isinstance(obj, Model) and (names := changed_fields(obj))
    }
    # Rights are checked on what the user's code changed, before computes run; a
    # one2many side that only moved because its many2one changed is checked there.
    direct = [
        obj for obj, names in changed.items() if any(obj._fields[n].type_name != "one2many" for n in names)
    ]
    check_flush(env, new, direct, deleted)
    history.refuse_edits(env, direct, deleted)
    # The kernel's own steps see every row, whoever flushes: computed values and
    # constraints judged on the user's view alone would be stored wrong.
    with env.as_system():
        recompute(env, new, {**changed, **{obj: set(obj._fields) for obj in deleted}})
        new_set = set(new)
        changed = {
            obj: names
            for obj in session.dirty
            if isinstance(obj, Model) and obj not in new_set and (names := changed_fields(obj))
        }
        stamp(env, new, changed)
        round_money([*new, *changed])
        validate(new, changed)
        refuse_restricted_deletes(env, deleted)
        logged = history.collect(env, new, changed)
    session.info[PENDING_KEY] = {
        "direct": [obj for obj in direct if obj not in session.deleted],
        "created": new,
        "written": list(changed.items()),
        "deleted": [(obj._name, obj.id) for obj in deleted],
        "history": logged,
    }


def stamp(env: Environment, new: list[Model], changed: dict[Model, set[str]]) -> None:
    now = dt.datetime.now(dt.UTC)
    for record in new:
        record.created_at = record.updated_at = now  # type: ignore[assignment]
        record.created_by_id = record.updated_by_id = env.user_id  # type: ignore[attr-defined]
    for record in changed:
        record.updated_at = now  # type: ignore[assignment]
        record.updated_by_id = env.user_id  # type: ignore[attr-defined]


def round_money(records: list[Model]) -> None:
    for record in records:
        for field in type(record)._monetary:  # type: ignore[attr-defined]
            assert isinstance(field, Monetary)
            amount = getattr(record, field.name)
            currency = getattr(record, field.currency_field, None)
            if amount is None or currency is None:
                continue
            places = getattr(currency, "decimal_places", None)
            if places is not None:
                rounded = decimal.Decimal(amount).quantize(
                    decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP
                )
                if rounded != amount:
                    setattr(record, field.name, rounded)


def _is_missing(record: Model, name: str) -> bool:
    field = record._fields[name]
    if getattr(record, name) is not None:
        return False
    return not isinstance(field, Many2one) or getattr(record, field.column_name) is None


def validate(new: list[Model], changed: dict[Model, set[str]]) -> None:
    checks = [(record, None) for record in new] + list(changed.items())
    for record, names in checks:
        model = type(record)
        required = model._required  # type: ignore[attr-defined]
        missing = [n for n in required if (names is None or n in names) and _is_missing(record, n)]
        if missing:
            fmt = current()
            raise ValidationError(
                _(
                    "%(model)s: %(fields)s required.",
                    model=fmt.model_label(model),
                    fields=", ".join(fmt.field_label(model._fields[n]) for n in missing),
                ),
                fields={name: _("This field is required.") for name in missing},
            )
        for method, watched in model._constraint_methods:  # type: ignore[attr-defined]
            if names is None or names.intersection(watched):
                with record.env.session.no_autoflush:
                    getattr(record, method)()


def refuse_restricted_deletes(env: Environment, deleted: list[Model]) -> None:
    by_model: dict[str, list[Model]] = defaultdict(list)
    for record in deleted:
        by_model[record._name].append(record)
    doomed = {name: [r.id for r in records] for name, records in by_model.items()}
    for model_name, records in by_model.items():
        for field in env.registry.restricting.get(model_name, ()):
            referrer = env.registry[field.model_name]
            column = getattr(referrer, field.column_name)
            stmt = select(column, func.count()).where(column.in_(doomed[model_name])).group_by(column)
            if field.model_name in doomed:
                stmt = stmt.where(referrer.id.not_in(doomed[field.model_name]))
            with env.session.no_autoflush:
                row = env.session.execute(stmt.limit(1)).first()
            if row is not None:
                target = next(r for r in records if r.id == row[0])
                raise ConflictError(
                    _(
                        "%(name)s cannot be deleted: %(count)s %(model)s record(s) still refer to it.",
                        name=target.display_name,
                        count=row[1],
                        model=current().model_label(referrer),
                    )
                )


def after_flush_postexec(session: Session, context: UOWTransaction) -> None:
    env: Environment | None = session.info.get(ENV_KEY)
    pending = session.info.pop(PENDING_KEY, None)
    if env is None or pending is None:
        return
    check_rules_after(env, pending["created"], "create")
    check_rules_after(env, pending["direct"], "write")
    history.store(env, pending["history"])
    notify(env, created=pending["created"], written=pending["written"], deleted=pending["deleted"])


def notify(
    env: Environment,
    *,
    created: Sequence[Model] = (),
    written: Sequence[tuple[Model, set[str]]] = (),
    deleted: Sequence[tuple[str, int]] = (),
) -> None:
    """Fire the ``records_*`` hooks for what was just written, grouped by model (and field set)."""
    hook = env.registry.plugins.hook
    by_model: dict[type[Model], list[Model]] = defaultdict(list)
    for record in created:
        by_model[type(record)].append(record)
    for model, records in by_model.items():
        hook.records_created(env=env, records=RecordSet(env, model, records))
    by_fields: dict[tuple[type[Model], frozenset[str]], list[Model]] = defaultdict(list)
    for record, names in written:
        by_fields[(type(record), frozenset(names))].append(record)
    for (model, names), records in by_fields.items():
        hook.records_written(env=env, records=RecordSet(env, model, records), fields=sorted(names))
    ids_by_model: dict[str, list[int]] = defaultdict(list)
    for model_name, record_id in deleted:
        ids_by_model[model_name].append(record_id)
    for model_name, ids in ids_by_model.items():
        hook.records_deleted(env=env, model=model_name, ids=ids)
