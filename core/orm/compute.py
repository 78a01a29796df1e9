"""Computed and related fields: the dependency graph and recomputation on flush.

A stored computed field declares the dotted paths it depends on. At build time
the registry inverts those paths into *triggers*: "when field F of model X
changes, recompute field G of the records of model Y that reach X through
this path". On each flush the kernel follows the triggers backwards from the
changed records, loads the dependencies of the whole batch (one query per
relation), and calls the compute method of each record, until nothing changes.
A record moved to another owner (``line.order``) recomputes both owners, and a
record deleted in the flush no longer counts in its owner's collections.

One method may compute several fields (``computed_from`` stacked on it): it
runs once per record, whichever of the fields' dependencies changed, and
every field it assigned counts as changed. Those fields must all be stored or
all be computed on read.

Non-stored computed fields are computed on every read; related fields are
computed fields whose method follows a path of many2one fields.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any
from typing import TypeVar

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import attributes
from sqlalchemy.orm.attributes import PASSIVE_NO_INITIALIZE

from core.errors import ConfigError
from core.orm.fields.base import Field
from core.orm.fields.numeric import Decimal as DecimalField
from core.orm.fields.relational import Many2many
from core.orm.fields.relational import Many2one
from core.orm.fields.relational import One2many
from core.orm.records import KEPT_KEY
from core.orm.records import RecordSet

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.model import Model
    from core.orm.registry import Registry

F = TypeVar("F", bound=Callable[..., Any])
MAX_ROUNDS = 32


@dataclass(frozen=True)
class Trigger:
    """Call ``method`` of ``model`` on the records that reach a changed one via ``path``.

    ``path`` is the list of relational fields from ``model`` to the changed
    record's model (empty when the change is on the record itself).
    """

    model: str
    method: str
    path: tuple[Field[Any], ...]


class ComputeGraph:
    """The stored computed fields of a registry, grouped by compute method, and their triggers.

    Building it also checks the methods shared by several fields, and gives
    each of those fields the union of their dependencies.

    Attributes:
        methods: model name → the methods computing its stored fields.
        computed_by: (model name, method) → the fields that method assigns.
        triggers: (model name, field name) → what a change of that field recomputes.
        prefetch: (model name, method) → the relation paths to load before calling it.

    Raises:
        ConfigError: a method computes stored and non-stored fields, or a
            dependency names a field that does not exist.
    """

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.methods: dict[str, list[str]] = defaultdict(list)
        self.computed_by: dict[tuple[str, str], tuple[Field[Any], ...]] = {}
        self.triggers: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
        self.prefetch: dict[tuple[str, str], list[str]] = {}
        for model_name, model in registry.models.items():
            for method, fields in _by_method(model_name, model._fields.values()).items():
                if fields[0].store:
                    self._add(model_name, method, fields)
                union = tuple(dict.fromkeys(path for field in fields for path in field.depends))
                for field in fields:
                    field.depends = union  # what reading and loading a batch of them needs

    def _add(self, model_name: str, method: str, fields: tuple[Field[Any], ...]) -> None:
        self.methods[model_name].append(method)
        self.computed_by[(model_name, method)] = fields
        relation_paths: list[str] = []
        for field in fields:
            for dotted in field.depends:
                steps = self._resolve(model_name, field, dotted)
                for index, step in enumerate(steps):
                    trigger = Trigger(model_name, method, tuple(steps[:index]))
                    self._trigger((step.model_name, step.name), trigger)
                    if isinstance(step, One2many):
                        # Moving a record to another owner changes both owners' collections.
                        self._trigger(
                            (step.comodel, step.inverse),
                            Trigger(model_name, method, tuple(steps[: index + 1])),
                        )
                relational = [s.name for s in steps if isinstance(s, Many2one | One2many | Many2many)]
                if relational:
                    relation_paths.append(".".join(relational))
        self.prefetch[(model_name, method)] = list(dict.fromkeys(relation_paths))

    def _trigger(self, key: tuple[str, str], trigger: Trigger) -> None:
        if trigger not in self.triggers[key]:
            self.triggers[key].append(trigger)

    def _resolve(self, model_name: str, field: Field[Any], dotted: str) -> list[Field[Any]]:
        steps: list[Field[Any]] = []
        current = model_name
        names = dotted.split(".")
        for position, name in enumerate(names):
            step = self.registry.models[current]._fields.get(name)
            if step is None:
                raise ConfigError(
                    f"addon {field.addon}: {model_name}.{field.name} depends on {dotted!r}, "
                    f"but {current} has no field {name!r}"
                )
            steps.append(step)
            if position < len(names) - 1:
                comodel = getattr(step, "comodel", None)
                if comodel is None:
                    raise ConfigError(
                        f"addon {field.addon}: {model_name}.{field.name} depends on {dotted!r}, "
                        f"but {current}.{name} is not a relation"
                    )
                current = comodel
        return steps


def _by_method(model_name: str, fields: Iterable[Field[Any]]) -> dict[str, tuple[Field[Any], ...]]:
    """The computed fields of one model, by compute method.

    Raises:
        ConfigError: one method computes both stored and non-stored fields.
    """
    groups: dict[str, list[Field[Any]]] = defaultdict(list)
    for field in fields:
        if field.compute:
            groups[field.compute].append(field)
    for method, group in groups.items():
        stored = [field.name for field in group if field.store]
        if 0 < len(stored) < len(group):
            others = [field.name for field in group if not field.store]
            raise ConfigError(
                f"addon {group[0].addon}: {model_name}.{method} computes {', '.join(stored)} (stored) "
                f"and {', '.join(others)} (not stored): store every field one method computes, "
                "or give each its own method"
            )
    return {method: tuple(group) for method, group in groups.items()}


def related_compute(field: Field[Any]) -> Callable[[Any], None]:
    """The compute method of a related field: follow ``field.related`` through many2ones."""
    assert field.related
    path = field.related.split(".")

    def compute(record: Any) -> None:
        value = record
        for name in path:
            if value is None:
                break
            value = getattr(value, name)
        setattr(record, field.name, value)

    compute.__name__ = f"_compute_related_{field.name}"
    return compute


BATCH_MARK = "tessera_batch"
FRESH_KEY = "_tessera_fresh"  # record.__dict__: non-stored fields a batch just computed, read once


def computes_batch(method: F) -> F:
    """Mark a compute method of non-stored fields as computing many records at once.

    ``self`` is then a `RecordSet`: reading the fields of many records
    (`RecordSet.read`: lists, exports, the JSON API) calls the method once for
    all of them, so one grouped query serves the page instead of one per row.
    Reading one record calls it with a set of one::

        @receivable.computed_from()
        @computes_batch
        def _compute_receivable(self) -> None:
            totals = receivables(self.env, [partner.id for partner in self])
            for partner in self:
                partner.receivable = totals.get(partner.id)
    """
    setattr(method, BATCH_MARK, True)
    return method


def compute_batches(records: RecordSet[Any], fields: Iterable[Field[Any]]) -> None:
    """Run the batch compute methods (`computes_batch`) of the non-stored ``fields`` once for ``records``.

    Each record's next read of each of ``fields`` takes the value computed
    here; later reads compute again, so a value never outlives the read it
    was computed for (`forget_batches` drops what a read left unread).
    """
    model = records.model
    methods: dict[str, list[str]] = defaultdict(list)
    for field in fields:
        if field.compute and not field.store and getattr(getattr(model, field.compute), BATCH_MARK, False):
            methods[field.compute].append(field.name)
    if not methods or not records:
        return
    requested = {name for names in methods.values() for name in names}
    for method in methods:
        getattr(model, method)(records)
    for record in records:
        record.__dict__[FRESH_KEY] = set(requested)


def forget_batches(records: Iterable[Model]) -> None:
    """Drop the values `compute_batches` left unread on ``records``: their next read computes."""
    for record in records:
        record.__dict__.pop(FRESH_KEY, None)


class NonStoredValue:
    """The descriptor of a non-stored computed field: computed on each read, or taken once from a batch."""

    def __init__(self, field: Field[Any]) -> None:
        self.field = field

    def __get__(self, record: Any, owner: type) -> Any:
        if record is None:
            return self.field
        name = self.field.name
        fresh = record.__dict__.get(FRESH_KEY)
        if fresh and name in fresh:
            fresh.discard(name)
        else:
            method = getattr(owner, self.field.compute or "")
            if getattr(method, BATCH_MARK, False):
                method(RecordSet(record.env, owner, [record]))
            else:
                method(record)
        return record.__dict__.get("_tessera_values", {}).get(name)

    def __set__(self, record: Any, value: Any) -> None:
        record.__dict__.setdefault("_tessera_values", {})[self.field.name] = value


def _ids(records: Iterable[Model]) -> list[int]:
    """The ids of the records already in the database, read without loading expired records."""
    return [state.identity[0] for state in map(sa_inspect, records) if state.has_identity]


def _sources(env: Environment, records: Iterable[Model], step: Field[Any]) -> set[Model]:
    """The records of ``step``'s model whose ``step`` field holds any of ``records``.

    Both the owners in the database and the pending ones count, so a record
    moved from one owner to another recomputes both.
    """
    records = list(records)
    session, registry = env.session, env.registry
    owner_model = registry[step.model_name]
    found: set[Model] = set()
    ids = _ids(records)
    if isinstance(step, One2many):
        for record in records:
            history = attributes.get_history(record, step.inverse, passive=PASSIVE_NO_INITIALIZE)
            found.update(owner for owner in history.sum() if owner is not None)
        comodel = registry[step.comodel]
        column = getattr(comodel, comodel._fields[step.inverse].column_name)
        condition = owner_model.id.in_(select(column).where(comodel.id.in_(ids)))
    elif isinstance(step, Many2one):
        condition = getattr(owner_model, step.column_name).in_(ids)
    else:
        condition = getattr(owner_model, step.name).any(registry[step.comodel].id.in_(ids))
    if ids:
        with session.no_autoflush:
            found.update(session.scalars(select(owner_model).where(condition)))
    if not isinstance(step, One2many):
        targets = set(records)
        for pending in session.new:
            if isinstance(pending, owner_model):
                value = getattr(pending, step.name)
                linked = value if isinstance(step, Many2many) else [value]
                if targets.intersection(linked):
                    found.add(pending)
    return found


def _load(
    env: Environment, model: type[Model], batch: list[Model], paths: list[str], deleted: set[Any]
) -> None:
    """Load what computing ``batch`` reads, in one query per relation, without the deleted records.

    Until the flush ends, a record deleted in it is still in the database and in
    the collections loaded before; the compute must not count it.
    """
    RecordSet(env, model, batch).prefetch(paths)
    if not deleted:
        return
    for path in paths:
        level = list(batch)
        for name in path.split("."):
            reached: list[Model] = []
            for record in level:
                value = record.__dict__.get(name)
                if isinstance(value, list):
                    kept = [item for item in value if item not in deleted]
                    if len(kept) != len(value):
                        _drop(record, name, value, kept)
                    reached.extend(kept)
                elif value is not None:
                    reached.append(value)
            level = reached


def _drop(record: Model, name: str, items: list[Model], kept: list[Model]) -> None:
    """Take deleted records out of ``record``'s loaded collection ``name``.

    An unchanged collection is replaced as loaded state, so the flush sees no
    change in it; one with pending changes is edited like any other.
    """
    history = attributes.get_history(record, name, passive=PASSIVE_NO_INITIALIZE)
    if history.has_changes():
        for item in [item for item in items if item not in kept]:
            items.remove(item)
    else:
        attributes.set_committed_value(record, name, kept)


def _normalized(field: Field[Any], value: Any, env: Environment) -> Any:
    """A computed value as it will read back from the database (decimals at the field's scale)."""
    if isinstance(field, DecimalField) and value is not None:
        return field.convert(value, env)
    return value


def recompute(
    env: Environment,
    new: Iterable[Model],
    changed: dict[Model, set[str]],
    methods: dict[tuple[str, str], set[Model]] | None = None,
) -> None:
    """Recompute stored computed fields for ``new`` records and for everything ``changed`` affects.

    ``changed`` maps records (dirty or deleted) to the names of their changed
    fields; ``methods`` (model name, method) to records to run it on besides.
    Records reached through relations are found in batches: one query
    per relation step and round, however many records changed.
    """
    graph = env.registry.compute_graph
    deleted = set(env.session.deleted)
    todo: dict[tuple[str, str], set[Model]] = defaultdict(set)
    for key, records in (methods or {}).items():
        todo[key].update(records)
    reached: dict[Trigger, set[Model]] = defaultdict(set)

    def follow(record: Model, names: Iterable[str]) -> None:
        for name in names:
            for trigger in graph.triggers.get((record._name, name), ()):
                if trigger.path:
                    reached[trigger].add(record)
                else:
                    todo[(trigger.model, trigger.method)].add(record)

    def propagate() -> None:
        while reached:
            trigger, targets = reached.popitem()
            for step in reversed(trigger.path):
                targets = _sources(env, targets, step)
            todo[(trigger.model, trigger.method)].update(targets)

    for record in new:
        for method in graph.methods.get(record._name, ()):
            todo[(record._name, method)].add(record)
        follow(record, record._fields)
    for record, names in changed.items():
        follow(record, names)

    rounds: dict[tuple[str, str], int] = defaultdict(int)
    while True:
        propagate()
        if not todo:
            return
        key, records = next(iter(todo.items()))
        del todo[key]
        model_name, method = key
        fields = graph.computed_by[key]
        rounds[key] += 1
        if rounds[key] > MAX_ROUNDS:
            names = ", ".join(f"{model_name}.{field.name}" for field in fields)
            raise ConfigError(f"computed field {names} keeps changing: a dependency cycle?")
        batch = [record for record in records if record not in deleted]
        if not batch:
            continue
        _load(env, env.registry[model_name], batch, graph.prefetch[key], deleted)
        with env.session.no_autoflush:
            for record in batch:
                before = [getattr(record, field.name) for field in fields]
                getattr(record, method)()
                follow(record, _assigned(env, record, fields, before))


def compute_existing(env: Environment, model_name: str, names: Iterable[str], batch: int = 1000) -> int:
    """Compute the stored fields ``names`` of every existing ``model_name`` record; returns how many.

    For columns added to a populated table (an addon installed or upgraded on
    a live database): the methods computing them run on the rows in batches
    of ``batch``, as the system, and what they change recomputes what depends
    on it, as on any flush.
    """
    graph = env.registry.compute_graph
    wanted = set(names)
    keys = [
        (model_name, method)
        for method in graph.methods.get(model_name, ())
        if wanted & {field.name for field in graph.computed_by[(model_name, method)]}
    ]
    if not keys:
        return 0
    model = env.registry[model_name]
    ids = list(env.session.scalars(select(model._table.c.id).order_by(model._table.c.id)))
    kept: list[Any] = env.session.info.setdefault(KEPT_KEY, [])
    with env.sudo():
        for start in range(0, len(ids), batch):
            mark = len(kept)
            records = set(env[model_name].browse(ids[start : start + batch]))
            recompute(env, (), {}, dict.fromkeys(keys, records))
            env.flush()
            del kept[mark:]  # let the batch's records go: the next batch loads its own
    return len(ids)


def _assigned(env: Environment, record: Model, fields: Iterable[Field[Any]], before: list[Any]) -> list[str]:
    """Normalize the values a compute method assigned; returns the names of the fields it changed."""
    changed = []
    for field, old in zip(fields, before, strict=True):
        value = getattr(record, field.name)
        normalized = _normalized(field, value, env)
        if normalized is not value:
            setattr(record, field.name, normalized)
        if normalized != old:
            changed.append(field.name)
    return changed
