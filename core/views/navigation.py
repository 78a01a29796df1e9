"""Menus and actions: how users find the screens addons declare.

An action opens a model's records in some of its views, optionally narrowed
by a domain; a menu entry points at an action (or only holds other entries).
Top-level entries are the apps on the home page::

    pipeline = Action("crm.pipeline", "Pipeline", "crm.lead", views=["kanban", "list", "form"],
                      domain=[("type", "=", "opportunity")], defaults={"type": "opportunity"})
    menus = [
        Menu("crm", "CRM", sequence=20, groups=["crm.group_user"]),
        Menu("crm.pipeline", "Pipeline", parent="crm", action="crm.pipeline"),
    ]

A user sees a menu entry when they belong to one of its ``groups`` (or it
has none) and may read its action's model; a parent entry shows only when
one of its children does. An entry may instead lead to a ``url``, a page
its addon serves (a report): it shows to its ``groups``, and the page
checks what the user may read. Names, parents and actions are checked when
the registry is built.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from core.errors import ConfigError
from core.views.elements import assign

ACTION_VIEWS = frozenset({"list", "form", "kanban"})


@dataclasses.dataclass(frozen=True)
class Action:
    """Open ``model``'s records: ``views`` are the kinds offered, the first one opens.

    Args:
        name: unique name, ``<addon>.<what>``.
        label: the page title.
        model: the model shown.
        views: view kinds among ``list``, ``kanban`` and ``form``.
        domain: narrows the records (placeholders as in search filters).
        defaults: field values for records created from this action.
        filters: search filters switched on when it opens (names of the
            model's search view filters), instead of the view's defaults.
    """

    name: str
    label: str
    model: str
    views: tuple[str, ...] = ("list", "form")
    domain: tuple[Any, ...] = ()
    defaults: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    filters: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        assign(self, views=tuple(self.views), domain=tuple(self.domain))
        if self.filters is not None:
            assign(self, filters=tuple(self.filters))
        unknown = sorted(set(self.views) - ACTION_VIEWS)
        if unknown or not self.views:
            raise ConfigError(f"action {self.name}: views must be among {sorted(ACTION_VIEWS)}")


@dataclasses.dataclass(frozen=True)
class Menu:
    """A menu entry; without ``parent`` it is an app on the home page.

    Args:
        name: unique name, ``<addon>`` or ``<addon>.<what>``.
        label: what the user reads.
        parent: the entry it sits under.
        action: the name of the `Action` it opens (none for a heading).
        dashboard: the name of a `Dashboard` it opens instead.
        url: a path of this site it opens instead (``/accounting/reports/trial_balance``),
            for pages an addon serves itself.
        sequence: position among its siblings, lowest first.
        groups: external ids of the groups that see it (empty: everyone who
            may read the action's model).
    """

    name: str
    label: str
    parent: str | None = None
    action: str | None = None
    dashboard: str | None = None
    url: str | None = None
    sequence: int = 10
    groups: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        assign(self, groups=tuple(self.groups))
        if sum(target is not None for target in (self.action, self.dashboard, self.url)) > 1:
            raise ConfigError(f"menu {self.name}: give an action, a dashboard or a url, only one")
        if self.url is not None and (not self.url.startswith("/") or self.url.startswith("//")):
            raise ConfigError(f"menu {self.name}: its url must be a path of this site, starting with one /")


@dataclasses.dataclass(frozen=True)
class MenuNode:
    """A resolved menu entry with its children, in sequence order."""

    menu: Menu
    children: tuple[MenuNode, ...]


def menu_tree(menus: Sequence[Menu]) -> tuple[MenuNode, ...]:
    """The top-level entries of ``menus`` with their children, each level sorted by sequence then label.

    Raises:
        ConfigError: an entry's parent is not a menu.
    """
    names = {menu.name for menu in menus}
    for menu in menus:
        if menu.parent is not None and menu.parent not in names:
            raise ConfigError(f"menu {menu.name}: its parent {menu.parent!r} is not a menu")

    def children_of(parent: str | None, seen: frozenset[str]) -> tuple[MenuNode, ...]:
        level = sorted((m for m in menus if m.parent == parent), key=lambda m: (m.sequence, m.label))
        for menu in level:
            if menu.name in seen:
                raise ConfigError(f"menu {menu.name} is its own ancestor")
        return tuple(MenuNode(m, children_of(m.name, seen | {m.name})) for m in level)

    tree = children_of(None, frozenset())
    reached = {node.menu.name for node in walk(tree)}
    if reached != names:
        raise ConfigError(f"menu {sorted(names - reached)[0]} is its own ancestor")
    return tree


def walk(nodes: Sequence[MenuNode]) -> list[MenuNode]:
    """Every node of ``nodes`` and below, depth first."""
    found: list[MenuNode] = []
    for node in nodes:
        found.append(node)
        found.extend(walk(node.children))
    return found
