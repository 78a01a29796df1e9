"""Kanban, search and form declarations, actions, menus and dashboards: resolved and checked at build."""

from dataclasses import dataclass
from dataclasses import field

import pytest

from core.errors import ConfigError
from core.views import Action
from core.views import Button
from core.views import Chart
from core.views import Dashboard
from core.views import Field
from core.views import Filter
from core.views import FormView
from core.views import Group
from core.views import GroupBy
from core.views import KanbanView
from core.views import ListView
from core.views import Menu
from core.views import Page
from core.views import SearchView
from core.views import Tile
from core.views import extend
from core.views import resolve_ui

pytestmark = pytest.mark.addons("orm_orders")


@dataclass
class FakeAddon:
    name: str
    view_declarations: list = field(default_factory=list)
    requires: frozenset = frozenset({"base", "orm_orders"})


ORDER_FORM = FormView(
    "orm_orders.order",
    status="state",
    buttons=[Button("confirm", "Confirm", states=["draft"], primary=True)],
    groups=[Group("customer", ["name", "partner", "date"]), Group("money", ["currency", "deposit", "total"])],
    pages=[Page("lines", "Lines", ["lines"]), Page("notes", "Notes", ["description"])],
)
ORDER_SEARCH = SearchView(
    "orm_orders.order",
    fields=["name", "note"],
    filters=[
        Filter("drafts", "Drafts", [("state", "=", "draft")]),
        Filter("mine", "Mine", [("created_by", "=", "@user")]),
        Filter("due", "Due", [("date", "<", "@today")]),
    ],
    group_by=[GroupBy("customer", "Customer", "partner"), GroupBy("month", "Month", "date:month")],
    defaults=["drafts"],
)


@pytest.fixture
def registry(db):
    return db.registry


def resolve(registry, *declarations, extra=()):
    addons = [FakeAddon("base", requires=frozenset()), FakeAddon("orm_orders", list(declarations)), *extra]
    return resolve_ui(registry, addons)


def names(items):
    return [item.name for item in items]


def test_every_model_gets_a_default_search_view_over_its_name(registry):
    ui = resolve(registry)
    assert names(ui.views["orm_orders.order.search"].search_fields) == ["name"]
    assert ui.view("orm_orders.order", "kanban") is None


def test_a_form_keeps_its_header_groups_and_pages(registry):
    form = resolve(registry, ORDER_FORM).views["orm_orders.order.form"]
    assert form.status == "state"
    assert names(form.buttons) == ["confirm"]
    assert names(form.groups) == ["customer", "money"]
    assert names(form.pages) == ["lines", "notes"]
    assert "lines" in names(form.fields)


def test_an_extension_adds_a_page_and_a_button_moves_a_field_and_hides_another(registry):
    extra = FakeAddon(
        "extra",
        [
            extend(
                "orm_orders.order.form",
                pages=[Page("tags", "Tags", ["tags"])],
                after="lines",
            ),
            extend("orm_orders.order.form", move=["date"], after="deposit"),
            extend("orm_orders.order.form", hide=["notes", "currency"]),
            extend("orm_orders.order.form", fields=["urgent"], inside="customer"),
        ],
        requires=frozenset({"base", "orm_orders"}),
    )
    form = resolve(registry, ORDER_FORM, extra=[extra]).views["orm_orders.order.form"]
    assert names(form.pages) == ["lines", "tags"]
    assert names(form.groups[0].fields) == ["name", "partner", "urgent"]
    assert names(form.groups[1].fields) == ["deposit", "date", "total"]


def test_a_button_must_call_a_method_marked_for_outside_callers(registry):
    form = FormView("orm_orders.order", fields=["name"], buttons=[Button("_compute_total", "Total")])
    with pytest.raises(
        ConfigError, match="button '_compute_total' needs a method of orm_orders.order marked"
    ):
        resolve(registry, form)


def test_a_button_state_must_be_a_status_option(registry):
    form = FormView(
        "orm_orders.order",
        fields=["name"],
        status="state",
        buttons=[Button("confirm", "Go", states=["sent"])],
    )
    with pytest.raises(ConfigError, match="unknown state 'sent'"):
        resolve(registry, form)


def test_a_kanban_groups_by_a_stored_many2one_or_selection_and_sums_numbers(registry):
    kanban = KanbanView(
        "orm_orders.order", group_by="state", card=["name", "partner", "total"], sums=["total"]
    )
    ui = resolve(registry, kanban)
    assert ui.view("orm_orders.order", "kanban") == kanban
    with pytest.raises(ConfigError, match="group_by 'note' must be a stored many2one or selection"):
        resolve(registry, KanbanView("orm_orders.order", group_by="note", card=["name"]))
    with pytest.raises(ConfigError, match="sums 'name', which is not a number"):
        resolve(registry, KanbanView("orm_orders.order", group_by="state", card=["name"], sums=["name"]))


def test_search_filters_are_parsed_with_their_placeholders(registry):
    search = resolve(registry, ORDER_SEARCH).views["orm_orders.order.search"]
    assert names(search.filters) == ["drafts", "mine", "due"]
    bad = SearchView("orm_orders.order", filters=[Filter("odd", "Odd", [("colour", "=", "red")])])
    with pytest.raises(ConfigError, match="filter odd: orm_orders.order has no field 'colour'"):
        resolve(registry, bad)


def test_a_search_extension_adds_and_hides_filters(registry):
    extra = FakeAddon(
        "extra",
        [
            extend(
                "orm_orders.order.search",
                filters=[Filter("urgent", "Urgent", [("urgent", "=", True)])],
                group_by=[GroupBy("state", "Status", "state")],
                hide=["drafts"],
            )
        ],
    )
    search = resolve(registry, ORDER_SEARCH, extra=[extra]).views["orm_orders.order.search"]
    assert names(search.filters) == ["mine", "due", "urgent"]
    assert search.defaults == ()
    assert names(search.group_by) == ["customer", "month", "state"]


def test_hiding_or_moving_a_name_the_view_lacks_fails(registry):
    with pytest.raises(ConfigError, match="nothing named 'fax' to hide"):
        resolve(
            registry, ORDER_FORM, extra=[FakeAddon("extra", [extend("orm_orders.order.form", hide=["fax"])])]
        )
    with pytest.raises(ConfigError, match="nothing named 'fax' to move"):
        resolve(
            registry,
            ORDER_FORM,
            extra=[FakeAddon("extra", [extend("orm_orders.order.form", move=["fax"], after="name")])],
        )


def test_a_list_cannot_take_pages_and_sums_only_its_columns(registry):
    with pytest.raises(ConfigError, match="sums 'total', which is not one of its columns"):
        ListView("orm_orders.order", columns=["name"], sums=["total"])
    extension = extend("orm_orders.order.list", pages=[Page("p", "P", ["name"])])
    with pytest.raises(ConfigError, match="is a list view: it has no pages"):
        resolve(registry, extra=[FakeAddon("extra", [extension])])


def test_actions_open_declared_view_kinds_with_known_filters_and_defaults(registry):
    action = Action(
        "orm_orders.drafts", "Drafts", "orm_orders.order", filters=["drafts"], defaults={"urgent": True}
    )
    ui = resolve(registry, ORDER_SEARCH, action)
    assert ui.actions["orm_orders.drafts"] == action
    mistakes = [
        (Action("a", "A", "orm_orders.order", views=["kanban"]), "orm_orders.order has no kanban view"),
        (Action("a", "A", "orm_orders.order", filters=["late"]), "has no filter 'late'"),
        (Action("a", "A", "orm_orders.order", defaults={"colour": 1}), "default for unknown field 'colour'"),
        (Action("a", "A", "orm_orders.nothing"), "which no installed addon declares"),
    ]
    for declaration, message in mistakes:
        with pytest.raises(ConfigError, match=message):
            resolve(registry, ORDER_SEARCH, declaration)
    with pytest.raises(ConfigError, match="views must be among"):
        Action("a", "A", "orm_orders.order", views=["calendar"])


def test_menus_form_a_tree_sorted_by_sequence_and_name_their_actions(registry):
    action = Action("orm_orders.all", "Orders", "orm_orders.order")
    menus = [
        Menu("sales", "Sales", sequence=20),
        Menu("sales.orders", "Orders", parent="sales", action="orm_orders.all", sequence=2),
        Menu("sales.config", "Configuration", parent="sales", sequence=1),
        Menu("admin", "Admin", sequence=5, groups=["base.group_system"]),
    ]
    ui = resolve(registry, action, *menus)
    assert [node.menu.name for node in ui.menus] == ["admin", "sales"]
    assert [node.menu.name for node in ui.menus[1].children] == ["sales.config", "sales.orders"]
    with pytest.raises(ConfigError, match="menu x: no action named 'nowhere'"):
        resolve(registry, Menu("x", "X", action="nowhere"))
    with pytest.raises(ConfigError, match="its parent 'ghost' is not a menu"):
        resolve(registry, Menu("x", "X", parent="ghost"))
    with pytest.raises(ConfigError, match="is its own ancestor"):
        resolve(registry, Menu("a", "A", parent="b"), Menu("b", "B", parent="a"))
    with pytest.raises(ConfigError, match="menu sales is declared twice"):
        resolve(registry, Menu("sales", "Sales"), Menu("sales", "Sales again"))


def test_a_menu_opens_an_action_a_dashboard_or_a_page_of_the_site():
    report = Menu("acc.report", "Report", url="/acc/reports/ledger?posted=1")
    assert report.url == "/acc/reports/ledger?posted=1"
    with pytest.raises(ConfigError, match="only one"):
        Menu("x", "X", action="orm_orders.all", url="/x")
    for url in ("https://elsewhere.example/", "//elsewhere.example/x", "javascript:alert(1)"):
        with pytest.raises(ConfigError, match="a path of this site"):
            Menu("x", "X", url=url)


def test_dashboards_check_their_models_measures_and_groupings(registry):
    board = Dashboard(
        "orm_orders.board",
        "Orders",
        tiles=[Tile("Open orders", "orm_orders.order", domain=[("state", "=", "draft")])],
        charts=[Chart("Total by month", "orm_orders.order", "bar", "date:month", "total:sum")],
    )
    assert resolve(registry, board).dashboards["orm_orders.board"] == board
    mistakes = [
        (Tile("T", "orm_orders.order", "name:sum"), "'name' is not a number"),
        (Tile("T", "orm_orders.order", "total"), "expected 'count' or '<field>:<sum|avg|min|max|count>'"),
        (Tile("T", "orm_orders.order", action="nowhere"), "no action named 'nowhere'"),
        (Chart("C", "orm_orders.order", "pie", "partner_email"), "groups by no stored field"),
    ]
    for item, message in mistakes:
        items = {"tiles": [item]} if isinstance(item, Tile) else {"charts": [item]}
        with pytest.raises(ConfigError, match=message):
            resolve(registry, Dashboard("d", "D", **items))
    with pytest.raises(ConfigError, match="kind must be one of"):
        Chart("C", "orm_orders.order", "radar", "state")
    with pytest.raises(ConfigError, match="has no tiles and no charts"):
        Dashboard("d", "D")


def test_the_base_addon_declares_contacts_and_settings(db):
    ui = db.registry.ui
    assert [node.menu.name for node in ui.menus][:2] == ["base.contacts", "base.settings"]
    assert names(ui.views["base.partner.form"].pages) == ["contacts", "notes"]
    assert ui.actions["base.contacts"].model == "base.partner"


def test_line_editor_columns_are_field_names():
    with pytest.raises(ConfigError, match="field lines: columns are field names"):
        Field("lines", columns=[Field("name")])
