"""`read_group`: counts and aggregates per group, computed by the database in one query.

Reports, pivot tables and kanban columns ask how many records, and what
totals, fall in each group::

    env["sales.order"].read_group(
        [("state", "=", "done")],
        groupby=["partner", "date:quarter"],
        aggregates=["amount:sum", "id:count"],
        order="amount:sum desc",
        limit=10,
    )
    # [{"partner": {"id": 3, "display_name": "Acme"}, "date:quarter": "2026-01-01",
    #   "__count": 4, "amount:sum": Decimal("1200.00"), "id:count": 4,
    #   "__domain": [("state", "=", "done"), ("partner", "=", 3),
    #                ("date", ">=", "2026-01-01"), ("date", "<", "2026-04-01")]}, ...]

A group key is a stored field name, or ``"field:granularity"`` for dates and
datetimes (``day``, ``week`` starting Monday, ``month`` (the default),
``quarter``, ``year``); the value is the ISO date the period starts on.
Datetimes are cut into periods in UTC, not in the user's timezone, so a
report reads the same for every user. A many2one groups by the target's id and
reads ``{"id", "display_name"}``, the names loaded in one extra query per
many2one key. An aggregate is ``"field:function"`` with ``sum``, ``avg``,
``min``, ``max``, ``count`` or ``count_distinct``; decimal and monetary results
are `Decimal` at the field's scale. Each group also carries ``__count`` and
``__domain``, the domain that selects its records (for drill-down).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import TIMESTAMP
from sqlalchemy import ColumnElement
from sqlalchemy import Date
from sqlalchemy import Integer
from sqlalchemy import Label
from sqlalchemy import cast
from sqlalchemy import distinct
from sqlalchemy import func
from sqlalchemy import literal_column
from sqlalchemy import select
from sqlalchemy.sql.elements import UnaryExpression

from core.errors import DomainError
from core.orm.fields.base import Field
from core.orm.names import display_names

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.model import Model

GRANULARITIES = ("day", "week", "month", "quarter", "year")
GROUPABLE = frozenset({"char", "selection", "boolean", "integer", "many2one", "date", "datetime"})
NUMERIC = frozenset({"integer", "float", "decimal", "monetary"})
TEMPORAL = frozenset({"date", "datetime"})
# Function → field types it applies to (None: any stored field with a column).
FUNCTIONS: dict[str, frozenset[str] | None] = dict(
    sum=NUMERIC, avg=NUMERIC, min=NUMERIC | TEMPORAL, max=NUMERIC | TEMPORAL, count=None, count_distinct=None
)


@dataclass(frozen=True)
class GroupKey:
    """One validated ``groupby`` entry; ``label`` names its column in the SQL."""

    spec: str
    field: Field[Any]
    granularity: str | None
    label: str


@dataclass(frozen=True)
class Aggregate:
    """One validated aggregate; ``field`` is None for ``id``."""

    spec: str
    field: Field[Any] | None
    function: str
    label: str


def read_group(
    env: Environment,
    model: type[Model],
    domain: Sequence[Any],
    groupby: Sequence[str],
    aggregates: Sequence[str],
    *,
    order: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Groups of ``model``'s records matching ``domain``, with their aggregates.

    Args:
        groupby: group keys, e.g. ``["partner", "date:month"]``; none gives one
            group of all matching records.
        aggregates: ``"field:function"`` specs, e.g. ``["amount:sum", "id:count"]``.
        order: ``"spec [asc|desc], ..."`` over the group keys, the aggregates and
            ``__count``; default the group keys ascending (a many2one by the
            target's id). Empty values come last.
        limit: at most this many groups.

    Returns:
        One dict per group, keyed by each group key and aggregate spec as
        given, plus ``__count`` and ``__domain``.

    Raises:
        DomainError: the domain, a group key, an aggregate or the order names an
            unknown or unstored field, a bad granularity or a bad function.
    """
    keys = [_group_key(model, spec, f"g{i}") for i, spec in enumerate(groupby)]
    aggs = [_aggregate(model, spec, f"a{i}") for i, spec in enumerate(aggregates)]
    if not env.su:
        grouped = [key.field.name for key in keys] + [agg.field.name for agg in aggs if agg.field is not None]
        env.access.check_fields(model, grouped)
    specs = [key.spec for key in keys] + [agg.spec for agg in aggs]
    duplicate = next((spec for spec in specs if specs.count(spec) > 1), None)
    if duplicate is not None:
        raise DomainError(f"read_group: {duplicate!r} is listed twice.")
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise DomainError(f"read_group: limit must be a whole number ≥ 0, not {limit!r}.")
    dialect = env.session.get_bind().dialect.name
    columns: dict[str, Label[Any]] = {key.spec: _key_expression(model, key, dialect) for key in keys}
    columns["__count"] = func.count().label("__count")
    columns.update({agg.spec: _aggregate_expression(model, agg) for agg in aggs})
    stmt = (
        select(*columns.values())
        .select_from(model)
        .where(model.where(env, domain))
        .group_by(*(columns[key.spec] for key in keys))
        .order_by(*_order_by(order, keys, columns))
        .limit(limit)
    )
    rows = env.session.execute(stmt).all()
    names = {
        key.spec: display_names(
            env, env.registry[key.field.comodel], [row._mapping[key.label] for row in rows]
        )  # type: ignore[attr-defined]
        if key.field.type_name == "many2one"
        else {}
        for key in keys
    }
    groups: list[dict[str, Any]] = []
    for row in rows:
        values = row._mapping
        group: dict[str, Any] = {}
        conditions: list[tuple[str, str, Any]] = []
        for key in keys:
            group[key.spec], key_conditions = _present(key, values[key.label], names[key.spec])
            conditions.extend(key_conditions)
        group["__count"] = int(values["__count"])
        for agg in aggs:
            group[agg.spec] = _aggregate_value(agg, values[agg.label])
        group["__domain"] = [*domain, *conditions]
        groups.append(group)
    return groups


# -- validation ---------------------------------------------------------------------------


def _stored_field(model: type[Model], name: str, spec: str) -> Field[Any]:
    field = model._fields.get(name)
    if field is None:
        raise DomainError(f"read_group: {model._name} has no field {name!r} (in {spec!r}).")
    if not field.store or field.type_name in ("one2many", "many2many"):
        raise DomainError(f"read_group: {model._name}.{name} is not stored in a column (in {spec!r}).")
    return field


def _group_key(model: type[Model], spec: str, label: str) -> GroupKey:
    if not isinstance(spec, str) or not spec:
        raise DomainError(f"read_group: a group key is a field name, not {spec!r}.")
    name, _, granularity = spec.partition(":")
    field = _stored_field(model, name, spec)
    if field.type_name not in GROUPABLE:
        raise DomainError(f"read_group: cannot group by {field.type_name} field {name!r}.")
    if field.type_name in TEMPORAL:
        granularity = granularity or "month"
        if granularity not in GRANULARITIES:
            raise DomainError(
                f"read_group: unknown granularity {granularity!r} in {spec!r}; "
                f"use one of {', '.join(GRANULARITIES)}."
            )
        return GroupKey(spec, field, granularity, label)
    if granularity:
        raise DomainError(f"read_group: {name!r} is not a date, so {spec!r} cannot have a granularity.")
    return GroupKey(spec, field, None, label)


def _aggregate(model: type[Model], spec: str, label: str) -> Aggregate:
    if not isinstance(spec, str) or spec.count(":") != 1:
        raise DomainError(f"read_group: an aggregate looks like 'amount:sum', not {spec!r}.")
    name, function = spec.split(":")
    if function not in FUNCTIONS:
        raise DomainError(
            f"read_group: unknown function {function!r} in {spec!r}; use one of {', '.join(FUNCTIONS)}."
        )
    field = None if name == "id" else _stored_field(model, name, spec)
    allowed = FUNCTIONS[function]
    type_name = "id" if field is None else field.type_name
    if allowed is not None and type_name not in allowed:
        raise DomainError(f"read_group: {function!r} does not apply to {type_name} field {name!r}.")
    return Aggregate(spec, field, function, label)


def _order_by(
    order: str | None, keys: list[GroupKey], columns: dict[str, Label[Any]]
) -> list[UnaryExpression[Any]]:
    wanted: list[tuple[str, str]] = []
    for part in (order or "").split(","):
        words = part.split()
        if not words:
            continue
        direction = words[1].lower() if len(words) > 1 else "asc"
        if words[0] not in columns or direction not in ("asc", "desc") or len(words) > 2:
            raise DomainError(
                f"read_group: cannot order by {part.strip()!r}; order by a group key, "
                "an aggregate of this call or __count, then asc or desc."
            )
        wanted.append((words[0], direction))
    named = {spec for spec, _ in wanted}
    wanted.extend((key.spec, "asc") for key in keys if key.spec not in named)
    return [
        (columns[spec].desc() if direction == "desc" else columns[spec].asc()).nulls_last()
        for spec, direction in wanted
    ]


# -- SQL ----------------------------------------------------------------------------------


def _sql_text(value: str) -> ColumnElement[Any]:
    """A constant from this module's fixed vocabulary, inlined so SELECT and GROUP BY match."""
    return literal_column(f"'{value}'")


def _key_expression(model: type[Model], key: GroupKey, dialect: str) -> Label[Any]:
    column: ColumnElement[Any] = getattr(model, key.field.column_name)
    if key.granularity is None:
        return column.label(key.label)
    if dialect == "postgresql":
        if key.field.type_name == "datetime":
            naive_utc = func.timezone(_sql_text("UTC"), column)
        else:
            naive_utc = cast(column, TIMESTAMP)
        return cast(func.date_trunc(_sql_text(key.granularity), naive_utc), Date).label(key.label)
    # SQLite keeps dates as 'YYYY-MM-DD' and datetimes as naive UTC text: date() modifiers cut them.
    modifiers: dict[str, list[ColumnElement[Any]]] = {
        "day": [],
        "week": [_sql_text("weekday 0"), _sql_text("-6 days")],
        "month": [_sql_text("start of month")],
        "year": [_sql_text("start of year")],
    }
    if key.granularity == "quarter":
        month = cast(func.strftime(_sql_text("%m"), column), Integer)
        back = func.printf(_sql_text("-%d months"), (month - literal_column("1")) % literal_column("3"))
        return func.date(column, _sql_text("start of month"), back).label(key.label)
    return func.date(column, *modifiers[key.granularity]).label(key.label)


def _aggregate_expression(model: type[Model], agg: Aggregate) -> Label[Any]:
    column: ColumnElement[Any] = model.id if agg.field is None else getattr(model, agg.field.column_name)
    if agg.function == "count_distinct":
        return func.count(distinct(column)).label(agg.label)
    return getattr(func, agg.function)(column).label(agg.label)


# -- results ------------------------------------------------------------------------------


def _period_end(start: dt.date, granularity: str) -> dt.date:
    if granularity == "day":
        return start + dt.timedelta(days=1)
    if granularity == "week":
        return start + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3, "year": 12}[granularity]
    month = start.month - 1 + months
    return dt.date(start.year + month // 12, month % 12 + 1, 1)


def _present(key: GroupKey, value: Any, names: dict[int, str]) -> tuple[Any, list[tuple[str, str, Any]]]:
    """The group's value as the result shows it, and the conditions that select its records."""
    name = key.field.name
    if value is None:
        return None, [(name, "not set", None)]
    if key.field.type_name == "many2one":
        return {"id": value, "display_name": names.get(value, "")}, [(name, "=", value)]
    if key.granularity is None:
        return value, [(name, "=", value)]
    start = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    end = _period_end(start, key.granularity)
    if key.field.type_name == "datetime":
        bounds = [dt.datetime.combine(day, dt.time(), dt.UTC).isoformat() for day in (start, end)]
    else:
        bounds = [start.isoformat(), end.isoformat()]
    return start.isoformat(), [(name, ">=", bounds[0]), (name, "<", bounds[1])]


def _aggregate_value(agg: Aggregate, value: Any) -> Any:
    if agg.function in ("count", "count_distinct"):
        return int(value or 0)
    if value is None or agg.field is None:
        return value
    type_name = agg.field.type_name
    if type_name in ("decimal", "monetary"):
        # SQLite sums NUMERIC as floats: go through str, then round to the field's scale.
        quantum = decimal.Decimal(1).scaleb(-agg.field.digits[1])  # type: ignore[attr-defined]
        return decimal.Decimal(str(value)).quantize(quantum, rounding=decimal.ROUND_HALF_UP)
    if agg.function == "avg" or type_name == "float":
        return float(value)
    if type_name == "integer":
        return int(value)
    return value
