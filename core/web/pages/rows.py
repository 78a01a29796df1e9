"""Reading the rows of a list, a board or an export: a fixed number of queries, whatever the rows.

A view's columns may follow relations (``"partner.email"``); each such path
costs one query per relation step, a many2many column one query for its
names, and monetary columns one query for their currencies' decimals. None
of it depends on the number of rows::

    columns = view_columns(env, fmt, "base.partner", list_view.columns)
    rows = read_rows(env, "base.partner", domain, columns, order="name asc, id", limit=80)
    rows[0]["country"]         # {"id": 1, "display_name": "Türkiye"}
    rows[0]["parent.email"]    # "info@acme.example"

Columns the user may not see (a field restricted to groups, or a path
through a model they may not read) are left out, not refused.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from core.i18n import Translator
from core.orm.environment import Environment
from core.orm.fields.base import Field as ModelField
from core.orm.fields.numeric import Monetary
from core.orm.names import display_names
from core.views import Field
from core.web.pages.display import field_label
from core.web.pages.search import sortable

NUMERIC = frozenset({"integer", "float", "decimal", "monetary"})


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of a list or card: its view field, the model field at the end of its path."""

    path: str
    field: ModelField[Any]
    view_field: Field
    label: str
    sortable: bool

    @property
    def widget(self) -> str | None:
        return self.view_field.widget

    @property
    def numeric(self) -> bool:
        """Whether the column holds numbers (aligned to the end of the cell)."""
        return self.field.type_name in NUMERIC


def _path_fields(env: Environment, model: str, path: str) -> list[ModelField[Any]] | None:
    """The fields along ``path``, or None when the user may not see one of them or its model."""
    found: list[ModelField[Any]] = []
    for part in path.split("."):
        field = env.registry.fields_of(model).get(part)
        if field is None or not env.access.can_see_field(field) or not env.access.allows(model, "read"):
            return None
        found.append(field)
        model = getattr(field, "comodel", "")
    return found


def view_columns(env: Environment, fmt: Translator, model: str, fields: Iterable[Field]) -> list[Column]:
    """The columns of ``fields`` (a view's) the user of ``env`` may see, with translated labels."""
    columns = []
    for view_field in fields:
        path = _path_fields(env, model, view_field.name)
        if path is None:
            continue
        last = path[-1]
        if view_field.label or len(path) == 1:
            label = field_label(last, fmt, view_field)
        else:
            label = " › ".join(fmt.field_label(step) for step in path)
        simple = len(path) == 1 and sortable(env, model, view_field.name)
        columns.append(Column(view_field.name, last, view_field, label, simple))
    return columns


def _every(env: Environment, model: str) -> list[Any]:
    """A domain condition that keeps archived records: related values show even when archived."""
    return [("active", "in", [True, False])] if "active" in env.registry[model]._fields else []


def read_rows(
    env: Environment,
    model: str,
    domain: Sequence[Any],
    columns: Sequence[Column],
    *,
    order: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    extra: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """The matching rows with a value for each column path, and the ``extra`` fields.

    Monetary columns also get their currency field, whose value carries the
    currency's ``decimal_places`` (see `core.web.pages.display`).
    """
    fields = env.registry[model]._fields
    heads = dict.fromkeys([column.path.split(".")[0] for column in columns] + list(extra))
    monetary = [c.field for c in columns if "." not in c.path and isinstance(c.field, Monetary)]
    for money in monetary:
        assert isinstance(money, Monetary)
        currency = fields.get(money.currency_field)
        if currency is not None and env.access.can_see_field(currency):
            heads[money.currency_field] = None
    rows = env[model].search_read(domain, list(heads), order=order, limit=limit, offset=offset)
    for column in columns:
        if "." in column.path:
            _fill_path(env, model, rows, column.path)
        elif column.field.type_name == "many2many":
            _name_links(env, rows, column.path, column.field.comodel)  # type: ignore[attr-defined]
    add_currency_places(env, model, rows, monetary)
    return rows


def _fill_path(env: Environment, model: str, rows: list[dict[str, Any]], path: str) -> None:
    """Set ``row[path]`` from the many2one at its head, reading each further step in one query."""
    head, _, rest = path.partition(".")
    comodel = env.registry[model]._fields[head].comodel  # type: ignore[attr-defined]
    targets = {row["id"]: (row[head] or {}).get("id") for row in rows}
    values = path_values(env, comodel, {target for target in targets.values() if target}, rest)
    for row in rows:
        row[path] = values.get(targets[row["id"]])


def path_values(env: Environment, model: str, ids: set[int], path: str) -> dict[int, Any]:
    """``id → value at path`` for records ``ids`` of ``model``, one query per relation step."""
    if not ids:
        return {}
    head, _, rest = path.partition(".")
    rows = env[model].search_read([("id", "in", sorted(ids)), *_every(env, model)], [head])
    if not rest:
        return {row["id"]: row[head] for row in rows}
    comodel = env.registry[model]._fields[head].comodel  # type: ignore[attr-defined]
    links = {row["id"]: (row[head] or {}).get("id") for row in rows}
    further = path_values(env, comodel, {target for target in links.values() if target}, rest)
    return {record_id: further.get(target) for record_id, target in links.items() if target}


def _name_links(env: Environment, rows: list[dict[str, Any]], name: str, comodel: str) -> None:
    """Turn the ids of a many2many column into ``{"id", "display_name"}`` dicts, in one query."""
    names = display_names(env, env.registry[comodel], [i for row in rows for i in row[name]])
    for row in rows:
        row[name] = [{"id": i, "display_name": names[i]} for i in row[name] if i in names]


def add_currency_places(
    env: Environment, model: str, rows: list[dict[str, Any]], monetary: Sequence[ModelField[Any]]
) -> None:
    """Add ``decimal_places`` to the currency value of each row's monetary fields, in one query."""
    fields = env.registry[model]._fields
    names = {money.currency_field for money in monetary if isinstance(money, Monetary)}
    for name in names:
        comodel = getattr(fields.get(name), "comodel", None)
        if comodel is None or "decimal_places" not in env.registry[comodel]._fields:
            continue
        ids = {row[name]["id"] for row in rows if row.get(name)}
        if not ids or not env.access.allows(comodel, "read"):
            continue
        places = path_values(env, comodel, ids, "decimal_places")
        for row in rows:
            if row.get(name):
                row[name] = {**row[name], "decimal_places": places.get(row[name]["id"])}
