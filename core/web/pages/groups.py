"""Groups of records with their counts and sums, computed by the database (`read_group`).

Grouped lists and kanban columns show each group's name, count and the
totals of the view's ``sums`` columns; the list also shows the totals of
every matching record. Amounts of money are summed per currency, never
across currencies::

    groups = read_groups(env, fmt, "sales.order", domain, "partner", sum_columns)
    groups[0].label, groups[0].count, groups[0].sums["amount"]   # "Acme", 3, "€1,200.00"
    read_totals(env, fmt, "sales.order", domain, sum_columns)     # {"amount": "€5,300.00 · $80.00"}

Groups by a many2one come in the order of its target model (the stages of
a pipeline), groups by a selection in the order of its options, the group
without a value last.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
from collections import defaultdict
from collections.abc import Callable
from collections.abc import Sequence
from typing import Any
from typing import TypeVar

from babel.dates import format_skeleton

from core.i18n import Translator
from core.orm.environment import Environment
from core.orm.fields.numeric import Monetary
from core.orm.fields.selection import Selection
from core.web.pages.rows import Column
from core.web.pages.rows import path_values

NONE_KEY = "~"
T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Group:
    """One group: ``key`` identifies it in URLs, ``value`` is what `read_group` returned."""

    key: str
    value: Any
    label: str
    count: int
    sums: dict[str, str]
    domain: list[Any]


def group_key(value: Any) -> str:
    """The key naming a group's value in a URL (``~`` for no value)."""
    if value is None:
        return NONE_KEY
    if isinstance(value, dict):
        return str(value["id"])
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def group_label(env: Environment, fmt: Translator, model: str, spec: str, value: Any) -> str:
    """How a group is titled: a name, an option's label, Yes/No, or a period."""
    if value is None:
        return fmt.gettext("None")
    name, _, granularity = spec.partition(":")
    field = env.registry[model]._fields[name]
    if isinstance(value, dict):
        return str(value.get("display_name") or fmt.gettext("Hidden record"))
    if isinstance(field, Selection):
        return fmt.option_label(field, value)
    if field.type_name == "boolean":
        return fmt.gettext("Yes") if value else fmt.gettext("No")
    if field.type_name in ("date", "datetime"):
        return period_label(fmt, dt.date.fromisoformat(str(value)), granularity or "month")
    if field.type_name == "integer":
        return fmt.number(int(value))
    return str(value)


def period_label(fmt: Translator, start: dt.date, granularity: str) -> str:
    """A period by its first day: ``Mar 5, 2024``, ``Week of Mar 4, 2024``, ``March 2024``, ``Q1 2024``."""
    if granularity == "day":
        return fmt.date(start)
    if granularity == "week":
        return fmt.gettext("Week of %(day)s") % {"day": fmt.date(start)}
    if granularity == "quarter":
        return fmt.gettext("Q%(quarter)d %(year)d") % {
            "quarter": (start.month - 1) // 3 + 1,
            "year": start.year,
        }
    if granularity == "year":
        return str(start.year)
    return format_skeleton("yMMMM", start, locale=fmt.locale)


def read_groups(
    env: Environment, fmt: Translator, model: str, domain: Sequence[Any], spec: str, sums: Sequence[Column]
) -> list[Group]:
    """The groups of records matching ``domain`` by ``spec``, with counts and formatted sums."""
    numbers = [column for column in sums if not isinstance(column.field, Monetary)]
    rows = env[model].read_group(domain, [spec], [f"{column.path}:sum" for column in numbers])
    money = _money_sums(env, fmt, model, domain, [spec], sums)
    groups = [
        Group(
            group_key(row[spec]),
            row[spec],
            group_label(env, fmt, model, spec, row[spec]),
            row["__count"],
            {**_number_sums(fmt, row, numbers), **money.get((group_key(row[spec]),), {})},
            row["__domain"],
        )
        for row in rows
    ]
    return in_field_order(env, model, spec, groups, lambda group: group.value)


def read_totals(
    env: Environment, fmt: Translator, model: str, domain: Sequence[Any], sums: Sequence[Column]
) -> dict[str, str]:
    """The formatted sum of each of ``sums`` over every record matching ``domain``."""
    if not sums:
        return {}
    numbers = [column for column in sums if not isinstance(column.field, Monetary)]
    totals: dict[str, str] = {}
    if numbers:
        row = env[model].read_group(domain, [], [f"{column.path}:sum" for column in numbers])[0]
        totals.update(_number_sums(fmt, row, numbers))
    totals.update(_money_sums(env, fmt, model, domain, [], sums).get((), {}))
    return totals


def _number_sums(fmt: Translator, row: dict[str, Any], columns: Sequence[Column]) -> dict[str, str]:
    sums = {}
    for column in columns:
        value = row.get(f"{column.path}:sum")
        digits = getattr(column.field, "digits", None)
        sums[column.path] = "" if value is None else fmt.number(value, digits[1] if digits else None)
    return sums


def _money_sums(
    env: Environment,
    fmt: Translator,
    model: str,
    domain: Sequence[Any],
    keys: list[str],
    sums: Sequence[Column],
) -> dict[tuple[str, ...], dict[str, str]]:
    """``group keys → column → amounts`` of the monetary ``sums``, one amount per currency."""
    by_currency: dict[str, list[Column]] = defaultdict(list)
    for column in sums:
        if isinstance(column.field, Monetary):
            by_currency[column.field.currency_field].append(column)
    found: dict[tuple[str, ...], dict[str, list[tuple[dict[str, Any] | None, decimal.Decimal]]]] = {}
    for currency_field, columns in by_currency.items():
        aggregates = [f"{column.path}:sum" for column in columns]
        rows = env[model].read_group(domain, [*keys, currency_field], aggregates)
        comodel = env.registry[model]._fields[currency_field].comodel  # type: ignore[attr-defined]
        ids = {row[currency_field]["id"] for row in rows if row[currency_field]}
        places = path_values(env, comodel, ids, "decimal_places") if ids else {}
        for row in rows:
            currency = row[currency_field]
            if currency is not None:
                currency = {**currency, "decimal_places": places.get(currency["id"])}
            cells = found.setdefault(tuple(group_key(row[key]) for key in keys), {})
            for column in columns:
                amount = row[f"{column.path}:sum"]
                if amount is not None:
                    cells.setdefault(column.path, []).append((currency, amount))
    return {
        key: {path: " · ".join(_amount(fmt, *pair) for pair in pairs) for path, pairs in cells.items()}
        for key, cells in found.items()
    }


def _amount(fmt: Translator, currency: dict[str, Any] | None, amount: decimal.Decimal) -> str:
    if currency is None or not currency.get("display_name"):
        return fmt.number(amount, 2)
    places = currency.get("decimal_places")
    return fmt.money(amount, currency["display_name"], 2 if places is None else int(places))


def in_field_order(
    env: Environment, model: str, spec: str, items: list[T], value: Callable[[T], Any]
) -> list[T]:
    """``items`` (groups of ``spec``) in the order of the many2one's target model or of the
    selection's options, the one without a value last; other fields keep the given order."""
    field = env.registry[model]._fields[spec.partition(":")[0]]
    if field.type_name == "many2one":
        ids = [value(item)["id"] for item in items if value(item) is not None]
        order = target_order(env, field.comodel, ids)  # type: ignore[attr-defined]
        rank = {record_id: position for position, record_id in enumerate(order)}
        last = len(rank)
        return sorted(items, key=lambda item: rank.get(value(item)["id"], last) if value(item) else last + 1)
    if isinstance(field, Selection):
        options = field.values
        return sorted(
            items, key=lambda item: options.index(value(item)) if value(item) in options else len(options)
        )
    return items


def target_order(env: Environment, model: str, ids: Sequence[int]) -> list[int]:
    """``ids`` sorted in ``model``'s own order (archived records included), in one query."""
    if not ids or not env.access.allows(model, "read"):
        return list(ids)
    every = [("active", "in", [True, False])] if "active" in env.registry[model]._fields else []
    return [row["id"] for row in env[model].search_read([("id", "in", list(ids)), *every], [])]
