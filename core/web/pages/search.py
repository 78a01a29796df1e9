"""What a list or kanban page shows, read from its query parameters, and the domain that selects it.

The parameters are names, never domains: ``filter`` and ``groupby`` name
options the model's search view declares, ``order`` a column of its list
view, ``q`` is free text matched against the search view's fields. Anything
else is refused with a 400 naming it, so a user cannot inject a condition::

    query = parse_query(env, registry.ui, "base.partner", request.args)
    # /web/base.partner?action=base.contacts&q=acme&filter=companies&groupby=country&order=-name&page=2
    domain = search_domain(env, registry.ui, query)
    # [("is_company", "=", True), "|", ("name", "ilike", "acme"), ("email", "ilike", "acme")]

Without ``q``, ``filter`` and ``groupby``, the action's filters (or the search
view's defaults) and default group-by apply; ``filter=`` (empty) switches
them all off. Models with an ``active`` field get an "Archived" filter
when their search view declares none of that name.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import NotFound

from core.i18n import _
from core.orm.domain.parse import TEXTUAL
from core.orm.environment import Environment
from core.orm.model import UNSORTABLE
from core.views import UI
from core.views import Action
from core.views import Filter
from core.views import ListView
from core.views import SearchView
from core.views.resolve import date_values
from core.views.resolve import field_type
from core.views.resolve import substitute
from core.web.pages.urls import QueryValue
from core.web.pages.urls import list_url

BOARD_KINDS = ("list", "kanban")
ARCHIVED = "archived"
MAX_WORDS = 8
SEARCH_KEYS = ("q", "filter", "groupby")


@dataclasses.dataclass(frozen=True)
class Query:
    """The state of a list or kanban page, as its URL says.

    Attributes:
        model: the model shown.
        action: the action it was opened from, if any.
        view: ``list`` or ``kanban``.
        text: the search box's text.
        filters: names of the active filters.
        groupby: the name of the group-by option, if any.
        order: a column name, ``-name`` for descending, or None for the view's order.
        page: the page number, from 1.
        group: the key of the group shown open in a grouped list.
    """

    model: str
    action: Action | None
    view: str
    text: str = ""
    filters: tuple[str, ...] = ()
    groupby: str | None = None
    order: str | None = None
    page: int = 1
    group: str | None = None

    def params(self, **changes: QueryValue) -> dict[str, QueryValue]:
        """The query parameters of this state with ``changes`` (None removes a parameter)."""
        params: dict[str, QueryValue] = {
            "action": self.action.name if self.action else None,
            "view": self.view,
            "q": self.text or None,
            "filter": list(self.filters) or [""],
            "groupby": self.groupby or "",
            "order": self.order,
            "page": self.page if self.page > 1 else None,
            "group": self.group,
        }
        params.update(changes)
        return params

    def url(self, **changes: QueryValue) -> str:
        """This page's URL with ``changes``; changing what is searched closes the group and goes to page 1."""
        if any(key in changes for key in SEARCH_KEYS):
            changes.setdefault("group", None)
        if any(key in changes for key in (*SEARCH_KEYS, "order", "group")):
            changes.setdefault("page", None)
        return list_url(self.model, **self.params(**changes))

    def toggled(self, name: str) -> str:
        """The URL with filter ``name`` switched on or off."""
        kept = [f for f in self.filters if f != name]
        return self.url(filter=(kept if name in self.filters else [*self.filters, name]) or [""])


def search_view(ui: UI, model: str) -> SearchView:
    """The search view of ``model`` (every model has one, declared or default)."""
    view = ui.view(model, "search")
    assert isinstance(view, SearchView)
    return view


def list_view(ui: UI, model: str) -> ListView:
    """The list view of ``model`` (every model has one, declared or default)."""
    view = ui.view(model, "list")
    assert isinstance(view, ListView)
    return view


def search_filters(env: Environment, ui: UI, model: str) -> tuple[Filter, ...]:
    """The filters offered on ``model``: its search view's, plus "Archived" for models with ``active``."""
    declared = search_view(ui, model).filters
    if "active" in env.registry[model]._fields and ARCHIVED not in {f.name for f in declared}:
        return (*declared, Filter(ARCHIVED, _("Archived"), [("active", "=", False)]))
    return declared


def board_kinds(ui: UI, model: str, action: Action | None) -> tuple[str, ...]:
    """The kinds of multi-record views a page of ``model`` may show, the default first."""
    if action is not None:
        kinds = tuple(kind for kind in action.views if kind in BOARD_KINDS)
        return kinds or ("list",)
    return tuple(kind for kind in BOARD_KINDS if ui.view(model, kind) is not None)


def parse_query(env: Environment, ui: UI, model: str, args: MultiDict[str, str]) -> Query:
    """The page state ``args`` ask for on ``model``.

    Raises:
        NotFound: no installed addon declares ``model``.
        BadRequest: a parameter names no action, view, filter, group-by
            option or sortable column of this model, or the page is not a
            positive whole number.
    """
    if model not in env.registry:
        raise NotFound(_("There is no model named %(model)s.", model=model))
    action = _action(ui, model, args.get("action"))
    kinds = board_kinds(ui, model, action)
    view = args.get("view") or kinds[0]
    if view not in kinds:
        raise BadRequest(_("This page cannot be shown as %(view)s.", view=view))
    search = search_view(ui, model)
    explicit = any(key in args for key in SEARCH_KEYS)
    if explicit:
        filters = tuple(dict.fromkeys(name for name in args.getlist("filter") if name))
        groupby = args.get("groupby") or None
    else:
        defaults = action.filters if action is not None and action.filters is not None else search.defaults
        filters, groupby = tuple(defaults), search.default_group_by
    known = {f.name for f in search_filters(env, ui, model)}
    for name in filters:
        if name not in known:
            raise BadRequest(_("There is no filter named %(name)s here.", name=name))
    if groupby is not None and groupby not in {option.name for option in search.group_by}:
        raise BadRequest(_("There is no grouping named %(name)s here.", name=groupby))
    text = args.get("q", "").strip()
    if "\x00" in text:  # PostgreSQL refuses NUL in text; say so rather than fail
        raise BadRequest(_("The search text cannot contain NUL characters."))
    return Query(
        model,
        action,
        view,
        text=text,
        filters=filters,
        groupby=groupby,
        order=_order(env, ui, model, args.get("order") or None),
        page=_page(args.get("page")),
        group=args.get("group"),
    )


def _action(ui: UI, model: str, name: str | None) -> Action | None:
    if not name:
        return None
    action = ui.actions.get(name)
    if action is None or action.model != model:
        raise BadRequest(_("There is no action named %(name)s for these records.", name=name))
    return action


def _page(text: str | None) -> int:
    if text is None or text == "":
        return 1
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise BadRequest(_("The page number must be a whole number from 1, not %(page)s.", page=text))
    return int(text)


def sortable(env: Environment, model: str, name: str) -> bool:
    """Whether the list can be sorted by column ``name``: a stored, visible, single-valued field
    (a many2one sorts by the name of the record it points at, `sort_key`)."""
    field = env.registry[model]._fields.get(name)
    if (
        field is None
        or not field.store
        or field.type_name in UNSORTABLE
        or not env.access.can_see_field(field)
    ):
        return False
    if field.type_name != "many2one":
        return True
    comodel = env.registry[field.comodel]  # type: ignore[attr-defined]
    named = comodel._fields.get(comodel._rec_name or "")
    return named is not None and named.store and env.access.can_see_field(named)


def sort_key(env: Environment, model: str, name: str) -> str:
    """What the ORM sorts column ``name`` by: the field, or for a many2one its record's name field."""
    field = env.registry[model]._fields[name]
    if field.type_name == "many2one":
        return f"{name}.{env.registry[field.comodel]._rec_name}"  # type: ignore[attr-defined]
    return name


def _order(env: Environment, ui: UI, model: str, order: str | None) -> str | None:
    if order is None:
        return None
    name = order.removeprefix("-")
    columns = {column.name for column in list_view(ui, model).columns}
    if name not in columns or not sortable(env, model, name):
        raise BadRequest(_("The list cannot be sorted by %(column)s.", column=name))
    return order


def orm_order(env: Environment, query: Query) -> str | None:
    """The query's sort as an ORM order string (``"partner.name desc, id"``), or None for the view's."""
    if query.order is None:
        return None
    key = sort_key(env, query.model, query.order.removeprefix("-"))
    return f"{key} {'desc' if query.order.startswith('-') else 'asc'}, id"


def placeholder_values(env: Environment) -> dict[str, Any]:
    """What ``@user``, ``@company``, ``@today``... stand for, for the user of ``env`` today in their zone."""
    return {**env.access.values, **date_values(env.today())}


def text_domain(env: Environment, ui: UI, model: str, text: str) -> list[Any]:
    """Each word of ``text`` must match one of the search view's text fields (``ilike``)."""
    names = [
        field.name
        for field in search_view(ui, model).search_fields
        if field_type(env.registry, model, field.name) in TEXTUAL
    ]
    if not names:
        return []
    domain: list[Any] = []
    for word in text.split()[:MAX_WORDS]:
        domain.extend(["|"] * (len(names) - 1))
        domain.extend((name, "ilike", word) for name in names)
    return domain


def search_domain(env: Environment, ui: UI, query: Query) -> list[Any]:
    """The domain of the records ``query`` shows: action, filters and text, placeholders filled.

    The user's text is added after the placeholders are filled, so a search
    for the word ``@user`` stays a search for that word.
    """
    filters = {f.name: f for f in search_filters(env, ui, query.model)}
    domain: list[Any] = list(query.action.domain) if query.action else []
    for name in query.filters:
        domain.extend(filters[name].domain)
    filled: list[Any] = substitute(domain, placeholder_values(env))
    if query.text:
        filled.extend(text_domain(env, ui, query.model, query.text))
    return filled


def groupby_spec(ui: UI, query: Query) -> str | None:
    """The ``read_group`` key of the query's group-by option (``"date:month"``), if any."""
    if query.groupby is None:
        return None
    return next(
        option.field for option in search_view(ui, query.model).group_by if option.name == query.groupby
    )
