"""Everything ``form.html`` shows of one record (or a new one), gathered in a constant number of queries.

A form always renders from form data (`werkzeug.datastructures.MultiDict`):
the record's own values encoded by `core.web.pages.form_values`, or a
refused post re-shown as typed, with a message per input. `inputs` turns the
layout's widgets into `Input` values the template only has to lay out::

    context = Context(env, fmt, "Europe/Istanbul", data, errors)
    for item in inputs(context, form.groups[0].widgets, record):
        item.key, item.text, item.error     # "amount", "1.234,50", None
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from core.orm.compute import compute_batches
from core.orm.fields.selection import Selection
from core.orm.history import has_history
from core.orm.names import display_names
from core.orm.records import RecordSet
from core.web.pages.display import display
from core.web.pages.form_values import value_of
from core.web.pages.inputs import record_id
from core.web.pages.inputs import row_indexes
from core.web.pages.lookup import quick_creatable
from core.web.pages.urls import model_url

if TYPE_CHECKING:
    from core.i18n import Translator
    from core.orm.environment import Environment
    from core.orm.model import Model
    from core.web.pages.form_layout import FormLayout
    from core.web.pages.form_layout import Widget

NEW_ROW = "__index__"  # the row number in the template of a new line, replaced by the script


@dataclasses.dataclass
class Row:
    """One line of a line editor: its row number in the post, its id (empty when new), its cells."""

    index: str
    id: str
    cells: list[Input]


@dataclasses.dataclass
class Input:
    """One field as the template shows it: an input named ``key``, or read-only ``shown`` text.

    Attributes:
        text: what the input holds (a many2one's id, a number as the user writes it...).
        shown: the value as read-only text or links, for fields not editable here.
        error: the message to show next to it.
        checked: a ticked checkbox.
        label: a many2one's text; ``options``: a selection's values and labels.
        chips: a many2many's records as (id, name).
        symbol: the currency symbol next to an amount.
        rows, blank: a line editor's lines, and the empty line new ones are copied from.
        lookup: where a many2one or many2many input searches; ``create``: whether it may quick-create.
    """

    widget: Widget
    key: str
    text: str = ""
    shown: Markup | str = ""
    error: str | None = None
    checked: bool = False
    label: str = ""
    options: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    chips: list[tuple[int, str]] = dataclasses.field(default_factory=list)
    symbol: str = ""
    rows: list[Row] = dataclasses.field(default_factory=list)
    blank: Row | None = None
    lookup: str = ""
    create: bool = False


@dataclasses.dataclass(frozen=True)
class Context:
    """What building inputs needs: the environment, the user's formats, the form data and errors."""

    env: Environment
    fmt: Translator
    tz: str
    data: MultiDict[str, str]
    errors: Mapping[str, str]


def inputs(
    context: Context, widgets: Sequence[Widget], record: Model | None, prefix: str = ""
) -> list[Input]:
    """An `Input` per widget, named ``prefix`` + its name, showing ``record`` and the form data."""
    return [make_input(context, widget, record, prefix + widget.name) for widget in widgets]


def make_input(context: Context, widget: Widget, record: Model | None, key: str) -> Input:
    """The `Input` of ``widget`` under the name ``key``: what its kind of input needs to show."""
    data, env = context.data, context.env
    item = Input(widget, key, text=data.get(key, ""), error=context.errors.get(key))
    kind = widget.kind
    if not widget.editable:
        if kind == "lines":
            lines = value_of(record, widget.name) if record is not None else []
            item.rows = [Row("", str(line.id), inputs(context, widget.columns, line)) for line in lines]
        else:
            item.shown = shown(context, widget, record)
        return item
    if kind == "boolean":
        item.checked = data.getlist(key)[-1:] == ["1"]
    elif kind == "selection":
        assert isinstance(widget.field, Selection)
        item.options = [(v, context.fmt.option_label(widget.field, v)) for v in widget.field.values]
    elif kind == "monetary":
        currency = currency_of(context, widget, record, key)
        item.symbol = str(getattr(currency, "symbol", None) or getattr(currency, "code", ""))
    elif kind in ("many2one", "tags"):
        comodel = env.registry[widget.comodel]
        item.lookup = model_url(comodel._name, "/lookup")
        item.create = quick_creatable(comodel) and env.access.allows(comodel._name, "create")
        item.label = data.get(f"{key}__label", "")
        if kind == "tags":
            ids = [found for i in data.getlist(key) if (found := record_id(i)) is not None]
            names = display_names(env, comodel, ids)
            item.chips = [(i, names[i]) for i in dict.fromkeys(ids) if i in names]
    elif kind == "lines":
        lines = {line.id: line for line in value_of(record, widget.name)} if record is not None else {}
        for index in row_indexes(data, key):
            row_key = f"{key}.{index}"
            if data.get(f"{row_key}.remove"):
                continue
            line_id = data.get(f"{row_key}.id", "")
            line = lines.get(record_id(line_id) or 0)
            item.rows.append(Row(index, line_id, inputs(context, widget.columns, line, f"{row_key}.")))
        item.blank = Row(NEW_ROW, "", inputs(context, widget.columns, None, f"{key}.{NEW_ROW}."))
    return item


def has_error(item: Input) -> bool:
    """Whether ``item`` or one of its lines' cells has an error to show."""
    return item.error is not None or any(cell.error for row in item.rows for cell in row.cells)


def shown(context: Context, widget: Widget, record: Model | None) -> Markup | str:
    """The read-only text of ``widget``'s value on ``record`` (empty on a new record)."""
    value: Any = record
    for part in widget.name.split("."):
        value = getattr(value, part) if value is not None else None
    row = money_row(widget, record) if widget.kind == "monetary" and record is not None else {}
    return display(widget.field, value, row, context.fmt, tz=context.tz, widget=widget.widget)


def money_row(widget: Widget, record: Model) -> dict[str, Any]:
    """What `display` needs to write an amount in its record's currency."""
    currency = getattr(record, widget.field.currency_field, None)  # type: ignore[attr-defined]
    if currency is None:
        return {}
    code = {"id": currency.id, "display_name": currency.display_name}
    return {widget.field.currency_field: {**code, "decimal_places": currency.decimal_places}}  # type: ignore[attr-defined]


def currency_of(context: Context, widget: Widget, record: Model | None, key: str) -> Any:
    """The currency of an amount: the one chosen in the form, else the record's."""
    name = widget.field.currency_field  # type: ignore[attr-defined]
    chosen = record_id(context.data.get(key[: len(key) - len(widget.name)] + name, ""))
    target = getattr(context.env.registry[widget.field.model_name]._fields.get(name), "comodel", None)
    if chosen is not None and target is not None:
        return context.env.session.get(context.env.registry[target], chosen)
    return getattr(record, name, None) if record is not None else None


def prefetch(record: Model, widgets: Sequence[Widget]) -> None:
    """Load every relation the widgets show for ``record``: one query per relation, whatever the lines."""
    paths: list[str] = []
    for widget in widgets:
        path = widget.name.rsplit(".", 1)[0] if "." in widget.name else widget.name
        paths.append(path)
        if widget.kind == "monetary":
            paths.append(widget.field.currency_field)  # type: ignore[attr-defined]
        for column in widget.columns:
            paths.append(f"{widget.name}.{column.name}")
            paths += [f"{widget.name}.{depend}" for depend in column.field.depends]
            if column.kind == "monetary":
                paths.append(f"{widget.name}.{column.field.currency_field}")  # type: ignore[attr-defined]
    env = record.env
    RecordSet(env, type(record), [record]).prefetch(paths)
    # Fields computed on read: the record's once, each lines widget's for all its lines at once.
    compute_batches(RecordSet(env, type(record), [record]), [widget.field for widget in widgets])
    for widget in widgets:
        computed = [column.field for column in widget.columns if not column.field.store]
        if computed and "." not in widget.name:
            lines = list(getattr(record, widget.name) or ())
            if lines:
                compute_batches(RecordSet(env, type(lines[0]), lines), computed)


def summary(
    form: FormLayout, errors: Mapping[str, str], fmt: Translator, more: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """The errors as (where, message) for the list above the form: ``Lines › Price`` for a line's cell.

    ``more`` labels the keys of inputs outside the form's fields (a dialog's).
    """
    labels = {widget.name: widget.label for widget in form.widgets}
    labels.update(more or {})
    for widget in form.widgets:
        for column in widget.columns:
            labels[f"{widget.name}.{column.name}"] = f"{widget.label} › {column.label}"
    listed = []
    for key, message in errors.items():
        parts = key.split(".")
        name = f"{parts[0]}.{parts[-1]}" if len(parts) == 3 else key
        field = form.model._fields.get(key)
        label = labels.get(name) or (fmt.field_label(field) if field is not None else "")
        listed.append((label, message))
    return listed


# -- the rest of the page --------------------------------------------------------------


def status_steps(fmt: Translator, field: Selection, current: str | None) -> list[tuple[str, str, bool]]:
    """The status bar: each value of ``field`` with its label, the ``current`` one marked."""
    return [(value, fmt.option_label(field, value), value == current) for value in field.values]


@dataclasses.dataclass(frozen=True)
class Message:
    """One entry of the history panel, as the user reads it."""

    kind: str
    author: str
    when: str
    body: str
    changes: list[tuple[str, str, str]]


def history(record: Model, fmt: Translator, tz: str) -> list[Message] | None:
    """The record's history, newest first, in the user's language and time zone (None: it keeps none)."""
    model = type(record)
    if not has_history(model):
        return None
    return [
        Message(
            entry["kind"],
            entry["author"] or fmt.gettext("System"),
            fmt.datetime(dt.datetime.fromisoformat(entry["created_at"]), tz) if entry["created_at"] else "",
            entry["body"] or "",
            [change_line(model, change, fmt) for change in entry["changes"]],
        )
        for entry in record.history()
    ]


def change_line(model: type[Model], change: Mapping[str, Any], fmt: Translator) -> tuple[str, str, str]:
    """A tracked change as (field label, old value, new value) in the user's language."""
    label, name = str(change["label"]), str(change["field"])
    return (
        fmt.gettext(label),
        change_text(model, name, change["old"], fmt),
        change_text(model, name, change["new"], fmt),
    )


def change_text(model: type[Model], name: str, value: Any, fmt: Translator) -> str:
    """An old or new value of a tracked change, stored as English users read it, as this user reads it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return fmt.gettext("Yes") if value else fmt.gettext("No")
    if isinstance(model._fields.get(name), Selection):
        return fmt.gettext(str(value))  # an option's label
    return str(value)
