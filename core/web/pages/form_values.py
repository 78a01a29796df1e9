"""Field values → form data: the text each input of a form starts with.

The inverse of `core.web.pages.inputs`: a record's values (or a new record's
defaults) become the strings its inputs show, under the names they are
posted back with, so a form renders from one `MultiDict` whether it shows a
record or re-shows a refused post::

    data = encode(form.editable, record, fmt, env.tz)
    data["amount"]        # "1.234,50" for a Turkish user
    data["lines.0.id"]    # "4"
"""

from __future__ import annotations

import datetime as dt
import decimal
import zoneinfo
from collections.abc import Mapping
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from werkzeug.datastructures import MultiDict

if TYPE_CHECKING:
    from core.i18n import Translator
    from core.orm.model import Model
    from core.web.pages.form_layout import Widget

DEFAULT_MONEY_PLACES = 2


def encode(
    widgets: Sequence[Widget], source: Model | Mapping[str, Any], fmt: Translator, tz: zoneinfo.ZoneInfo
) -> MultiDict[str, str]:
    """The form data showing ``source`` (a record, or values by field name) in the editable ``widgets``.

    Numbers are written the way ``fmt``'s language does, datetimes on the wall clock of ``tz``.
    """
    data: MultiDict[str, str] = MultiDict()
    for widget in widgets:
        if widget.editable:
            put(widget, source, widget.name, data, fmt, tz)
    return data


def value_of(source: Model | Mapping[str, Any], name: str) -> Any:
    """The value of the field ``name`` in ``source``, a record or values by field name."""
    return source.get(name) if isinstance(source, Mapping) else getattr(source, name)


def put(
    widget: Widget,
    source: Model | Mapping[str, Any],
    key: str,
    data: MultiDict[str, str],
    fmt: Translator,
    tz: zoneinfo.ZoneInfo,
) -> None:
    """Add the inputs of ``widget`` under ``key`` to ``data``."""
    value = value_of(source, widget.name)
    kind = widget.kind
    if kind == "lines":
        data.add(key, "")  # the marker: the editor was on the form, even with no rows
        for index, line in enumerate(value or ()):
            data.add(f"{key}.{index}.id", str(line.id))
            for column in widget.columns:
                if column.editable:
                    put(column, line, f"{key}.{index}.{column.name}", data, fmt, tz)
    elif kind == "tags":
        data.add(key, "")
        for record in value or ():
            data.add(key, str(record.id))
    elif kind == "many2one":
        name = value.display_name if value is not None else ""
        data.add(key, str(value.id) if value is not None else "")
        data.add(f"{key}__label", name)
        data.add(f"{key}__shown", name)
    elif kind == "boolean":
        data.add(key, "1" if value else "0")
    elif kind == "password":
        data.add(key, "")  # never shown
    else:
        data.add(key, text_of(widget, value, source, fmt, tz))


def text_of(
    widget: Widget, value: Any, source: Model | Mapping[str, Any], fmt: Translator, tz: zoneinfo.ZoneInfo
) -> str:
    """The text an input of ``widget`` shows for ``value``."""
    if value is None:
        return ""
    kind = widget.kind
    if kind in ("integer", "float"):
        return fmt.number(value)
    if kind == "decimal":
        return fmt.number(value, places(value, widget.field.digits[1]))  # type: ignore[attr-defined]
    if kind == "monetary":
        currency = value_of(source, widget.field.currency_field)  # type: ignore[attr-defined]
        digits = getattr(currency, "decimal_places", None)
        return fmt.number(value, DEFAULT_MONEY_PLACES if digits is None else digits)
    if kind == "date":
        return str(value.isoformat())
    if kind == "datetime":
        return local_input(value, tz)
    return str(value)


def places(value: decimal.Decimal, scale: int) -> int:
    """The decimals to show: the significant ones, at least two (when the scale allows), at most ``scale``."""
    exponent = decimal.Decimal(value).normalize().as_tuple().exponent
    significant = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return min(scale, max(significant, min(2, scale)))


def local_input(value: dt.datetime, tz: zoneinfo.ZoneInfo) -> str:
    """An instant as ``<input type="datetime-local">`` shows it on the wall clock of ``tz``."""
    local = value.astimezone(tz).replace(tzinfo=None, microsecond=0)
    return local.isoformat(timespec="seconds" if local.second else "minutes")
