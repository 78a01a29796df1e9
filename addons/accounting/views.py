"""accounting's screens: journal entries and items, the chart, journals, fiscal years, analytic accounts.

The Accounting app shows journal entries (a form with its items, Post,
Reverse, Cancel), the journal items (grouped and summed in SQL, by account,
partner, journal, analytic account or month), the reports
(`addons.accounting.report_pages`) and, for advisers, the configuration:
accounts, journals, fiscal years with their Close button, analytic accounts
and the company's lock dates. Buttons show in the states their methods
accept; the server checks again, and the model refuses any change to a
posted entry whatever the screen shows.
"""

from addons.accounting import views_invoicing
from addons.accounting.reporting import REPORTS
from core.views import Action
from core.views import Button
from core.views import Field
from core.views import Filter
from core.views import FormView
from core.views import Group
from core.views import GroupBy
from core.views import ListView
from core.views import Menu
from core.views import Page
from core.views import Param
from core.views import SearchView
from core.views import extend

USERS = ("accounting.group_user",)
ADVISERS = ("accounting.group_adviser",)
LINE_COLUMNS = [
    "account",
    "partner",
    "name",
    "analytic_account",
    "debit",
    "credit",
    "amount_currency",
    "currency",
]
LOCKED = ("posted", "cancelled")
# Entries and items are both dated: the same period filters and groupings serve both searches.
PERIOD_FILTERS = [
    Filter("this_month", "This month", [("date", ">=", "@month_start")]),
    Filter("this_year", "This year", [("date", ">=", "@year_start")]),
]
SHARED_GROUPINGS = [
    GroupBy("journal", "Journal", "journal"),
    GroupBy("partner", "Partner", "partner"),
    GroupBy("month", "Month", "date:month"),
]


def frozen_in(states: tuple[str, ...], *names: str) -> list[Field]:
    """Fields shown read-only while the record is in ``states`` (the model refuses the changes anyway)."""
    return [Field(name, readonly_states=list(states)) for name in names]


# -- journal entries -------------------------------------------------------------------

move_list = ListView(
    "accounting.move",
    columns=["date", "name", "journal", "partner", "ref", "amount_total", "state"],
    sums=["amount_total"],
)
move_form = FormView(
    "accounting.move",
    status="state",
    buttons=[
        Button("action_post", "Post", states=["draft"], primary=True),
        Button(
            "reverse",
            "Reverse",
            states=["posted"],
            params=[Param("date", label="Reversal date")],
        ),
        Button("action_cancel", "Cancel", states=["draft"], confirm="Cancel this draft entry?"),
        Button("action_draft", "Back to draft", states=["cancelled"]),
    ],
    groups=[
        Group("entry", [Field("name", readonly=True), *frozen_in(LOCKED, "date", "journal", "ref")]),
        Group(
            "other",
            [
                *frozen_in(LOCKED, "partner"),
                *[Field(name, readonly=True) for name in ("company", "amount_total", "reversed_entry")],
            ],
        ),
    ],
    pages=[
        Page("lines", "Journal items", [Field("lines", columns=LINE_COLUMNS, readonly_states=list(LOCKED))]),
        Page(
            "notes",
            "Notes",
            [
                Field("narration", widget="text", readonly_states=list(LOCKED)),
                Field("reversals", columns=["name", "date", "state"], readonly=True),
            ],
        ),
    ],
)
move_search = SearchView(
    "accounting.move",
    fields=["name", "ref", "partner", "journal"],
    filters=[
        Filter("draft", "Drafts", [("state", "=", "draft")]),
        Filter("posted", "Posted", [("state", "=", "posted")]),
        *PERIOD_FILTERS,
    ],
    group_by=[*SHARED_GROUPINGS, GroupBy("state", "Status", "state")],
)

# -- journal items ---------------------------------------------------------------------

line_list = ListView(
    "accounting.move_line",
    columns=[
        "date",
        "move",
        "journal",
        "account",
        "partner",
        "name",
        "analytic_account",
        "debit",
        "credit",
        "balance",
    ],
    sums=["debit", "credit", "balance"],
)
line_search = SearchView(
    "accounting.move_line",
    fields=["account", "partner", "name", "move", "analytic_account"],
    filters=[
        Filter("posted", "Posted", [("parent_state", "=", "posted")]),
        Filter("draft", "Drafts", [("parent_state", "=", "draft")]),
        Filter("receivable", "Receivables", [("account.type", "=", "receivable")]),
        Filter("payable", "Payables", [("account.type", "=", "payable")]),
        *PERIOD_FILTERS,
    ],
    group_by=[
        GroupBy("account", "Account", "account"),
        GroupBy("analytic_account", "Analytic account", "analytic_account"),
        *SHARED_GROUPINGS,
    ],
    defaults=["posted"],
)

# -- configuration ---------------------------------------------------------------------

account_list = ListView(
    "accounting.account", columns=["code", "name", "type", "reconcile", "currency", "deprecated"]
)
account_form = FormView(
    "accounting.account",
    groups=[
        Group("account", ["code", "name", "type", "company"]),
        Group("options", ["reconcile", "currency", "deprecated"], label="Options"),
    ],
    pages=[Page("notes", "Notes", [Field("note", widget="text")])],
)
account_search = SearchView(
    "accounting.account",
    fields=["code", "name"],
    filters=[
        Filter(
            "balance_sheet",
            "Balance sheet",
            [
                (
                    "type",
                    "in",
                    [
                        "receivable",
                        "bank",
                        "cash",
                        "current_assets",
                        "fixed_assets",
                        "payable",
                        "current_liabilities",
                        "non_current_liabilities",
                        "equity",
                    ],
                )
            ],
        ),
        Filter(
            "profit_loss",
            "Profit and loss",
            [("type", "in", ["income", "other_income", "cost_of_goods_sold", "expense"])],
        ),
        Filter("deprecated", "Deprecated", [("deprecated", "=", True)]),
    ],
    group_by=[GroupBy("type", "Type", "type"), GroupBy("company", "Company", "company")],
)
journal_list = ListView("accounting.journal", columns=["code", "name", "type", "default_account", "company"])
journal_form = FormView(
    "accounting.journal",
    groups=[Group("journal", ["name", "code", "type", "default_account", "company", "active"])],
)
fiscal_year_list = ListView(
    "accounting.fiscal_year", columns=["name", "date_from", "date_to", "company", "state"]
)
fiscal_year_form = FormView(
    "accounting.fiscal_year",
    status="state",
    buttons=[
        Button(
            "set_lock_dates",
            "Lock dates",
            groups=ADVISERS,
            params=[
                Param("period_lock_date", field="period_lock_date"),
                Param("hard_lock_date", field="hard_lock_date"),
            ],
        ),
        Button(
            "action_close",
            "Close the year",
            states=["open"],
            groups=ADVISERS,
            confirm="Post the closing entry and lock the year for everyone? This cannot be undone.",
        ),
    ],
    groups=[
        Group(
            "year",
            [
                *frozen_in(("closed",), "name", "date_from", "date_to", "company"),
                Field("closing_move", readonly=True),
            ],
        ),
        Group("locks", ["period_lock_date", "hard_lock_date"], label="Lock dates of the company"),
    ],
)
analytic_list = ListView("accounting.analytic_account", columns=["code", "name", "kind", "company"])
analytic_search = SearchView(
    "accounting.analytic_account",
    fields=["name", "code"],
    filters=[Filter("projects", "Projects", [("kind", "=", "project")])],
    group_by=[GroupBy("kind", "Kind", "kind")],
)

# -- the company -------------------------------------------------------------------------
# base's generated company form shows accounting's fields already (lock dates read-only).

company_form = extend(
    "base.company.form",
    buttons=[
        Button(
            "action_load_chart",
            "Load a chart of accounts",
            params=[Param("template", field="chart_template", required=True)],
        )
    ],
)

# -- actions and menus -------------------------------------------------------------------

actions = [
    Action("accounting.moves", "Journal entries", "accounting.move"),
    Action("accounting.move_lines", "Journal items", "accounting.move_line", views=["list"]),
    Action("accounting.accounts", "Chart of accounts", "accounting.account"),
    Action("accounting.journals", "Journals", "accounting.journal"),
    Action("accounting.fiscal_years", "Fiscal years", "accounting.fiscal_year"),
    Action("accounting.analytic_accounts", "Analytic accounts", "accounting.analytic_account"),
]
menus = [
    Menu("accounting", "Accounting", sequence=30, groups=USERS),
    Menu(
        "accounting.entries", "Journal entries", parent="accounting", action="accounting.moves", sequence=10
    ),
    Menu(
        "accounting.items", "Journal items", parent="accounting", action="accounting.move_lines", sequence=20
    ),
    Menu("accounting.reports", "Reports", parent="accounting", sequence=40),
    *[
        Menu(
            f"accounting.{report}",
            label,
            parent="accounting.reports",
            url=f"/accounting/reports/{report}",
            sequence=index,
            groups=USERS,
        )
        for index, (report, label) in enumerate(REPORTS.items())
    ],
    Menu("accounting.configuration", "Configuration", parent="accounting", sequence=90),
    Menu(
        "accounting.accounts",
        "Chart of accounts",
        parent="accounting.configuration",
        action="accounting.accounts",
        sequence=10,
    ),
    Menu(
        "accounting.journals",
        "Journals",
        parent="accounting.configuration",
        action="accounting.journals",
        sequence=20,
    ),
    Menu(
        "accounting.fiscal_years",
        "Fiscal years",
        parent="accounting.configuration",
        action="accounting.fiscal_years",
        sequence=30,
    ),
    Menu(
        "accounting.analytic_accounts",
        "Analytic accounts",
        parent="accounting.configuration",
        action="accounting.analytic_accounts",
        sequence=40,
    ),
]

declarations = [
    move_list,
    move_form,
    move_search,
    line_list,
    line_search,
    account_list,
    account_form,
    account_search,
    journal_list,
    journal_form,
    fiscal_year_list,
    fiscal_year_form,
    analytic_list,
    analytic_search,
    company_form,
    *actions,
    *menus,
    *views_invoicing.declarations,
]
