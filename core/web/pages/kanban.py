"""Kanban boards: records as cards in one column per value of the view's ``group_by`` field.

A many2one gets a column for every record of its target the user may read,
in the target's order (the stages of a pipeline), plus "None" when some
record has no value; a selection gets one per option. Headers show each
column's count and sums; at most `CARDS_PER_COLUMN` cards per column are
read, all columns in one windowed query. Dropping a card on another column
posts the move, which writes the field through the ORM, as the user::

    GET  /web/crm.lead?view=kanban&filter=mine
    POST /web/crm.lead/7/move    value=3     (header X-CSRF-Token)  → {"ok": true}
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from markupsafe import Markup
from sqlalchemy import func
from sqlalchemy import select
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response

from core.errors import AccessError
from core.i18n import Translator
from core.i18n import _
from core.orm.environment import Environment
from core.orm.fields.selection import Selection
from core.views import UI
from core.views import KanbanView
from core.web.pages.batch import MAX_ID
from core.web.pages.display import display
from core.web.pages.groups import NONE_KEY
from core.web.pages.groups import Group
from core.web.pages.groups import read_groups
from core.web.pages.rows import Column
from core.web.pages.rows import read_rows
from core.web.pages.rows import view_columns
from core.web.pages.search import Query
from core.web.pages.search import search_domain
from core.web.pages.toolbar import toolbar
from core.web.pages.urls import model_url
from core.web.pages.urls import record_url

if TYPE_CHECKING:
    from core.web.app import Request

CARDS_PER_COLUMN = 80
MAX_COLUMNS = 50


@dataclasses.dataclass(frozen=True)
class Card:
    """A record on the board: its title (the first card field), link, and the other fields shown."""

    id: int
    title: Markup | str
    url: str
    fields: tuple[tuple[str, Markup | str], ...]


@dataclasses.dataclass(frozen=True)
class BoardColumn:
    """A column: ``value`` is what a move to it writes (an id, an option, or empty for none)."""

    key: str
    value: str
    label: str
    count: int
    sums: tuple[tuple[str, str], ...]
    cards: tuple[Card, ...]

    @property
    def hidden(self) -> int:
        """How many of its records are not shown as cards."""
        return self.count - len(self.cards)


def kanban_view(ui: UI, model: str) -> KanbanView:
    """The kanban view of ``model``.

    Raises:
        NotFound: the model has none.
    """
    view = ui.view(model, "kanban")
    if not isinstance(view, KanbanView):
        raise NotFound(_("These records have no kanban view."))
    return view


def column_values(env: Environment, fmt: Translator, model: str, view: KanbanView) -> list[tuple[str, str]]:
    """``(key, label)`` of the columns every board of ``view`` has, in order."""
    field = env.registry[model]._fields[view.group_by]
    if isinstance(field, Selection):
        return [(value, fmt.option_label(field, value)) for value in field.values]
    targets = env[field.comodel].search([], limit=MAX_COLUMNS)  # type: ignore[attr-defined]
    return [(str(record.id), record.display_name) for record in targets]


def card_ids(env: Environment, model: str, view: KanbanView, domain: Sequence[Any], limit: int) -> list[int]:
    """The ids of the first ``limit`` records of each column, in one query (a window function).

    The read rules are added to the inner query here, since the outer one
    selects from a subquery rather than from the model.
    """
    cls = env.registry[model]
    column = getattr(cls, cls._fields[view.group_by].column_name)
    rank = func.row_number().over(partition_by=column, order_by=cls.default_order(view.order)).label("rank")
    inner = select(cls.id.label("id"), rank).where(cls.where(env, domain))
    condition = None if env.su else env.access.condition(cls, "read")
    if condition is not None:
        inner = inner.where(condition)
    ranked = inner.subquery()
    return list(env.session.scalars(select(ranked.c.id).where(ranked.c.rank <= limit)))


def _cards(
    env: Environment,
    fmt: Translator,
    tz: str,
    query: Query,
    view: KanbanView,
    ids: list[int],
    columns: list[Column],
) -> dict[str, list[Card]]:
    """The cards of records ``ids``, by column key, in the view's order.

    The first card field is the title, unless the user may not see it.
    """
    if not ids:
        return {}
    every = [("active", "in", [True, False])] if "active" in env.registry[query.model]._fields else []
    domain = [("id", "in", ids), *every]
    rows = read_rows(env, query.model, domain, columns, order=view.order, extra=[view.group_by])
    titled = bool(columns) and columns[0].view_field is view.card[0]
    cards: dict[str, list[Card]] = {}
    for row in rows:
        shown = [
            (c.label, display(c.field, row.get(c.path), row, fmt, tz=tz, widget=c.widget)) for c in columns
        ]
        title = shown.pop(0)[1] if titled else ""
        value = row[view.group_by]
        key = NONE_KEY if value is None else str(value["id"] if isinstance(value, dict) else value)
        cards.setdefault(key, []).append(
            Card(
                row["id"],
                title or _("Record #%(id)d", id=row["id"]),
                record_url(query.model, row["id"]),
                tuple((label, text) for label, text in shown if text != ""),
            )
        )
    return cards


def board(request: Request, query: Query) -> Response:
    """The kanban page of ``query``."""
    env, fmt = request.env, request.translator
    ui: UI = env.registry.ui
    view = kanban_view(ui, query.model)
    domain = search_domain(env, ui, query)
    columns = view_columns(env, fmt, query.model, view.card)
    sums = view_columns(env, fmt, query.model, [f for f in view.fields if f.name in view.sums])
    groups: dict[str, Group] = {
        group.key: group for group in read_groups(env, fmt, query.model, domain, view.group_by, sums)
    }
    ids = card_ids(env, query.model, view, domain, CARDS_PER_COLUMN)
    cards = _cards(env, fmt, request.tz, query, view, ids, columns)
    values = column_values(env, fmt, query.model, view)
    known = {key for key, label in values}
    values += [(key, group.label) for key, group in groups.items() if key not in known and key != NONE_KEY]
    if NONE_KEY in groups:
        values.append((NONE_KEY, _("None")))
    board_columns = [
        BoardColumn(
            key,
            "" if key == NONE_KEY else key,
            label,
            groups[key].count if key in groups else 0,
            tuple((s.label, groups[key].sums.get(s.path, "")) for s in sums) if key in groups else (),
            tuple(cards.get(key, ())),
        )
        for key, label in values
    ]
    return request.app.render(
        request,
        view.template or "kanban.html",
        bar=toolbar(env, fmt, ui, query),
        query=query,
        columns=board_columns,
        movable=env.access.allows(query.model, "write")
        and not env.registry[query.model]._fields[view.group_by].readonly,
        move_url=model_url(query.model, "/{id}/move"),
    )


def move(request: Request, model: str, record_id: int) -> Response:
    """Write the dropped card's ``group_by`` field with the posted ``value``: JSON ``{"ok": true}``.

    Raises:
        NotFound: no such model, kanban view or record the user may read.
        BadRequest: ``value`` is missing or not a column of the board.
        AccessError: the user may not change the record (403).
    """
    env = request.env
    if model not in env.registry:
        raise NotFound(_("There is no model named %(model)s.", model=model))
    view = kanban_view(env.registry.ui, model)
    field = env.registry[model]._fields[view.group_by]
    if field.readonly:  # a workflow field moves by its buttons, never by a drag
        raise AccessError(
            _("%(field)s cannot be changed by moving cards.", field=request.translator.field_label(field))
        )
    raw = request.form.get("value")
    if raw is None:
        raise BadRequest(_("Say which column the card goes to."))
    value: str | int | None = None
    if raw not in ("", NONE_KEY):
        if isinstance(field, Selection):
            if raw not in field.values:
                raise BadRequest(_("There is no column %(value)s.", value=raw))
            value = raw
        elif raw.isascii() and raw.isdigit() and int(raw) <= MAX_ID:
            value = int(raw)
        else:
            raise BadRequest(_("There is no column %(value)s.", value=raw))
    record = env[model].get(record_id)
    record.write({view.group_by: value})
    env.flush()
    return Response(json.dumps({"ok": True}), mimetype="application/json")
