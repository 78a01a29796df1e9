"""Views: typed declarations of how models are shown, resolved once per registry.

An addon's ``views.py`` declares its screens and passes them to ``addon.views(...)``::

    from core.views import Action, Button, FormView, KanbanView, Link, ListView, Menu, Param, SearchView
    from core.views import extend
"""

from core.views.buttons import Button as Button
from core.views.buttons import Link as Link
from core.views.buttons import Param as Param
from core.views.dashboards import Chart as Chart
from core.views.dashboards import Dashboard as Dashboard
from core.views.dashboards import Tile as Tile
from core.views.elements import Field as Field
from core.views.elements import Filter as Filter
from core.views.elements import Group as Group
from core.views.elements import GroupBy as GroupBy
from core.views.elements import Page as Page
from core.views.extend import ViewExtension as ViewExtension
from core.views.extend import extend as extend
from core.views.navigation import Action as Action
from core.views.navigation import Menu as Menu
from core.views.resolve import UI as UI
from core.views.resolve import resolve_ui as resolve_ui
from core.views.spec import FormView as FormView
from core.views.spec import KanbanView as KanbanView
from core.views.spec import ListView as ListView
from core.views.spec import SearchView as SearchView
from core.views.spec import View as View

__all__ = [
    "UI",
    "Action",
    "Button",
    "Chart",
    "Dashboard",
    "Field",
    "Filter",
    "FormView",
    "Group",
    "GroupBy",
    "KanbanView",
    "Link",
    "ListView",
    "Menu",
    "Page",
    "Param",
    "SearchView",
    "Tile",
    "View",
    "ViewExtension",
    "extend",
    "resolve_ui",
]
