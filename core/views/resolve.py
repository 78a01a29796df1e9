"""`resolve_ui`: every view, action, menu and dashboard of a registry, checked once at build.

The loader calls it after composing the models (`core.database.build_registry`);
the result is ``registry.ui``. Declared views come first; each model
without a declared list, form or search view gets a default one; then each
addon's extensions are applied in dependency order. Every name a declaration
uses (models, field paths, methods, anchors, actions, filters) is checked
here, and a failure names the addon::

    ConfigError: addon crm: extension of view base.partner.form: view base.partner.form has no field 'fax'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any
from typing import Protocol

from core.errors import ConfigError
from core.errors import DomainError
from core.errors import ValidationError
from core.orm.access import PLACEHOLDERS
from core.orm.domain.parse import parse
from core.orm.fields.base import Field as ModelField
from core.orm.fields.relational import Relational
from core.orm.model import Model
from core.orm.registry import Registry
from core.views.dashboards import Dashboard
from core.views.dashboards import parse_measure
from core.views.elements import Field
from core.views.extend import ViewExtension
from core.views.navigation import Action
from core.views.navigation import Menu
from core.views.navigation import MenuNode
from core.views.navigation import menu_tree
from core.views.params import check_header
from core.views.spec import VIEW_KINDS
from core.views.spec import FormView
from core.views.spec import KanbanView
from core.views.spec import ListView
from core.views.spec import SearchView
from core.views.spec import View

# Fields every model inherits (audit stamps): left out of the default views.
AUDIT_FIELDS = frozenset(name for name, value in vars(Model).items() if isinstance(value, ModelField))
NUMERIC_TYPES = frozenset({"integer", "float", "decimal", "monetary"})
LIST_TYPES = NUMERIC_TYPES | {"char", "selection", "date", "datetime", "boolean", "many2one"}
DEFAULT_LIST_COLUMNS = 6
# Placeholders of dates, valid in filters, actions and dashboards besides the access ones.
DATE_PLACEHOLDERS = ("@today", "@month_start", "@year_start")


class UIAddon(Protocol):
    """What `resolve_ui` needs of an addon (see `core.loader.addon.Addon`)."""

    name: str
    requires: frozenset[str]
    view_declarations: Sequence[Any]


@dataclasses.dataclass(frozen=True)
class UI:
    """The resolved screens of one registry.

    Attributes:
        views: every view by name (``crm.lead.kanban``).
        actions: every action by name.
        menus: the menu tree, top-level entries first.
        dashboards: every dashboard by name.
    """

    views: dict[str, View]
    actions: dict[str, Action]
    menus: tuple[MenuNode, ...]
    dashboards: dict[str, Dashboard]

    def view(self, model: str, kind: str) -> View | None:
        """The view of ``kind`` for ``model`` under its default name, if there is one."""
        return self.views.get(f"{model}.{kind}")


def date_values(today: dt.date) -> dict[str, str]:
    """The date placeholders' values on ``today`` (ISO dates)."""
    return {
        "@today": today.isoformat(),
        "@month_start": today.replace(day=1).isoformat(),
        "@year_start": today.replace(month=1, day=1).isoformat(),
    }


def resolve_ui(registry: Registry, addons: Sequence[UIAddon]) -> UI:
    """The views, actions, menus and dashboards of ``addons``, checked against ``registry``.

    Raises:
        ConfigError: naming the addon, when a declaration names a model,
            field, method, view, action or anchor that does not exist, is
            declared twice, or extends a view of an addon it does not depend on.
    """
    views: dict[str, View] = {}
    owners: dict[str, str] = {}
    extensions: list[tuple[UIAddon, ViewExtension]] = []
    actions: dict[str, Action] = {}
    menus: dict[str, Menu] = {}
    dashboards: dict[str, Dashboard] = {}
    for addon in addons:
        for declaration in addon.view_declarations:
            if isinstance(declaration, ViewExtension):
                extensions.append((addon, declaration))
            elif isinstance(declaration, VIEW_KINDS):
                where = f"addon {addon.name}: view {declaration.name}"
                if declaration.name in views:
                    raise ConfigError(f"{where} is already declared by addon {owners[declaration.name]}")
                check_view(registry, declaration, where)
                views[declaration.name] = declaration
                owners[declaration.name] = addon.name
            elif isinstance(declaration, Action | Menu | Dashboard):
                kind = type(declaration).__name__.lower()
                table: dict[str, Any] = {"action": actions, "menu": menus, "dashboard": dashboards}[kind]
                if declaration.name in table:
                    raise ConfigError(f"addon {addon.name}: {kind} {declaration.name} is declared twice")
                table[declaration.name] = declaration
            else:
                raise ConfigError(
                    f"addon {addon.name}: addon.views() got {declaration!r}, which is not a view, "
                    "an extend(...), an Action, a Menu or a Dashboard"
                )
    for default in defaults(registry, views.values()):
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
            check_view(registry, extended, where)
        except ConfigError as error:
            message = error.message.removeprefix(f"{where}: ")
            raise ConfigError(f"{where}: {message}") from None
        views[extension.view] = extended  # type: ignore[assignment]
    for action in actions.values():
        check_action(registry, views, action)
    for menu in menus.values():
        if menu.action is not None and menu.action not in actions:
            raise ConfigError(f"menu {menu.name}: no action named {menu.action!r}")
        if menu.dashboard is not None and menu.dashboard not in dashboards:
            raise ConfigError(f"menu {menu.name}: no dashboard named {menu.dashboard!r}")
    for dashboard in dashboards.values():
        check_dashboard(registry, actions, dashboard)
    return UI(views, actions, menu_tree(list(menus.values())), dashboards)


# -- checks ------------------------------------------------------------------------


def check_view(registry: Registry, view: View, where: str) -> None:
    """Every name ``view`` uses must exist on its model, with a type that fits its role."""
    if view.model not in registry:
        raise ConfigError(f"{where} shows model {view.model!r}, which no installed addon declares")
    model = registry[view.model]
    check_fields(registry, view.model, view.fields, where)
    names = [field.name for field in view.fields if not isinstance(view, KanbanView | SearchView)]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ConfigError(f"{where}: the view would show {repeated[0]!r} twice")
    if isinstance(view, ListView | KanbanView) and view.order:
        try:
            model.default_order(view.order)
        except ValidationError as error:
            raise ConfigError(f"{where}: {error.message}") from None
    if isinstance(view, ListView | KanbanView):
        for total in view.sums:
            if field_type(registry, view.model, total) not in NUMERIC_TYPES:
                raise ConfigError(f"{where}: sums {total!r}, which is not a number")
    if isinstance(view, KanbanView):
        grouped = model._fields.get(view.group_by)
        if grouped is None or grouped.type_name not in {"many2one", "selection"} or not grouped.store:
            raise ConfigError(f"{where}: group_by {view.group_by!r} must be a stored many2one or selection")
    if isinstance(view, FormView):
        check_form(model, view, where)
    elif any(field.readonly_states for field in view.fields):
        raise ConfigError(f"{where}: readonly_states only applies to the fields of a form")
    if isinstance(view, SearchView):
        for option in view.filters:
            check_domain(registry, view.model, option.domain, f"{where}: filter {option.name}")
        for group in view.group_by:
            path = group.field.partition(":")[0]
            if "." in path or not model._fields[path].store:
                raise ConfigError(f"{where}: group-by {group.name} needs a stored field of {view.model}")


def check_form(model: type[Model], view: FormView, where: str) -> None:
    if view.status is not None:
        status = model._fields.get(view.status)
        if status is None or status.type_name != "selection":
            raise ConfigError(f"{where}: status {view.status!r} is not a selection field")
    try:
        check_header(model, view.buttons, view.status)
    except ConfigError as error:
        raise ConfigError(f"{where}: {error.message}") from None
    options = model._fields[view.status].values if view.status else []  # type: ignore[attr-defined]
    for field in view.fields:
        target = model._fields.get(field.name)
        if field.columns and (target is None or target.type_name not in {"one2many", "many2many"}):
            raise ConfigError(f"{where}: only one2many and many2many fields have columns ({field.name!r})")
        repeated = sorted({column for column in field.columns if field.columns.count(column) > 1})
        if repeated:
            raise ConfigError(f"{where}: the line editor {field.name!r} would show {repeated[0]!r} twice")
        unknown = sorted(set(field.readonly_states) - set(options))
        if unknown and not view.status:
            raise ConfigError(f"{where}: {field.name!r} has readonly_states, but the view has no status")
        if unknown:
            raise ConfigError(f"{where}: {field.name!r} is read-only in unknown state {unknown[0]!r}")


def check_fields(registry: Registry, model: str, fields: Iterable[Field], where: str) -> None:
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
        if field.columns:
            check_fields(registry, found.comodel, (Field(c) for c in field.columns), where)


def check_domain(registry: Registry, model: str, domain: Sequence[Any], where: str) -> None:
    """``domain`` must parse for ``model`` once its placeholders have values."""
    values: dict[str, Any] = {name: [0] if name == "@companies" else 0 for name in PLACEHOLDERS}
    values.update(date_values(dt.date.today()))
    try:
        parse(registry, registry[model], substitute(domain, values))
    except DomainError as error:
        raise ConfigError(f"{where}: {error.message}") from None


def substitute(domain: Any, values: dict[str, Any]) -> Any:
    """``domain`` with its placeholders (``@user``, ``@today``, ...) replaced by ``values``."""
    if isinstance(domain, list | tuple):
        return [substitute(item, values) for item in domain]
    if isinstance(domain, str) and domain in values:
        return values[domain]
    return domain


def check_action(registry: Registry, views: dict[str, View], action: Action) -> None:
    where = f"action {action.name}"
    if action.model not in registry:
        raise ConfigError(f"{where} opens model {action.model!r}, which no installed addon declares")
    for kind in action.views:
        if f"{action.model}.{kind}" not in views:
            raise ConfigError(f"{where}: {action.model} has no {kind} view")
    check_domain(registry, action.model, action.domain, where)
    search = views[f"{action.model}.search"]
    assert isinstance(search, SearchView)
    for name in action.filters or ():
        if name not in {f.name for f in search.filters}:
            raise ConfigError(f"{where}: the search view of {action.model} has no filter {name!r}")
    unknown = sorted(set(action.defaults) - set(registry[action.model]._fields))
    if unknown:
        raise ConfigError(f"{where}: default for unknown field {unknown[0]!r}")


def check_dashboard(registry: Registry, actions: dict[str, Action], dashboard: Dashboard) -> None:
    for item in (*dashboard.tiles, *dashboard.charts):
        where = f"dashboard {dashboard.name}: {item.label!r}"
        if item.model not in registry:
            raise ConfigError(f"{where} reads model {item.model!r}, which no installed addon declares")
        field, function = parse_measure(item.measure)
        if function != "count" and field_type(registry, item.model, field) not in NUMERIC_TYPES:
            raise ConfigError(f"{where}: {field!r} is not a number")
        check_domain(registry, item.model, item.domain, where)
    for tile in dashboard.tiles:
        if tile.action is not None and tile.action not in actions:
            raise ConfigError(f"dashboard {dashboard.name}: no action named {tile.action!r}")
    for chart in dashboard.charts:
        grouped = registry[chart.model]._fields.get(chart.group_by.partition(":")[0])
        if grouped is None or not grouped.store:
            raise ConfigError(f"dashboard {dashboard.name}: {chart.label!r} groups by no stored field")


def field_type(registry: Registry, model: str, path: str) -> str | None:
    """The type name of the field at ``path`` on ``model``, or None when there is none."""
    found: ModelField[Any] | None = None
    for part in path.split("."):
        found = registry.fields_of(model).get(part)
        if found is None:
            return None
        model = getattr(found, "comodel", "")
    return found.type_name if found is not None else None


# -- default views -------------------------------------------------------------------


def defaults(registry: Registry, declared: Iterable[View]) -> list[View]:
    """A list, a form and a search view for each model that has no declared view of that kind."""
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
        if (model_name, "search") not in have:
            searched = [model._rec_name] if model._rec_name in model._fields else []
            made.append(SearchView(model_name, fields=searched))
    return made
