"""The showcase's screens: a deal list with sums, a board by stage, searches, menus, a dashboard."""

from core.views import Action
from core.views import Chart
from core.views import Dashboard
from core.views import Field
from core.views import Filter
from core.views import GroupBy
from core.views import KanbanView
from core.views import ListView
from core.views import Menu
from core.views import SearchView
from core.views import Tile

deal_list = ListView(
    "ui_showcase.deal",
    columns=[
        "name",
        "partner",
        "stage",
        "kind",
        "date_close",
        "amount",
        "quantity",
        Field("tags", widget="tags"),
    ],
    sums=["amount", "quantity"],
)
deal_board = KanbanView(
    "ui_showcase.deal",
    group_by="stage",
    card=["name", "partner", "amount", Field("priority", widget="priority"), Field("tags", widget="tags")],
    sums=["amount"],
)
deal_search = SearchView(
    "ui_showcase.deal",
    fields=["name", "partner"],
    filters=[
        Filter("mine", "My deals", [("user", "=", "@user")]),
        Filter("big", "Big deals", [("amount", ">=", 10000)]),
        Filter("renewals", "Renewals", [("kind", "=", "renewal")]),
        Filter("closing_this_year", "Closing this year", [("date_close", ">=", "@year_start")]),
    ],
    group_by=[
        GroupBy("stage", "Stage", "stage"),
        GroupBy("kind", "Kind", "kind"),
        GroupBy("month", "Closing month", "date_close:month"),
        GroupBy("customer", "Customer", "partner"),
    ],
)
stage_list = ListView("ui_showcase.stage", columns=["sequence", "name"], template="showcase_stage_list.html")

actions = [
    Action("ui_showcase.deals", "Deals", "ui_showcase.deal", views=["list", "kanban", "form"]),
    Action("ui_showcase.pipeline", "Pipeline", "ui_showcase.deal", views=["kanban", "list", "form"]),
    Action("ui_showcase.big_deals", "Big deals", "ui_showcase.deal", views=["list", "form"], filters=["big"]),
    Action("ui_showcase.stages", "Stages", "ui_showcase.stage"),
]

overview = Dashboard(
    "ui_showcase.overview",
    "Sales overview",
    tiles=[
        Tile("Deals", "ui_showcase.deal", action="ui_showcase.deals"),
        Tile("Pipeline value", "ui_showcase.deal", "amount:sum"),
        Tile("Closing this year", "ui_showcase.deal", domain=[("date_close", ">=", "@year_start")]),
    ],
    charts=[
        Chart("Deals by stage", "ui_showcase.deal", "bar", "stage"),
        Chart("Amount by closing month", "ui_showcase.deal", "line", "date_close:month", "amount:sum"),
        Chart("Deals by kind", "ui_showcase.deal", "pie", "kind"),
        Chart("Pipeline", "ui_showcase.deal", "funnel", "stage", "amount:sum"),
    ],
)

menus = [
    Menu("ui_showcase", "Showcase", sequence=50),
    Menu("ui_showcase.deals", "Deals", parent="ui_showcase", action="ui_showcase.deals", sequence=10),
    Menu(
        "ui_showcase.pipeline", "Pipeline", parent="ui_showcase", action="ui_showcase.pipeline", sequence=20
    ),
    Menu(
        "ui_showcase.overview",
        "Overview",
        parent="ui_showcase",
        dashboard="ui_showcase.overview",
        sequence=30,
    ),
    Menu(
        "ui_showcase.config", "Configuration", parent="ui_showcase", sequence=90, groups=["base.group_system"]
    ),
    Menu("ui_showcase.config.stages", "Stages", parent="ui_showcase.config", action="ui_showcase.stages"),
]

declarations = [deal_list, deal_board, deal_search, stage_list, *actions, overview, *menus]
