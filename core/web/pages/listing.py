"""``GET /web/<model>``: a model's records as a list (or a board, `core.web.pages.kanban`).

The list shows one page of ``view.limit`` rows ("1-80 of 312") sorted by a
column, searched and filtered by the query (`core.web.pages.search`). A
grouped list shows each group's count and sums, and opens one group at a
time (``group=<key>``) with its own pages; htmx loads an opened group's
rows without reloading the page. Totals of the view's ``sums`` columns are
under the list::

    GET /web/base.partner?action=base.contacts&q=acme&order=-name&page=2
    GET /web/base.partner?groupby=country&group=12         # the group of country 12, open
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from markupsafe import Markup
from werkzeug.wrappers import Response

from core.i18n import Translator
from core.views import UI
from core.web.pages import kanban
from core.web.pages.display import display
from core.web.pages.groups import Group
from core.web.pages.groups import read_groups
from core.web.pages.groups import read_totals
from core.web.pages.rows import Column
from core.web.pages.rows import read_rows
from core.web.pages.rows import view_columns
from core.web.pages.search import Query
from core.web.pages.search import groupby_spec
from core.web.pages.search import list_view
from core.web.pages.search import orm_order
from core.web.pages.search import parse_query
from core.web.pages.search import search_domain
from core.web.pages.toolbar import toolbar
from core.web.pages.urls import model_url
from core.web.pages.urls import record_url

if TYPE_CHECKING:
    from core.web.app import Request

# htmx asks for an opened group's rows into an element whose id starts with this.
GROUP_TARGET = "group-"


@dataclasses.dataclass(frozen=True)
class Row:
    """A record as a row: its id and form, its cells in column order, and whether it is archived."""

    id: int
    url: str
    cells: tuple[Markup | str, ...]
    archived: bool


@dataclasses.dataclass(frozen=True)
class Pager:
    """Where a page is in its records: ``first``-``last`` of ``total``, with links to its neighbours."""

    first: int
    last: int
    total: int
    previous: str | None
    next: str | None


def records(request: Request, model: str) -> Response:
    """The records of ``model`` as the query asks: a list or a kanban board."""
    env = request.env
    query = parse_query(env, env.registry.ui, model, request.args)
    env.access.check(env.registry[model], "read")
    if query.view == "kanban":
        return kanban.board(request, query)
    return list_page(request, query)


def make_rows(
    model: str, rows: Sequence[dict[str, Any]], columns: Sequence[Column], fmt: Translator, tz: str
) -> list[Row]:
    """Rows of cells, each value formatted by `display`."""
    return [
        Row(
            row["id"],
            record_url(model, row["id"]),
            tuple(display(c.field, row.get(c.path), row, fmt, tz=tz, widget=c.widget) for c in columns),
            row.get("active") is False,
        )
        for row in rows
    ]


def page_of(query: Query, total: int, limit: int) -> tuple[int, Pager]:
    """The offset of the query's page (the last one when it asks beyond), and its pager."""
    last_page = max(1, -(-total // limit))
    page = min(query.page, last_page)
    offset = (page - 1) * limit
    last = min(offset + limit, total)
    return offset, Pager(
        offset + 1 if total else 0,
        last,
        total,
        query.url(page=page - 1 if page > 2 else None) if page > 1 else None,
        query.url(page=page + 1) if last < total else None,
    )


def list_page(request: Request, query: Query) -> Response:
    """The list page, or only an opened group's rows for htmx."""
    env, fmt = request.env, request.translator
    ui: UI = env.registry.ui
    view = list_view(ui, query.model)
    columns = view_columns(env, fmt, query.model, view.columns)
    sums = [column for column in columns if column.path in view.sums]
    domain = search_domain(env, ui, query)
    extra = ["active"] if "active" in env.registry[query.model]._fields else []
    spec = groupby_spec(ui, query)
    groups: list[Group] = []
    opened: Group | None = None
    rows: list[Row] = []
    pager: Pager | None = None
    if spec is not None:
        groups = read_groups(env, fmt, query.model, domain, spec, sums)
        # A group that no longer exists (its records changed) is simply not open.
        opened = next((group for group in groups if group.key == query.group), None)
    shown = opened.domain if opened is not None else domain
    if spec is None or opened is not None:
        total = opened.count if opened is not None else env[query.model].search_count(domain)
        offset, pager = page_of(query, total, view.limit)
        found = read_rows(
            env,
            query.model,
            shown,
            columns,
            order=orm_order(env, query) or view.order,
            limit=view.limit,
            offset=offset,
            extra=extra,
        )
        rows = make_rows(query.model, found, columns, fmt, request.tz)
    values: dict[str, Any] = dict(query=query, columns=columns, rows=rows, pager=pager, opened=opened)
    if opened is not None and request.headers.get("HX-Target", "").startswith(GROUP_TARGET):
        return request.app.render(request, "partials/list_group_rows.html", **values)
    return request.app.render(
        request,
        view.template or "list.html",
        **values,
        bar=toolbar(env, fmt, ui, query),
        groups=groups,
        totals=read_totals(env, fmt, query.model, domain, sums),
        batch_url=model_url(query.model, "/batch"),
        archivable=bool(extra) and env.access.allows(query.model, "write"),
        deletable=env.access.allows(query.model, "delete"),
        this_url=request.full_path.rstrip("?"),
    )
