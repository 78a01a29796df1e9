"""crm's screens: the pipeline, leads, activities, the dashboard, configuration, and the partner's pages.

The form's status bar is the computed ``status`` (lead → opportunity → won or
lost), so the buttons show where they apply: Convert on leads, Won and Lost
on open ones, Reopen on closed ones. Marking a lead lost asks for the reason
and an optional note first.
"""

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
from core.views import Param
from core.views import SearchView
from core.views import Tile
from core.views import extend

USERS = ("crm.group_user",)
MANAGERS = ("crm.group_manager",)
OPEN_OPPORTUNITIES = (("type", "=", "opportunity"), ("state", "=", "open"))
WON = (("state", "=", "won"),)

# -- leads and opportunities ----------------------------------------------------------

lead_list = ListView(
    "crm.lead",
    columns=[
        "name",
        "partner_name",
        "contact_name",
        Field("email", widget="email"),
        "user",
        "team",
        "stage",
        "expected_revenue",
        "currency",
        "expected_revenue_company",
        "weighted_revenue",
        "expected_closing",
    ],
    sums=["expected_revenue_company", "weighted_revenue"],
)
lead_form = FormView(
    "crm.lead",
    status="status",
    buttons=[
        Button("convert_to_opportunity", "Convert to opportunity", states=["lead"], primary=True),
        Button("action_won", "Won", states=["lead", "opportunity"], primary=True),
        Button(
            "action_lost",
            "Mark as lost",
            states=["lead", "opportunity"],
            params=[
                Param("reason_id", field="lost_reason", required=True),
                Param("note", label="Closing note", widget="text"),
            ],
        ),
        Button("action_reopen", "Reopen", states=["won", "lost"]),
    ],
    groups=[
        Group(
            "deal",
            [
                "name",
                "partner",
                "expected_revenue",
                "currency",
                Field("probability", widget="progress"),
                "expected_closing",
                Field("priority", widget="priority"),
            ],
        ),
        Group(
            "pipeline",
            ["type", "stage", "user", "team", Field("tags", widget="tags"), "duplicate_count"],
        ),
    ],
    pages=[
        Page(
            "contact",
            "Contact",
            [
                "contact_name",
                "partner_name",
                "function",
                Field("email", widget="email"),
                Field("phone", widget="phone"),
                "city",
                "country",
            ],
        ),
        Page(
            "activities",
            "Activities",
            [Field("activities", columns=["date_due", "kind", "summary", "user", "state"])],
        ),
        Page("marketing", "Marketing", ["source", "medium", "campaign", "company"]),
        Page(
            "closing",
            "Closing",
            ["state", "date_closed", "lost_reason", "expected_revenue_company", "weighted_revenue"],
        ),
        Page("notes", "Notes", [Field("description", widget="text")]),
    ],
)
lead_kanban = KanbanView(
    "crm.lead",
    group_by="stage",
    card=[
        "name",
        "partner",
        "expected_revenue",
        "currency",
        "user",
        Field("priority", widget="priority"),
        Field("tags", widget="tags"),
    ],
    order="priority desc, id desc",
    sums=["expected_revenue_company"],
)
lead_search = SearchView(
    "crm.lead",
    fields=["name", "partner_name", "contact_name", "email", "phone", "partner"],
    filters=[
        Filter("mine", "My pipeline", [("user", "=", "@user")]),
        Filter("unassigned", "Unassigned", [("user", "not set", None)]),
        Filter("open", "Open", [("state", "=", "open")]),
        Filter("won", "Won", [("state", "=", "won")]),
        Filter("lost", "Lost", [("state", "=", "lost"), ("active", "=", False)]),
        Filter(
            "overdue_closing",
            "Overdue closing",
            [("expected_closing", "<", "@today"), ("state", "=", "open")],
        ),
        Filter("duplicates", "Possible duplicates", [("duplicate_count", ">", 0)]),
    ],
    group_by=[
        GroupBy("stage", "Stage", "stage"),
        GroupBy("salesperson", "Salesperson", "user"),
        GroupBy("team", "Sales team", "team"),
        GroupBy("source", "Source", "source"),
        GroupBy("campaign", "Campaign", "campaign"),
        GroupBy("closing_month", "Expected closing", "expected_closing:month"),
    ],
)

# -- activities ----------------------------------------------------------------------

activity_list = ListView(
    "crm.activity", columns=["date_due", "kind", "summary", "lead", "partner", "user", "state"]
)
activity_form = FormView(
    "crm.activity",
    status="state",
    buttons=[Button("action_done", "Mark as done", states=["planned"], primary=True)],
    groups=[
        Group("what", ["kind", "summary", "date_due", "user"]),
        Group("about", ["lead", "partner", "rule"]),
    ],
    pages=[
        Page("note", "Note", [Field("note", widget="text")]),
        Page("feedback", "Feedback", ["date_done", Field("feedback", widget="text")]),
    ],
)
activity_search = SearchView(
    "crm.activity",
    fields=["summary", "lead", "partner"],
    filters=[
        Filter("mine", "My activities", [("user", "=", "@user"), ("state", "=", "planned")]),
        Filter("overdue", "Overdue", [("date_due", "<", "@today"), ("state", "=", "planned")]),
        Filter("today", "Today", [("date_due", "=", "@today"), ("state", "=", "planned")]),
        Filter("planned", "Planned", [("state", "=", "planned")]),
        Filter("done", "Done", [("state", "=", "done")]),
    ],
    group_by=[
        GroupBy("kind", "Type", "kind"),
        GroupBy("assignee", "Assigned to", "user"),
        GroupBy("due", "Due date", "date_due:week"),
    ],
    defaults=["planned"],
)

# -- configuration --------------------------------------------------------------------

stage_list = ListView("crm.stage", columns=["sequence", "name", "probability", "is_won", "fold"])
stage_form = FormView(
    "crm.stage",
    groups=[
        Group("stage", ["name", "sequence", "probability", "is_won", "fold"]),
        Group("teams", [Field("teams", widget="tags")]),
    ],
    pages=[Page("requirements", "Requirements", [Field("requirements", widget="text")])],
)
team_list = ListView("crm.team", columns=["sequence", "name", "leader", "company", "last_assigned"])
team_form = FormView(
    "crm.team",
    groups=[
        Group("team", ["name", "leader", "sequence", "company", "active"]),
        Group("assignment", ["last_assigned"], label="Round robin"),
    ],
    pages=[Page("members", "Members", [Field("members", widget="tags")])],
)
followup_rule_list = ListView(
    "crm.followup_rule",
    columns=["sequence", "name", "trigger", "stage", "idle_days", "team", "activity_kind", "delay_days"],
)
followup_rule_form = FormView(
    "crm.followup_rule",
    groups=[
        Group("when", ["name", "trigger", "stage", "idle_days", "team", "active"], label="When"),
        Group("then", ["activity_kind", "summary", "delay_days", "sequence"], label="Plan"),
    ],
)
campaign_list = ListView(
    "crm.campaign", columns=["name", "source", "date_start", "date_end", "budget", "currency"]
)

# -- the partner form --------------------------------------------------------------------

partner_form = extend(
    "base.partner.form",
    pages=[
        Page(
            "opportunities",
            "Opportunities",
            [
                Field(
                    "opportunities",
                    columns=["name", "stage", "user", "expected_revenue", "currency", "state"],
                )
            ],
        ),
        Page(
            "activities",
            "Activities",
            [Field("activities", columns=["date_due", "kind", "summary", "user", "state"])],
        ),
    ],
    after="contacts",
)

# -- the dashboard ------------------------------------------------------------------------

dashboard = Dashboard(
    "crm.pipeline",
    "Pipeline",
    tiles=[
        Tile("Open opportunities", "crm.lead", "count", domain=OPEN_OPPORTUNITIES, action="crm.pipeline"),
        Tile("Weighted pipeline", "crm.lead", "weighted_revenue:sum", domain=OPEN_OPPORTUNITIES),
        Tile(
            "Won this month",
            "crm.lead",
            "expected_revenue_company:sum",
            domain=(*WON, ("date_closed", ">=", "@month_start")),
        ),
    ],
    charts=[
        Chart(
            "Pipeline by stage",
            "crm.lead",
            "funnel",
            "stage",
            "expected_revenue_company:sum",
            domain=OPEN_OPPORTUNITIES,
        ),
        Chart(
            "Won revenue by month",
            "crm.lead",
            "bar",
            "date_closed:month",
            "expected_revenue_company:sum",
            domain=WON,
        ),
        Chart("Leads by source", "crm.lead", "pie", "source", "count", limit=6),
        Chart(
            "Pipeline by salesperson",
            "crm.lead",
            "bar",
            "user",
            "expected_revenue_company:sum",
            domain=OPEN_OPPORTUNITIES,
        ),
    ],
)

# -- actions and menus --------------------------------------------------------------------

actions = [
    Action(
        "crm.pipeline",
        "Pipeline",
        "crm.lead",
        views=["kanban", "list", "form"],
        domain=[("type", "=", "opportunity")],
        defaults={"type": "opportunity"},
        filters=["mine"],
    ),
    Action(
        "crm.leads",
        "Leads",
        "crm.lead",
        views=["list", "form"],
        domain=[("type", "=", "lead")],
        defaults={"type": "lead"},
    ),
    Action("crm.activities", "Activities", "crm.activity", filters=["mine"]),
    Action("crm.stages", "Stages", "crm.stage"),
    Action("crm.teams", "Sales teams", "crm.team"),
    Action("crm.tags", "Tags", "crm.tag"),
    Action("crm.sources", "Sources", "crm.source"),
    Action("crm.campaigns", "Campaigns", "crm.campaign"),
    Action("crm.lost_reasons", "Lost reasons", "crm.lost_reason"),
    Action("crm.followup_rules", "Follow-up rules", "crm.followup_rule"),
]
menus = [
    Menu("crm", "CRM", sequence=20, groups=USERS),
    Menu("crm.pipeline", "Pipeline", parent="crm", action="crm.pipeline", sequence=10),
    Menu("crm.leads", "Leads", parent="crm", action="crm.leads", sequence=20),
    Menu("crm.activities", "Activities", parent="crm", action="crm.activities", sequence=30),
    Menu("crm.reporting", "Reporting", parent="crm", dashboard="crm.pipeline", sequence=40),
    Menu("crm.configuration", "Configuration", parent="crm", sequence=90, groups=MANAGERS),
    *(
        Menu(
            f"crm.configuration.{what}",
            label,
            parent="crm.configuration",
            action=f"crm.{what}",
            groups=MANAGERS,
        )
        for what, label in [
            ("stages", "Stages"),
            ("teams", "Sales teams"),
            ("tags", "Tags"),
            ("sources", "Sources"),
            ("campaigns", "Campaigns"),
            ("lost_reasons", "Lost reasons"),
            ("followup_rules", "Follow-up rules"),
        ]
    ),
]

declarations = [
    lead_list,
    lead_form,
    lead_kanban,
    lead_search,
    activity_list,
    activity_form,
    activity_search,
    stage_list,
    stage_form,
    team_list,
    team_form,
    followup_rule_list,
    followup_rule_form,
    campaign_list,
    partner_form,
    dashboard,
    *actions,
    *menus,
]
