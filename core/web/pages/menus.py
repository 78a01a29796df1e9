"""The menus a user sees: declared entries filtered by groups and read rights, as links.

A menu entry shows when the user belongs to one of its groups (or it has
none, or the user is an administrator, who has every right anyway) and may
read its action's model, or may read something on its
dashboard; an entry leading to an addon's page (``url``) shows by its groups
alone, the page checking the rest; an entry with children shows when one of
them does. The entry of
the page being shown, and the app (top-level entry) holding it, are marked::

    nav = navigation(env, registry.ui, fmt, "/web/crm.lead", {"action": "crm.pipeline"})
    [app.label for app in nav.apps]        # ["CRM", "Contacts"]
    nav.current.label, [e.label for e in nav.current.children]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from core.i18n import Translator
from core.orm.environment import Environment
from core.views import UI
from core.views import Dashboard
from core.views.navigation import MenuNode
from core.web.pages.urls import dashboard_url
from core.web.pages.urls import list_url


@dataclasses.dataclass(frozen=True)
class Entry:
    """A visible menu entry: its translated label, where it leads, and whether the page is under it."""

    name: str
    label: str
    url: str
    active: bool
    children: tuple[Entry, ...]


@dataclasses.dataclass(frozen=True)
class Navigation:
    """The apps a user sees and the app of the current page (None on pages outside every app)."""

    apps: tuple[Entry, ...]
    current: Entry | None


def dashboard_visible(env: Environment, dashboard: Dashboard) -> bool:
    """Whether the user may read the model of at least one tile or chart of ``dashboard``."""
    return any(env.access.allows(item.model, "read") for item in (*dashboard.tiles, *dashboard.charts))


def visible_menus(env: Environment, ui: UI) -> tuple[MenuNode, ...]:
    """The menu tree of ``ui`` with only the entries the user of ``env`` may see."""
    groups = env.access.group_names

    def keep(node: MenuNode) -> MenuNode | None:
        menu = node.menu
        if menu.groups and not env.access.is_admin and not groups.intersection(menu.groups):
            return None
        children = tuple(kept for child in node.children if (kept := keep(child)) is not None)
        if menu.action is not None:
            usable = env.access.allows(ui.actions[menu.action].model, "read")
        elif menu.dashboard is not None:
            usable = dashboard_visible(env, ui.dashboards[menu.dashboard])
        else:
            usable = menu.url is not None
        return MenuNode(menu, children) if usable or children else None

    return tuple(kept for node in ui.menus if (kept := keep(node)) is not None)


def target_url(ui: UI, node: MenuNode) -> str:
    """Where an entry leads: its action, dashboard or url, else its first child's target."""
    menu = node.menu
    if menu.action is not None:
        action = ui.actions[menu.action]
        return list_url(action.model, action=action.name)
    if menu.dashboard is not None:
        return dashboard_url(menu.dashboard)
    if menu.url is not None:
        return menu.url
    return target_url(ui, node.children[0])


def _matches(ui: UI, node: MenuNode, path: str, args: Mapping[str, Any]) -> int:
    """How well an entry matches the page: 3 same action, 2 same dashboard or url, 1 same model, else 0."""
    menu = node.menu
    if menu.action is not None:
        if args.get("action") == menu.action:
            return 3
        model = ui.actions[menu.action].model
        if path == f"/web/{model}" or path.startswith(f"/web/{model}/"):
            return 1
    if menu.dashboard is not None and path == dashboard_url(menu.dashboard):
        return 2
    if menu.url is not None and path == menu.url.partition("?")[0]:
        return 2
    return 0


def navigation(env: Environment, ui: UI, fmt: Translator, path: str, args: Mapping[str, Any]) -> Navigation:
    """The visible apps as links, with the entry best matching ``path`` and ``args`` marked active."""
    tree = visible_menus(env, ui)
    best: tuple[int, str] = (0, "")
    stack = list(tree)
    while stack:
        node = stack.pop(0)
        score = _matches(ui, node, path, args)
        if score > best[0]:
            best = (score, node.menu.name)
        stack.extend(node.children)

    def entry(node: MenuNode) -> Entry:
        children = tuple(entry(child) for child in node.children)
        active = node.menu.name == best[1] or any(child.active for child in children)
        return Entry(node.menu.name, fmt.gettext(node.menu.label), target_url(ui, node), active, children)

    apps = tuple(entry(node) for node in tree)
    return Navigation(apps, next((app for app in apps if app.active), None))
