"""The bar above a list or a board: title, search box, filters, group-by, view switch, export, New.

Every control is a link or a GET form carrying the page's state (`Query`),
so it works without script; htmx only swaps the page's content in place::

    bar = toolbar(request.env, fmt, registry.ui, query)
    [(option.label, option.active, option.url) for option in bar.filters]
"""

from __future__ import annotations

import dataclasses

from core.i18n import Translator
from core.orm.environment import Environment
from core.views import UI
from core.web.pages.search import Query
from core.web.pages.search import board_kinds
from core.web.pages.search import search_filters
from core.web.pages.search import search_view
from core.web.pages.urls import model_url
from core.web.pages.urls import query_string


@dataclasses.dataclass(frozen=True)
class Option:
    """A choice in a menu of the bar: its label, whether it is on, and the URL that switches it."""

    name: str
    label: str
    active: bool
    url: str


@dataclasses.dataclass(frozen=True)
class Toolbar:
    """What the bar shows; ``hidden`` are the state parameters the search form must carry along."""

    title: str
    query: Query
    filters: tuple[Option, ...]
    groupbys: tuple[Option, ...]
    kinds: tuple[Option, ...]
    hidden: tuple[tuple[str, str], ...]
    export_csv: str
    export_xlsx: str
    new_url: str | None
    clear_url: str


def page_title(env: Environment, fmt: Translator, query: Query) -> str:
    """The action's label, else the model's own name, translated."""
    if query.action is not None:
        return fmt.gettext(query.action.label)
    return fmt.model_label(env.registry[query.model])


def toolbar(env: Environment, fmt: Translator, ui: UI, query: Query) -> Toolbar:
    """The bar of the page ``query`` describes, for the user of ``env``."""
    filters = tuple(
        Option(f.name, fmt.gettext(f.label), f.name in query.filters, query.toggled(f.name))
        for f in search_filters(env, ui, query.model)
    )
    groupbys = tuple(
        Option(
            option.name,
            fmt.gettext(option.label),
            option.name == query.groupby,
            query.url(groupby="" if option.name == query.groupby else option.name, group=None),
        )
        for option in search_view(ui, query.model).group_by
    )
    labels = {"list": fmt.gettext("List"), "kanban": fmt.gettext("Kanban")}
    kinds = tuple(
        Option(kind, labels[kind], kind == query.view, query.url(view=kind, page=None))
        for kind in board_kinds(ui, query.model, query.action)
    )
    hidden = tuple(
        (key, str(value))
        for key, values in query.params(q=None, page=None, group=None).items()
        if values is not None
        for value in ([values] if isinstance(values, str | int) else values)
    )
    export = query_string(query.params(view=None, page=None, groupby=None, group=None))
    can_create = env.access.allows(query.model, "create")
    action = {"action": query.action.name} if query.action else {}
    return Toolbar(
        page_title(env, fmt, query),
        query,
        filters,
        groupbys,
        kinds if len(kinds) > 1 else (),
        hidden,
        f"{model_url(query.model, '/export.csv')}?{export}",
        f"{model_url(query.model, '/export.xlsx')}?{export}",
        model_url(query.model, "/new") + (f"?{query_string(action)}" if action else "")
        if can_create
        else None,
        query.url(q=None, filter=[""], groupby=""),
    )
