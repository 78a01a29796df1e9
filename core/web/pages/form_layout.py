"""What one user gets of a form view: which fields show, as which widget, and which they may edit.

The resolved `FormView` says what a form holds; this module applies the
user's rights and field groups, and the record's status, to it. Fields the
user may not see are left out (and so are never read from a post); fields
that are read-only (always, or in the record's status), computed, audit
stamps or followed through a relation are shown but not editable; nothing is
editable without the right to save the record::

    form = form_layout(env, view, fmt, editing=env.access.allows(view.model, "write"), status="draft")
    [(w.name, w.kind, w.editable) for w in form.widgets]   # [("name", "char", True), ...]
    form.button(env, "qualify", "new")                   # the Button, or raises
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING
from typing import Any

from core.api.schemas import is_writable
from core.errors import AccessError
from core.errors import MissingError
from core.errors import UserError
from core.i18n import _
from core.views import Button
from core.views import Field
from core.views import FormView
from core.views import Link
from core.views import ListView
from core.views.buttons import HeaderButton
from core.web.pages.display import field_label

if TYPE_CHECKING:
    from core.i18n import Translator
    from core.orm.environment import Environment
    from core.orm.fields.base import Field as ModelField
    from core.orm.model import Model

# The widget of each field type; a view's ``widget`` can change it (`kind_of`).
KINDS = {
    "char": "char",
    "text": "text",
    "boolean": "boolean",
    "integer": "integer",
    "float": "float",
    "decimal": "decimal",
    "monetary": "monetary",
    "date": "date",
    "datetime": "datetime",
    "selection": "selection",
    "many2one": "many2one",
    "many2many": "tags",
    "one2many": "lines",
}


@dataclasses.dataclass(frozen=True)
class Widget:
    """One field of the form as this user gets it.

    Attributes:
        name: the field's path in the view (``partner`` or ``partner.email``).
        field: the model field at the end of that path.
        label: the text shown, in the view's words or the field's.
        kind: how it is edited: a `KINDS` value, or ``password``, ``display``
            (never editable: JSON and the like).
        widget: the view's widget (``email``, ``phone``, ``url``...) or None.
        editable: whether the user may change it here.
        columns: the line editor's columns, for a ``lines`` widget.
    """

    name: str
    field: ModelField[Any]
    label: str
    kind: str
    widget: str | None
    editable: bool
    columns: tuple[Widget, ...] = ()

    @property
    def required(self) -> bool:
        return self.editable and self.field.required and self.kind != "boolean"

    @property
    def comodel(self) -> str:
        """The target model of a relational widget."""
        return str(getattr(self.field, "comodel", ""))


@dataclasses.dataclass(frozen=True)
class Section:
    """A group of the form, or a notebook page (``label`` is its tab's text)."""

    name: str
    label: str | None
    widgets: tuple[Widget, ...]


@dataclasses.dataclass(frozen=True)
class FormLayout:
    """The groups, pages and buttons of a form view for one user."""

    view: FormView
    model: type[Model]
    groups: tuple[Section, ...]
    pages: tuple[Section, ...]
    editing: bool

    @property
    def widgets(self) -> tuple[Widget, ...]:
        return tuple(w for section in (*self.groups, *self.pages) for w in section.widgets)

    @property
    def editable(self) -> tuple[Widget, ...]:
        return tuple(w for w in self.widgets if w.editable)

    def buttons(self, env: Environment, status: str | None) -> list[HeaderButton]:
        """The view's buttons and links this user sees on a record in ``status``.

        Buttons change the record: none show without the right to edit it.
        Links only open a page, which checks what the user may see.
        """
        return [
            b
            for b in self.view.buttons
            if (self.editing or isinstance(b, Link))
            and in_groups(env, b)
            and (not b.states or status in b.states)
        ]

    def button(self, env: Environment, method: str, status: str | None) -> Button:
        """The button calling ``method``, if this user may press it on a record in ``status``.

        Raises:
            MissingError: the form has no such button.
            AccessError: the button is for groups the user is not in, or the
                user may not change the record.
            UserError: the button is not offered in ``status``.
        """
        found = next((b for b in self.view.buttons if isinstance(b, Button) and b.method == method), None)
        if found is None:
            raise MissingError(_("This form has no button %(method)s.", method=method))
        if not in_groups(env, found) or not self.editing:
            raise AccessError(_("You may not use the button %(label)s.", label=_(found.label)))
        if found.states and status not in found.states:
            raise UserError(_("%(label)s is not available at this stage.", label=_(found.label)))
        return found


def in_groups(env: Environment, button: HeaderButton) -> bool:
    """Whether the user belongs to one of the button's groups (when it names any)."""
    return not button.groups or env.su or bool(env.access.group_names.intersection(button.groups))


def form_layout(
    env: Environment, view: FormView, fmt: Translator, *, editing: bool, status: str | None = None
) -> FormLayout:
    """``view`` for the user of ``env``, in ``fmt``'s language.

    Args:
        editing: whether the user may save the record.
        status: the value of the view's status field on the record, for the
            fields' ``readonly_states``.
    """
    model = env.registry[view.model]

    def sections(containers: tuple[Any, ...]) -> tuple[Section, ...]:
        return tuple(
            Section(
                c.name,
                fmt.gettext(c.label) if c.label else None,
                widgets(env, model, c.fields, fmt, editing, status=status),
            )
            for c in containers
        )

    return FormLayout(view, model, sections(view.groups), sections(view.pages), editing)


def widgets(
    env: Environment,
    model: type[Model],
    fields: tuple[Field, ...],
    fmt: Translator,
    editing: bool,
    skip: str = "",
    status: str | None = None,
) -> tuple[Widget, ...]:
    """The widgets of the view fields ``fields`` of ``model`` that the user may see (``skip`` left out).

    A field is editable when ``editing``, unless it is read-only, computed,
    followed through a relation, or read-only in ``status``.
    """
    made = []
    for item in fields:
        path = item.name.split(".")
        if path[0] == skip:
            continue
        field = walk(env, model, path)
        if field is None:
            continue
        kind = kind_of(field, item.widget)
        editable = (
            editing
            and len(path) == 1
            and not item.readonly
            and status not in item.readonly_states
            and is_writable(field)
            and kind != "display"
        )
        columns: tuple[Widget, ...] = ()
        if kind == "lines":
            comodel = env.registry[field.comodel]  # type: ignore[attr-defined]
            lines_editable = editable and (
                env.su or any(env.access.allows(comodel._name, op) for op in ("create", "write"))
            )
            inverse = str(getattr(field, "inverse", ""))
            columns = widgets(env, comodel, line_columns(env, item, comodel), fmt, lines_editable, inverse)
        label = field_label(field, fmt, item)
        made.append(Widget(item.name, field, label, kind, item.widget, editable, columns))
    return tuple(made)


def walk(env: Environment, model: type[Model], path: list[str]) -> ModelField[Any] | None:
    """The field at the end of ``path``, or None when the user may not see one along it."""
    field = None
    for part in path:
        field = model._fields[part]
        if not env.su and not env.access.can_see_field(field):
            return None
        comodel = getattr(field, "comodel", None)
        if comodel is not None:
            model = env.registry[comodel]
    return field


def kind_of(field: ModelField[Any], widget: str | None) -> str:
    """The widget kind of ``field`` shown with the view's ``widget``."""
    kind = KINDS.get(field.type_name, "display")
    if widget == "password" and kind == "char":
        return "password"
    if widget == "text" and kind == "char":
        return "text"
    return kind


def line_columns(env: Environment, item: Field, comodel: type[Model]) -> tuple[Field, ...]:
    """The columns of a line editor: the view field's ``columns``, else the target's list columns."""
    if item.columns:
        return tuple(Field(name) for name in item.columns)
    listing = env.registry.ui.view(comodel._name, "list")
    return listing.columns if isinstance(listing, ListView) else ()
