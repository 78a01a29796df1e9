"""How a field's value reads on a page: formatted for the user's language, time zone and currency.

Lists, kanban cards, group headers and read-only form fields all show values
through `display`, so a date or an amount looks the same everywhere. It takes
values as `search_read` and ``read`` return them (ISO strings for dates,
strings for decimals, ``{"id", "display_name"}`` for a many2one) or as Python
values, and returns plain text (escaped by Jinja) or `Markup` for links and
chips::

    fmt = translator(registry, "tr")
    display(fields["amount"], "1234.50", {"currency": {"id": 1, "display_name": "TRY"}}, fmt)
    # "₺1.234,50"
    display(fields["partner"], {"id": 7, "display_name": "Acme"}, row, fmt)
    # Markup('<a href="/web/base.partner/7">Acme</a>')
    display(fields["email"], "a@b.example", row, fmt, widget="email")
    # Markup('<a href="mailto:a@b.example">a@b.example</a>')

A monetary amount is written in the currency its record names in the
field's ``currency_field``: the value there is ``{"id", "display_name"}``
(the display name of a currency is its ISO code), optionally with
``decimal_places`` (`core.web.pages.rows` adds them); without it, the
currency's usual number of decimals (CLDR) is used.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
from collections.abc import Mapping
from typing import Any

from babel.numbers import get_currency_precision
from markupsafe import Markup

from core.i18n import Translator
from core.orm.fields.base import Field as ModelField
from core.orm.fields.numeric import Decimal
from core.orm.fields.numeric import Monetary
from core.orm.fields.selection import Selection
from core.views import Field
from core.web.pages.urls import record_url

PRIORITY_STARS = 3
SAFE_SCHEMES = ("http://", "https://")


def field_label(model_field: ModelField[Any], fmt: Translator, view_field: Field | None = None) -> str:
    """What a column or form field is called: the view's own label if it gives one, else the field's."""
    if view_field is not None and view_field.label:
        return fmt.gettext(view_field.label)
    return fmt.field_label(model_field)


def display(
    field: ModelField[Any],
    value: Any,
    record: Mapping[str, Any],
    fmt: Translator,
    *,
    tz: str = "UTC",
    widget: str | None = None,
) -> Markup | str:
    """``value`` of ``field`` as the user reads it; empty text when it has no value.

    Args:
        field: the model field (for dotted view paths, the last field).
        value: the value as read (see the module docstring).
        record: the whole row, where a monetary field finds its currency.
        fmt: the user's translator.
        tz: the user's time zone, for datetimes.
        widget: the view field's widget (``email``, ``phone``, ``url``,
            ``priority``, ``progress``, ``password``, ``tags``, ``text``).
    """
    kind = field.type_name
    if kind == "boolean":
        return _boolean(bool(value), fmt)
    if value is None or value == "" or value is False or value == []:
        return ""
    if widget is not None and (shown := _widget(widget, field, value, fmt)) is not None:
        return shown
    if kind in ("char", "text"):
        return Markup('<span class="text">{}</span>').format(value) if kind == "text" else str(value)
    if kind == "selection":
        assert isinstance(field, Selection)
        return fmt.option_label(field, str(value))
    if kind == "integer":
        return fmt.number(int(value))
    if kind == "float":
        return fmt.number(float(value))
    if isinstance(field, Monetary):
        return _money(field, value, record, fmt)
    if isinstance(field, Decimal):
        return fmt.number(decimal.Decimal(str(value)), field.digits[1])
    if kind == "date":
        return fmt.date(value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)))
    if kind == "datetime":
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
        return fmt.datetime(moment, tz)
    if kind == "many2one":
        return _link(field, value)
    if kind == "many2many":
        return _chips(field, value, fmt)
    if kind == "one2many":
        count = len(value)
        return fmt.ngettext("%(num)d record", "%(num)d records", count) % {"num": count}
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _boolean(value: bool, fmt: Translator) -> Markup:
    label = fmt.gettext("Yes") if value else fmt.gettext("No")
    mark = "✓" if value else "✗"
    return Markup('<span class="bool bool-{}" role="img" aria-label="{}">{}</span>').format(
        "yes" if value else "no", label, mark
    )


def _money(field: Monetary, value: Any, record: Mapping[str, Any], fmt: Translator) -> str:
    amount = decimal.Decimal(str(value))
    currency = record.get(field.currency_field)
    code = currency.get("display_name") if isinstance(currency, Mapping) else None
    if not code:
        return fmt.number(amount, 2)
    digits = currency.get("decimal_places") if isinstance(currency, Mapping) else None
    if digits is None:
        digits = get_currency_precision(code)
    return fmt.money(amount, code, int(digits))


def _name_and_id(value: Any) -> tuple[int | None, str]:
    """A related record's id and name, from a ``{"id", "display_name"}`` dict or a record."""
    if isinstance(value, Mapping):
        return value.get("id"), str(value.get("display_name") or "")
    if hasattr(value, "display_name"):
        return value.id, str(value.display_name)
    return None, str(value)


def _link(field: ModelField[Any], value: Any) -> Markup | str:
    record_id, name = _name_and_id(value)
    if record_id is None:
        return name
    return Markup('<a href="{}">{}</a>').format(record_url(field.comodel, record_id), name)  # type: ignore[attr-defined]


def _chips(field: ModelField[Any], value: Any, fmt: Translator) -> Markup | str:
    items = [_name_and_id(item) for item in value if not isinstance(item, int)]
    if not items:
        count = len(value)
        return fmt.ngettext("%(num)d record", "%(num)d records", count) % {"num": count}
    chips = Markup("").join(Markup('<span class="chip">{}</span>').format(name) for _, name in items)
    return Markup('<span class="chips">{}</span>').format(chips)


def _widget(widget: str, field: ModelField[Any], value: Any, fmt: Translator) -> Markup | str | None:
    """``value`` shown by its view widget, or None to show it by its type."""
    text = str(value)
    if widget == "email":
        return Markup('<a href="mailto:{}">{}</a>').format(text, text)
    if widget == "phone":
        return Markup('<a href="tel:{}">{}</a>').format(text.replace(" ", ""), text)
    if widget == "url":
        if not text.lower().startswith(SAFE_SCHEMES):
            return text
        return Markup('<a href="{}" rel="noopener noreferrer">{}</a>').format(text, text)
    if widget == "password":
        return "••••••••"
    if widget == "progress" and field.type_name in ("integer", "float", "decimal"):
        number = float(value)
        return Markup('<progress max="100" value="{}">{}</progress> <span class="num">{}</span>').format(
            max(0.0, min(number, 100.0)), fmt.percent(number / 100), fmt.percent(number / 100)
        )
    if widget == "priority":
        return _stars(field, value, fmt)
    return None


def _stars(field: ModelField[Any], value: Any, fmt: Translator) -> Markup | None:
    if isinstance(field, Selection):
        options = field.values
        if value not in options:
            return None
        filled, top = options.index(value), len(options) - 1
    elif field.type_name == "integer":
        filled, top = max(0, min(int(value), PRIORITY_STARS)), PRIORITY_STARS
    else:
        return None
    label = fmt.gettext("Priority %(value)d of %(top)d") % {"value": filled, "top": top}
    return Markup('<span class="stars" role="img" aria-label="{}">{}</span>').format(
        label, "★" * filled + "☆" * (top - filled)
    )
