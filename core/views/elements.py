"""The pieces views are made of: fields, groups, notebook pages, filters (buttons: `core.views.buttons`).

Each piece has a ``name`` that other addons use as an anchor (`extend`)::

    FormView(
        "sales.order",
        status="state",
        buttons=[Button("confirm", "Confirm", states=["draft", "sent"], primary=True)],
        groups=[Group("customer", ["partner", "date_order"]), Group("terms", ["currency", "validity"])],
        pages=[
            Page(
                "lines",
                "Order lines",
                [Field("lines", columns=["product", "quantity", "price"], readonly_states=["confirmed"])],
            )
        ],
    )
    SearchView(
        "sales.order",
        filters=[Filter("mine", "My orders", [("user", "=", "@user")])],
        group_by=[GroupBy("customer", "Customer", "partner"), GroupBy("month", "Month", "date_order:month")],
        defaults=["mine"],
    )

Everything is frozen: views are values, combined once when the registry is built.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from core.errors import ConfigError

WIDGETS = frozenset({"email", "phone", "url", "tags", "priority", "progress", "text", "password"})


def assign(instance: object, **values: Any) -> None:
    """Set attributes of a frozen dataclass from its own ``__post_init__``."""
    for name, value in values.items():
        object.__setattr__(instance, name, value)


@dataclasses.dataclass(frozen=True)
class Field:
    """One field shown in a view; ``name`` may follow relations (``"partner.email"``).

    Args:
        name: the field's name on the view's model, or a dotted path.
        label: shown instead of the field's own label.
        readonly: shown but not editable in this view.
        widget: how to show it instead of by its type: ``email``, ``phone``,
            ``url`` (links), ``tags`` (a many2many as chips), ``priority``
            (stars), ``progress`` (a bar, for percentages), ``text`` (a large
            box), ``password`` (hidden input).
        columns: for a one2many or many2many in a form, the columns of its
            line editor (default: the target model's list columns).
        readonly_states: in a form, shown but not editable while the view's
            ``status`` field has one of these values (the lines of a
            confirmed order). The model should refuse the change too: this
            only spares the user a refusal.
    """

    name: str
    label: str | None = None
    readonly: bool = False
    widget: str | None = None
    columns: tuple[str, ...] = ()
    readonly_states: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not all(isinstance(column, str) for column in self.columns):
            raise ConfigError(f"field {self.name}: columns are field names (strings)")
        if self.widget is not None and self.widget not in WIDGETS:
            raise ConfigError(f"field {self.name}: unknown widget {self.widget!r} (one of {sorted(WIDGETS)})")
        assign(self, columns=tuple(self.columns), readonly_states=tuple(self.readonly_states))


FieldLike = str | Field


def as_fields(items: Sequence[FieldLike]) -> tuple[Field, ...]:
    """``items`` with plain names turned into `Field` values."""
    return tuple(item if isinstance(item, Field) else Field(item) for item in items)


@dataclasses.dataclass(frozen=True)
class Group:
    """A named block of fields in a form; its ``name`` is an anchor for ``inside=``."""

    name: str
    fields: tuple[Field, ...]
    label: str | None = None

    def __post_init__(self) -> None:
        assign(self, fields=as_fields(self.fields))


@dataclasses.dataclass(frozen=True)
class Page:
    """A notebook tab of a form (``Page("lines", "Order lines", ["lines"])``); ``name`` is an anchor."""

    name: str
    label: str
    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        assign(self, fields=as_fields(self.fields))


@dataclasses.dataclass(frozen=True)
class Filter:
    """A search filter the user can switch on: ``domain`` may use ``@user``, ``@partner``, ``@company``.

    ``@today`` stands for the current date in the user's time zone, so
    ``Filter("overdue", "Overdue", [("date_due", "<", "@today")])`` works every day.
    """

    name: str
    label: str
    domain: tuple[Any, ...]

    def __post_init__(self) -> None:
        assign(self, domain=tuple(self.domain))


@dataclasses.dataclass(frozen=True)
class GroupBy:
    """A group-by option: ``field`` is a stored field or ``"date_field:month"`` (see `read_group`)."""

    name: str
    label: str
    field: str
