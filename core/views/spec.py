"""The kinds of views an addon declares: list, form, kanban and search.

An addon passes them to ``addon.views(...)`` in its ``views.py``; they are
checked and combined once, when the registry is built (`core.views.resolve`)::

    lead_list = ListView("crm.lead", columns=["name", "partner", "stage", "expected_revenue"],
                         order="priority desc, id", sums=["expected_revenue"])
    pipeline = KanbanView("crm.lead", group_by="stage",
                          card=["name", "partner", "expected_revenue"], sums=["expected_revenue"])
    lead_search = SearchView("crm.lead", fields=["name", "email"],
                             filters=[Filter("mine", "My pipeline", [("user", "=", "@user")])])

A view is named ``<model>.<kind>`` (``crm.lead.kanban``) unless given a
``name``. Models without a declared list, form or search view get a default
one from their fields; kanban views exist only where declared. A view with a
``template`` is rendered by that Jinja2 template (an addon's
``templates/`` folder) instead of the generic one.
"""

from __future__ import annotations

import abc
import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import ClassVar
from typing import TypeVar

from core.errors import ConfigError
from core.views.buttons import Button
from core.views.buttons import HeaderButton
from core.views.buttons import Link
from core.views.elements import Field
from core.views.elements import Filter
from core.views.elements import Group
from core.views.elements import GroupBy
from core.views.elements import Page
from core.views.elements import as_fields
from core.views.elements import assign

if TYPE_CHECKING:
    from core.views.extend import ViewExtension

DEFAULT_LIMIT = 80
T = TypeVar("T", Field, Group, Page, Button, Link, Filter, GroupBy)


class BaseView(abc.ABC):
    """What every kind of view has: a model, a name, and the fields it shows."""

    kind: ClassVar[str]
    model: str
    name: str
    template: str | None

    def _named(self) -> None:
        assign(self, name=self.name or f"{self.model}.{self.kind}")

    @property
    @abc.abstractmethod
    def fields(self) -> tuple[Field, ...]:
        """Every field the view shows, in order."""

    @abc.abstractmethod
    def extended(self, extension: ViewExtension) -> BaseView:
        """A copy with ``extension`` applied.

        Raises:
            ConfigError: an anchor or a hidden name is not in this view, or
                the extension adds something this kind of view cannot show.
        """


@dataclasses.dataclass(frozen=True)
class ListView(BaseView):
    """Records as rows: ``columns`` in order, sorted by ``order`` (default: the model's).

    ``sums`` are numeric columns totalled under the list and per group;
    ``limit`` is the page size.
    """

    kind: ClassVar[str] = "list"
    model: str
    columns: tuple[Field, ...] = ()
    order: str | None = None
    sums: tuple[str, ...] = ()
    limit: int = DEFAULT_LIMIT
    name: str = ""
    template: str | None = None

    def __post_init__(self) -> None:
        self._named()
        assign(self, columns=as_fields(self.columns), sums=tuple(self.sums))
        if self.limit < 1:
            raise ConfigError(f"view {self.name}: limit must be at least 1")
        for total in self.sums:
            if total not in {column.name for column in self.columns}:
                raise ConfigError(f"view {self.name}: sums {total!r}, which is not one of its columns")

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.columns

    def extended(self, extension: ViewExtension) -> ListView:
        refuse(self, extension, "columns_of", "pages", "buttons", "filters", "group_by")
        if extension.inside is not None:
            raise ConfigError(f"view {self.name} is a list: it has no groups to put fields inside")
        columns = place(self.columns, extension, self.name)
        kept = {column.name for column in columns}
        return dataclasses.replace(self, columns=columns, sums=tuple(s for s in self.sums if s in kept))


@dataclasses.dataclass(frozen=True, init=False)
class FormView(BaseView):
    """One record: a header with ``buttons`` and the ``status`` bar, named ``groups``, then ``pages`` as tabs.

    Give ``fields`` instead of ``groups`` for a single group named ``main``.
    ``status`` names a selection field shown as a bar of steps; buttons
    (`Button` calls a method, `Link` opens an address) with ``states`` appear
    only in those steps, and fields with ``readonly_states`` cannot be
    changed in those. Models with record history show it under the form.
    """

    kind: ClassVar[str] = "form"
    model: str
    groups: tuple[Group, ...] = ()
    pages: tuple[Page, ...] = ()
    buttons: tuple[HeaderButton, ...] = ()
    status: str | None = None
    name: str = ""
    template: str | None = None

    def __init__(
        self,
        model: str,
        name: str = "",
        fields: Sequence[str | Field] | None = None,
        groups: Sequence[Group] | None = None,
        pages: Sequence[Page] = (),
        buttons: Sequence[HeaderButton] = (),
        status: str | None = None,
        template: str | None = None,
    ) -> None:
        if fields is not None and groups is not None:
            raise ConfigError(f"view {name or model + '.form'}: give either fields=[...] or groups=[...]")
        if groups is None:
            groups = [Group("main", as_fields(fields or ()))]
        assign(
            self,
            model=model,
            name=name,
            groups=tuple(groups),
            pages=tuple(pages),
            buttons=tuple(buttons),
            status=status,
            template=template,
        )
        self._named()
        unique(self.name, "groups or pages", [c.name for c in (*self.groups, *self.pages)])
        unique(self.name, "buttons", [b.name for b in self.buttons])

    @property
    def fields(self) -> tuple[Field, ...]:
        shown = [field for container in (*self.groups, *self.pages) for field in container.fields]
        return tuple(shown)

    def extended(self, extension: ViewExtension) -> FormView:
        refuse(self, extension, "filters", "group_by")
        if extension.columns_of is not None:
            return self._extend_columns(extension)
        groups, pages = list(self.groups), list(self.pages)
        containers: list[list[Group] | list[Page]] = [groups, pages]
        if extension.fields or extension.move:
            self._place_fields(extension, containers)
        pages = place_items(pages, extension.pages, extension, self.name) if extension.pages else pages
        buttons = self.buttons + extension.buttons
        unique(self.name, "buttons", [b.name for b in buttons])
        hidden = set(extension.hide)
        for items in (groups, pages):
            for index, container in enumerate(items):
                kept = tuple(f for f in container.fields if f.name not in hidden)
                items[index] = dataclasses.replace(container, fields=kept)  # type: ignore[call-overload]
        found = {f.name for f in self.fields} | {c.name for c in (*groups, *pages, *buttons)}
        missing_hidden(self.name, hidden, found)
        return dataclasses.replace(
            self,
            groups=tuple(g for g in groups if g.name not in hidden),
            pages=tuple(p for p in pages if p.name not in hidden),
            buttons=tuple(b for b in buttons if b.name not in hidden),
        )

    def _place_fields(self, extension: ViewExtension, containers: list[list[Group] | list[Page]]) -> None:
        """Put the extension's new and moved fields at its anchor, in the group or page holding it."""
        moved = set(extension.move)
        missing_hidden(self.name, moved, {f.name for f in self.fields}, verb="move")
        carried = tuple(f for f in self.fields if f.name in moved)
        for items in containers:
            for index, container in enumerate(items):
                kept = tuple(f for f in container.fields if f.name not in moved)
                items[index] = dataclasses.replace(container, fields=kept)  # type: ignore[call-overload]
        adding = dataclasses.replace(extension, fields=extension.fields + carried)
        anchor = extension.after or extension.before
        for items in containers:
            for index, container in enumerate(items):
                names = {f.name for f in container.fields}
                inside = extension.inside == container.name
                default = anchor is None and extension.inside is None and items is containers[0]
                if anchor in names or inside or (default and index == len(items) - 1):
                    fields = place(container.fields, adding, self.name)
                    items[index] = dataclasses.replace(container, fields=fields)  # type: ignore[call-overload]
                    return
        what = f"group or page {extension.inside!r}" if extension.inside else f"field {anchor!r}"
        raise ConfigError(f"view {self.name} has no {what}")

    def _extend_columns(self, extension: ViewExtension) -> FormView:
        """A copy whose line editor ``extension.columns_of`` has the extension's columns placed."""
        name = extension.columns_of
        editor = next((f for f in self.fields if f.name == name), None)
        if editor is None:
            raise ConfigError(f"view {self.name} has no field {name!r}")
        if not editor.columns:
            raise ConfigError(
                f"view {self.name}: {name!r} shows the list view of its model: extend that list view"
            )
        where = f"{self.name} (line editor {name!r})"
        columns = tuple(Field(column) for column in editor.columns)
        missing_hidden(where, set(extension.hide), {column.name for column in columns})
        placed = place(columns, extension, where)
        changed = dataclasses.replace(editor, columns=tuple(column.name for column in placed))
        groups, pages = (
            tuple(
                dataclasses.replace(c, fields=tuple(changed if f is editor else f for f in c.fields))  # type: ignore[arg-type]
                for c in containers
            )
            for containers in (self.groups, self.pages)
        )
        return dataclasses.replace(self, groups=groups, pages=pages)


@dataclasses.dataclass(frozen=True)
class KanbanView(BaseView):
    """Records as cards in columns, one column per value of ``group_by``.

    ``group_by`` is a many2one (a column for every record of its target, in
    the target's order: the stages of a pipeline) or a selection (a column
    per option). Dragging a card to another column writes that field.
    ``card`` lists the fields on each card, the first as its title; ``sums``
    are totalled in each column's header.
    """

    kind: ClassVar[str] = "kanban"
    model: str
    group_by: str
    card: tuple[Field, ...] = ()
    order: str | None = None
    sums: tuple[str, ...] = ()
    name: str = ""
    template: str | None = None

    def __post_init__(self) -> None:
        self._named()
        assign(self, card=as_fields(self.card), sums=tuple(self.sums))
        if not self.card:
            raise ConfigError(f"view {self.name}: a kanban card needs at least one field")

    @property
    def fields(self) -> tuple[Field, ...]:
        return (Field(self.group_by), *self.card, *(Field(s) for s in self.sums if s not in self._card))

    @property
    def _card(self) -> set[str]:
        return {f.name for f in self.card}

    def extended(self, extension: ViewExtension) -> KanbanView:
        refuse(self, extension, "columns_of", "pages", "buttons", "filters", "group_by")
        return dataclasses.replace(self, card=place(self.card, extension, self.name))


@dataclasses.dataclass(frozen=True, init=False)
class SearchView(BaseView):
    """What the search box matches (``fields``), the ``filters`` and ``group_by`` options offered.

    ``defaults`` names the filters switched on when the list opens, and
    ``default_group_by`` a group-by option to start with.
    """

    kind: ClassVar[str] = "search"
    model: str
    search_fields: tuple[Field, ...] = ()
    filters: tuple[Filter, ...] = ()
    group_by: tuple[GroupBy, ...] = ()
    defaults: tuple[str, ...] = ()
    default_group_by: str | None = None
    name: str = ""
    template: None = None

    def __init__(
        self,
        model: str,
        name: str = "",
        fields: Sequence[str | Field] = (),
        filters: Sequence[Filter] = (),
        group_by: Sequence[GroupBy] = (),
        defaults: Sequence[str] = (),
        default_group_by: str | None = None,
    ) -> None:
        assign(
            self,
            model=model,
            name=name,
            search_fields=as_fields(fields),
            filters=tuple(filters),
            group_by=tuple(group_by),
            defaults=tuple(defaults),
            default_group_by=default_group_by,
            template=None,
        )
        self._named()
        unique(self.name, "filters", [f.name for f in self.filters])
        unique(self.name, "group-by options", [g.name for g in self.group_by])
        for default in self.defaults:
            if default not in {f.name for f in self.filters}:
                raise ConfigError(f"view {self.name}: default filter {default!r} is not one of its filters")
        if default_group_by and default_group_by not in {g.name for g in self.group_by}:
            raise ConfigError(f"view {self.name}: default_group_by {default_group_by!r} is not an option")

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.search_fields + tuple(Field(g.field.partition(":")[0]) for g in self.group_by)

    def extended(self, extension: ViewExtension) -> SearchView:
        refuse(self, extension, "columns_of", "pages", "buttons", "move")
        search_fields = place(self.search_fields, extension, self.name)
        filters = [f for f in self.filters + extension.filters if f.name not in extension.hide]
        group_by = [g for g in self.group_by + extension.group_by if g.name not in extension.hide]
        found = {f.name for f in self.filters + extension.filters} | {f.name for f in self.search_fields}
        missing_hidden(self.name, set(extension.hide), found | {g.name for g in self.group_by})
        result = SearchView(
            self.model,
            self.name,
            search_fields,
            filters,
            group_by,
            [d for d in self.defaults if d not in extension.hide],
            self.default_group_by if self.default_group_by not in extension.hide else None,
        )
        return result


View = ListView | FormView | KanbanView | SearchView
VIEW_KINDS: tuple[type[BaseView], ...] = (ListView, FormView, KanbanView, SearchView)


# -- helpers shared by the kinds ---------------------------------------------------


def place(fields: tuple[Field, ...], extension: ViewExtension, view: str) -> tuple[Field, ...]:
    """``fields`` with the extension's new and moved fields at its anchor, and its hidden ones out."""
    moved, hidden = set(extension.move), set(extension.hide)
    carried = tuple(f for f in fields if f.name in moved)
    missing_hidden(view, moved - {f.name for f in extension.fields}, {f.name for f in fields}, verb="move")
    kept = tuple(f for f in fields if f.name not in moved)
    anchor = extension.after or extension.before
    adding = tuple(f for f in extension.fields if f.name not in {c.name for c in carried}) + carried
    if anchor is None:
        placed = kept + adding
    else:
        names = [f.name for f in kept]
        if anchor not in names:
            raise ConfigError(f"view {view} has no field {anchor!r}")
        index = names.index(anchor) + (1 if extension.after else 0)
        placed = kept[:index] + adding + kept[index:]
    return tuple(f for f in placed if f.name not in hidden)


def place_items(items: list[T], new: Sequence[T], extension: ViewExtension, view: str) -> list[T]:
    """``new`` pages placed after/before the page named by the anchor, or at the end."""
    anchor = extension.after or extension.before
    names = [item.name for item in items]
    if anchor not in names:
        return items + list(new)
    index = names.index(anchor) + (1 if extension.after else 0)
    return items[:index] + list(new) + items[index:]


def unique(view: str, what: str, names: Sequence[str]) -> None:
    """Refuse a view with two ``what`` of the same name."""
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ConfigError(f"view {view}: two {what} are named {repeated[0]!r}")


def missing_hidden(view: str, names: set[str], found: set[str], verb: str = "hide") -> None:
    """Refuse to hide or move something the view does not have."""
    missing = sorted(names - found)
    if missing:
        raise ConfigError(f"view {view}: nothing named {missing[0]!r} to {verb}")


def refuse(view: BaseView, extension: ViewExtension, *parts: str) -> None:
    """Refuse an extension that adds ``parts`` this kind of view does not have."""
    for part in parts:
        if part == "columns_of" and extension.columns_of is not None:
            raise ConfigError(f"view {view.name} is a {view.kind} view: only forms have line editors")
        if getattr(extension, part):
            raise ConfigError(f"view {view.name} is a {view.kind} view: it has no {part.replace('_', '-')}")
