"""Form data → field values: what a form's inputs post, read in the user's language.

Every input is named after its field (``name``, ``partner``), or, in a line
editor, ``<field>.<row>.<column>`` (``lines.0.quantity``); a line's hidden
``<field>.<row>.id`` holds its id (empty for a new line) and a checked
``<field>.<row>.remove`` drops it. A many2one posts the chosen id with the
text shown (``partner__label``) and the text it was rendered with
(``partner__shown``): text typed without choosing is looked up by name.
Numbers are read as the user's language writes them, datetimes in their time
zone. Each refusal is keyed by its input, so it shows next to it::

    parsed = parse(env, form.editable, request.form, fmt)
    parsed.vals    # {"name": "Acme", "amount": Decimal("1234.50"), "lines": [{"id": 4, "price": ...}, {...}]}
    parsed.errors  # {"lines.1.price": "abc is not a number."}
    record.write(changes(record, parsed.vals))   # only what differs from the record
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import re
import zoneinfo
from collections.abc import Mapping
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from werkzeug.datastructures import MultiDict

from core.errors import ValidationError
from core.i18n import _
from core.i18n.formats import TO_WESTERN
from core.orm.fields.base import MISSING
from core.web.pages.lookup import find_by_name

if TYPE_CHECKING:
    from core.i18n import Translator
    from core.orm.environment import Environment
    from core.orm.model import Model
    from core.web.pages.form_layout import Widget

TRUE = frozenset({"1", "on", "true"})
MAX_ID = 2**31 - 1


def record_id(text: str) -> int | None:
    """The record id ``text`` holds, or None for anything else (empty, not digits, beyond 32 bits)."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        return None
    return int(text)


@dataclasses.dataclass
class Parsed:
    """The values read from a post, and a message per refused input."""

    vals: dict[str, Any] = dataclasses.field(default_factory=dict)
    errors: dict[str, str] = dataclasses.field(default_factory=dict)


def parse(env: Environment, widgets: Sequence[Widget], data: MultiDict[str, str], fmt: Translator) -> Parsed:
    """The values of the editable ``widgets`` found in ``data``; inputs not posted are left out."""
    parsed = Parsed()
    for widget in widgets:
        if not widget.editable or widget.name not in data:
            continue
        if widget.kind == "lines":
            parsed.vals[widget.name] = parse_lines(env, widget, data, fmt, parsed.errors)
            continue
        try:
            value = parse_value(env, widget, data, widget.name, fmt)
        except (ValueError, ValidationError) as error:
            parsed.errors[widget.name] = message_of(error)
            continue
        if value is not MISSING:
            parsed.vals[widget.name] = value
    return parsed


def message_of(error: ValueError | ValidationError) -> str:
    return error.message if isinstance(error, ValidationError) else str(error)


def parse_value(
    env: Environment, widget: Widget, data: MultiDict[str, str], key: str, fmt: Translator
) -> Any:
    """The value of one input (``key``) of ``widget``; MISSING when it leaves the field as it is.

    Raises:
        ValueError, ValidationError: the text is not a value of the field.
    """
    kind, field = widget.kind, widget.field
    text = data.get(key, "")
    if kind == "boolean":
        return data.getlist(key)[-1].lower() in TRUE
    if kind == "many2one":
        return parse_many2one(env, widget, data, key)
    if kind == "tags":
        ids = [found for item in data.getlist(key) if (found := record_id(item)) is not None]
        typed = data.get(f"{key}__label", "").strip()
        if typed:
            ids.append(find_by_name(env, env.registry[widget.comodel], typed))
        return list(dict.fromkeys(ids))
    if kind == "password":
        return field.convert(text, env) if text else MISSING
    if kind == "text":
        return field.convert(text.replace("\r\n", "\n"), env) if text.strip() else None
    if not text.strip():
        return None
    if kind == "integer":
        number = fmt.parse_number(text)
        if number != number.to_integral_value():
            raise ValueError(_("Enter a whole number."))
        return field.convert(int(number), env)
    if kind in ("float", "decimal", "monetary"):
        return field.convert(fmt.parse_number(text), env)
    if kind == "date":
        return fmt.parse_date(text)
    if kind == "datetime":
        return parse_datetime(text, env.tz)
    return field.convert(text, env)


def parse_many2one(env: Environment, widget: Widget, data: MultiDict[str, str], key: str) -> int | None:
    """The chosen id; when the text was typed rather than chosen, the record it names."""
    chosen = record_id(data.get(key, ""))
    if f"{key}__label" not in data:
        return chosen
    label = data.get(f"{key}__label", "").strip()
    if not label:
        return None
    if chosen is not None and label == data.get(f"{key}__shown", "").strip():
        return chosen
    return find_by_name(env, env.registry[widget.comodel], label)


def parse_datetime(text: str, tz: zoneinfo.ZoneInfo) -> dt.datetime:
    """``2024-05-01T12:00`` on the user's wall clock (``tz``) as an aware UTC instant.

    Raises:
        ValueError: ``text`` is not an ISO date and time.
    """
    try:
        value = dt.datetime.fromisoformat(text.strip().translate(TO_WESTERN))
    except ValueError:
        raise ValueError(_("%(text)s is not a date and time.", text=text.strip())) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=tz)
    return value.astimezone(dt.UTC)


def parse_lines(
    env: Environment, widget: Widget, data: MultiDict[str, str], fmt: Translator, errors: dict[str, str]
) -> list[dict[str, Any]]:
    """The rows of a line editor as the ORM writes a one2many: ``{"id": ...}`` for kept lines.

    Rows left blank are new lines the user did not fill in: they are skipped.
    Blank cells of new lines are left out, so the lines get their defaults.
    """
    lines = []
    for index in row_indexes(data, widget.name):
        key = f"{widget.name}.{index}"
        if data.get(f"{key}.remove", "").lower() in TRUE:
            continue
        line_id = record_id(data.get(f"{key}.id", ""))
        line: dict[str, Any] = {}
        refused = {}
        for column in widget.columns:
            cell = f"{key}.{column.name}"
            if not column.editable or cell not in data:
                continue
            try:
                value = parse_value(env, column, data, cell, fmt)
            except (ValueError, ValidationError) as error:
                refused[cell] = message_of(error)
                continue
            if value is not MISSING and (line_id is not None or not blank(value)):
                line[column.name] = value
        if line_id is None and not line and not refused:
            continue
        for column in widget.columns:
            cell = f"{key}.{column.name}"
            if column.required and cell not in refused and blank(line.get(column.name)):
                # A new line left blank takes the field's default, which the ORM applies.
                if column.name in line or (line_id is None and column.field.default is MISSING):
                    refused[cell] = _("This field is required.")
        errors.update(refused)
        lines.append({"id": line_id, **line} if line_id is not None else line)
    return lines


def blank(value: Any) -> bool:
    """Whether a cell was left empty (a zero is a value; an unticked box is not)."""
    return value is None or value is False or (isinstance(value, str | list) and not value)


def row_indexes(data: MultiDict[str, str], name: str) -> list[str]:
    """The row numbers of the line editor ``name`` in the order the rows were posted."""
    pattern = re.compile(rf"^{re.escape(name)}\.(\d+)\.id$")
    return [match.group(1) for key in data if (match := pattern.match(key))]


# -- which values change the record ------------------------------------------------


def changes(record: Model, vals: Mapping[str, Any]) -> dict[str, Any]:
    """The part of ``vals`` that differs from ``record``: writing only it keeps the history clean."""
    env = record.env
    changed: dict[str, Any] = {}
    for name, value in vals.items():
        field = record._fields[name]
        current = getattr(record, name)
        if field.type_name == "one2many":
            lines = line_changes(current, value)
            if lines is not None:
                changed[name] = lines
        elif not same(field, current, value, env):
            changed[name] = value
    return changed


def line_changes(current: Sequence[Model], lines: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """``lines`` with each kept line's unchanged values left out, or None when nothing changes."""
    by_id = {line.id: line for line in current}
    result, changed = [], [item.get("id") for item in lines] != list(by_id)
    for item in lines:
        line = by_id.get(item.get("id", -1))
        if line is None:
            result.append(item)
            continue
        values = changes(line, {k: v for k, v in item.items() if k != "id"})
        changed = changed or bool(values)
        result.append({"id": line.id, **values})
    return result if changed else None


def same(field: Any, current: Any, value: Any, env: Environment) -> bool:
    """Whether the posted ``value`` is what the record holds already."""
    if field.type_name == "many2one":
        return (current.id if current is not None else None) == value
    if field.type_name == "many2many":
        return sorted(record.id for record in current) == sorted(value)
    try:
        return bool(current == field.convert(value, env))
    except (ValueError, decimal.InvalidOperation):
        return False
