"""Typed view declarations: the lists and forms an addon declares, and named-anchor extensions.

An addon passes these to ``addon.views(...)`` in its ``views.py``; they are
checked and combined once, when the registry is built (`resolve_views`)::

    partner_list = ListView("base.partner", columns=["name", "email", "country"], order="name")
    partner_form = FormView(
        "base.partner",
        groups=[Group("identity", ["name", "is_company", "parent"]), Group("contact", ["email", "phone"])],
    )
    # in another addon: two fields after the partner's email, wherever that group is now
    loyalty = extend("base.partner.form", after="email", fields=["points", Field("level", readonly=True)])

A view is named ``<model>.list`` or ``<model>.form`` unless given a ``name``.
Models without a declared list or form get a default one from their fields.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any
from typing import ClassVar
from typing import Protocol

from core.errors import ConfigError
from core.errors import ValidationError
from core.orm.fields.base import Field as ModelField
from core.orm.fields.relational import Relational
from core.orm.model import Model
from core.orm.registry import Registry

# Fields every model inherits (audit stamps): left out of the default views.
AUDIT_FIELDS = frozenset(name for name, value in vars(Model).items() if isinstance(value, ModelField))
LIST_TYPES = frozenset(
    {
        "char",
        "selection",
        "integer",
        "float",
        "decimal",
        "monetary",
        "date",
        "datetime",
        "boolean",
        "many2one",
    }
)
DEFAULT_LIST_COLUMNS = 6


@dataclasses.dataclass(frozen=True)
class Field:
    """One field shown in a view: ``name`` may follow relations (``"partner.email"``).

    Args:
        name: the field's name on the view's model, or a dotted path.
        label: shown instead of the field's own label.
        readonly: shown but not editable in this view.
    """

    name: str
    label: str | None = None
    readonly: bool = False


FieldLike = str | Field


def _fields(items: Sequence[FieldLike]) -> tuple[Field, ...]:
    return tuple(item if isinstance(item, Field) else Field(item) for item in items)


@dataclasses.dataclass(frozen=True, init=False)
class Group:
    """A named block of fields in a form; its ``name`` is the anchor extensions use (``inside=``)."""

    name: str
    fields: tuple[Field, ...]
    label: str | None

    def __init__(self, name: str, fields: Sequence[FieldLike], label: str | None = None) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "fields", _fields(fields))
        object.__setattr__(self, "label", label)


@dataclasses.dataclass(frozen=True, init=False)
class ListView:
    """Records as rows: ``columns`` in order, sorted by ``order`` (default: the model's order)."""

    kind: ClassVar[str] = "list"
    model: str
    name: str
    columns: tuple[Field, ...]
    order: str | None

    def __init__(
        self,
        model: str,
        name: str | None = None,
        columns: Sequence[FieldLike] = (),
        order: str | None = None,
    ) -> None:
        object.__setattr__(self, "model", model)
        object.__setattr__(self, "name", name or f"{model}.list")
        object.__setattr__(self, "columns", _fields(columns))
        object.__setattr__(self, "order", order)

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every field the view shows, in order."""
        return self.columns

    def extended(self, extension: ViewExtension) -> ListView:
        """A copy with ``extension``'s fields placed at its anchor.

        Raises:
            ConfigError: the anchor is not in this view, or is a group (lists have none).
        """
        if extension.inside is not None:
            raise ConfigError(f"view {self.name} is a list: it has no groups to put fields inside")
        columns = _insert(self.columns, extension, self.name)
        return dataclasses.replace(self, columns=columns)


@dataclasses.dataclass(frozen=True, init=False)
class FormView:
    """One record's fields, in named ``groups`` (or one group, ``main``, from ``fields``)."""

    kind: ClassVar[str] = "form"
    model: str
    name: str
    groups: tuple[Group, ...]

    def __init__(
        self,
        model: str,
        name: str | None = None,
        fields: Sequence[FieldLike] | None = None,
        groups: Sequence[Group] | None = None,
    ) -> None:
        object.__setattr__(self, "model", model)
        object.__setattr__(self, "name", name or f"{model}.form")
        if (fields is None) == (groups is None):
            raise ConfigError(f"view {self.name}: give either fields=[...] or groups=[...]")
        object.__setattr__(
            self, "groups", tuple(groups) if groups is not None else (Group("main", fields or ()),)
        )
        names = [group.name for group in self.groups]
        if len(set(names)) != len(names):
            raise ConfigError(f"view {self.name}: two groups have the same name")

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every field the view shows, group after group."""
        return tuple(field for group in self.groups for field in group.fields)

    def extended(self, extension: ViewExtension) -> FormView:
        """A copy with ``extension``'s fields placed at its anchor (default: the last group's end).

        Raises:
            ConfigError: the anchor field or group is not in this view.
        """
        groups = list(self.groups)
        if extension.after is None and extension.before is None:
            target = extension.inside or groups[-1].name
            index = next((i for i, group in enumerate(groups) if group.name == target), None)
            if index is None:
                raise ConfigError(f"view {self.name} has no group {target!r}")
            group = groups[index]
            groups[index] = Group(group.name, group.fields + extension.fields, group.label)
        else:
            anchor = extension.after or extension.before
            index = next((i for i, g in enumerate(groups) if anchor in {f.name for f in g.fields}), None)
            if index is None:
                raise ConfigError(f"view {self.name} has no field {anchor!r}")
            group = groups[index]
            groups[index] = Group(group.name, _insert(group.fields, extension, self.name), group.label)
        return dataclasses.replace(self, groups=tuple(groups))


View = ListView | FormView


@dataclasses.dataclass(frozen=True)
class ViewExtension:
    """Fields another addon adds to view ``view``, at one named anchor (see `extend`)."""

    view: str
    fields: tuple[Field, ...]
    after: str | None = None
    before: str | None = None
    inside: str | None = None


def extend(
    view: str,
    *,
    fields: Sequence[FieldLike],
    after: str | None = None,
    before: str | None = None,
    inside: str | None = None,
) -> ViewExtension:
    """Add ``fields`` to the view named ``view`` (declared by this addon or one it depends on).

    Place them ``after`` or ``before`` a field of the view, or at the end of
    the group named ``inside``; with no anchor, at the end of the view.

    Raises:
        ConfigError: more than one anchor, or no fields.
    """
    if sum(anchor is not None for anchor in (after, before, inside)) > 1:
        raise ConfigError(f"extension of view {view}: give at most one of after, before, inside")
    if not fields:
        raise ConfigError(f"extension of view {view}: no fields to add")
    return ViewExtension(view, _fields(fields), after, before, inside)


def _insert(fields: tuple[Field, ...], extension: ViewExtension, view: str) -> tuple[Field, ...]:
    """``fields`` with the extension's fields placed after/before their anchor, or at the end."""
    anchor = extension.after or extension.before
    if anchor is None:
        return fields + extension.fields
    names = [field.name for field in fields]
    if anchor not in names:
        raise ConfigError(f"view {view} has no field {anchor!r}")
    index = names.index(anchor) + (1 if extension.after else 0)
    return fields[:index] + extension.fields + fields[index:]


class ViewAddon(Protocol):
    """What `resolve_views` needs of an addon (see `core.loader.addon.Addon`)."""

    name: str
    requires: frozenset[str]
    view_declarations: Sequence[Any]


def resolve_views(registry: Registry, addons: Sequence[ViewAddon]) -> dict[str, View]:
    """Every view of the registry, by name, with the extensions of ``addons`` applied in order.

    Declared views come first; each model without a declared list or form
    gets a default one; then each addon's extensions are applied, in
    dependency order, so an addon sees the fields its dependencies added.

    Raises:
        ConfigError: naming the addon and the view, when a view names a model
            or field that does not exist, sorts by an unsortable field, an
            anchor is missing, a view is
            declared twice, or an addon extends a view of an addon it does
            not depend on.
    """
    views: dict[str, View] = {}
    owners: dict[str, str] = {}
    extensions: list[tuple[ViewAddon, ViewExtension]] = []
    for addon in addons:
        for declaration in addon.view_declarations:
            if isinstance(declaration, ViewExtension):
                extensions.append((addon, declaration))
                continue
            if not isinstance(declaration, ListView | FormView):
                raise ConfigError(
                    f"addon {addon.name}: addon.views() got {declaration!r}, "
                    "which is not a ListView, a FormView or an extend(...)"
                )
            where = f"addon {addon.name}: view {declaration.name}"
            if declaration.name in views:
                raise ConfigError(f"{where} is already declared by addon {owners[declaration.name]}")
            if declaration.model not in registry:
                raise ConfigError(
                    f"{where} shows model {declaration.model!r}, which no installed addon declares"
                )
            _check_fields(registry, declaration.model, declaration.fields, where)
            _check_unique(declaration, where)
            if isinstance(declaration, ListView) and declaration.order:
                try:
                    registry[declaration.model].default_order(declaration.order)
                except ValidationError as error:
                    raise ConfigError(f"{where}: {error.message}") from None
            views[declaration.name] = declaration
            owners[declaration.name] = addon.name
    for default in _defaults(registry, views.values()):
        views[default.name] = default
        owners[default.name] = registry.model_owner[default.model]
    for addon, extension in extensions:
        where = f"addon {addon.name}: extension of view {extension.view}"
        target = views.get(extension.view)
        if target is None:
            raise ConfigError(f"{where}: no installed addon declares that view")
        owner = owners[extension.view]
        if owner != addon.name and owner not in addon.requires:
            raise ConfigError(
                f"{where}: the view belongs to addon {owner}, which {addon.name} does not depend on"
            )
        try:
            extended = target.extended(extension)
        except ConfigError as error:
            raise ConfigError(f"{where}: {error.message}") from None
        _check_fields(registry, target.model, extension.fields, where)
        _check_unique(extended, where)
        views[extension.view] = extended
    return views


def _check_fields(registry: Registry, model: str, fields: Sequence[Field], where: str) -> None:
    """Every field path must exist on ``model``, following relations for dotted paths."""
    for field in fields:
        current = model
        parts = field.name.split(".")
        for position, part in enumerate(parts, 1):
            found = registry.fields_of(current).get(part)
            if found is None:
                raise ConfigError(f"{where}: {current} has no field {part!r}")
            if position < len(parts):
                if not isinstance(found, Relational):
                    raise ConfigError(
                        f"{where}: {field.name!r} goes through {current}.{part}, not a relation"
                    )
                current = found.comodel


def _check_unique(view: View, where: str) -> None:
    names = [field.name for field in view.fields]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ConfigError(f"{where}: the view would show {repeated[0]!r} twice")


def _defaults(registry: Registry, declared: Iterable[View]) -> list[View]:
    """A list and a form for each model that has no declared view of that kind."""
    have = {(view.model, view.kind) for view in declared}
    made: list[View] = []
    for model_name, model in registry.models.items():
        shown = [
            name
            for name, field in model._fields.items()
            if name not in AUDIT_FIELDS and not field.groups and field.type_name != "json"
        ]
        if (model_name, "list") not in have:
            columns = [n for n in shown if model._fields[n].type_name in LIST_TYPES and n != "active"]
            made.append(ListView(model_name, columns=columns[:DEFAULT_LIST_COLUMNS]))
        if (model_name, "form") not in have:
            made.append(FormView(model_name, fields=shown))
    return made
