"""accounting's screens for the bank: statements and their transactions, follow-up levels and reminders.

Accounting → Bank lists the statements (each leading to its reconciliation
page, `addons.accounting.bank_pages`) and their transactions, and opens the
CSV import; Accounting → Customers → Follow-ups lists the reminders the
daily job made (`addons.accounting.followups`), each printable and marked
sent by hand. Advisers keep the follow-up levels under Configuration.
"""

from core.views import Action
from core.views import Button
from core.views import Field
from core.views import Filter
from core.views import FormView
from core.views import Group
from core.views import GroupBy
from core.views import Link
from core.views import ListView
from core.views import Menu
from core.views import Page
from core.views import SearchView

BOOKKEEPERS = ("accounting.group_user",)
ADVISERS = ("accounting.group_adviser",)
LINE_COLUMNS = ["date", "name", "counterpart", "ref", "amount", "partner", "state", "payment", "move"]

# -- bank statements ---------------------------------------------------------------------------

statement_list = ListView(
    "accounting.bank_statement",
    columns=["date", "name", "journal", "balance_start", "balance_end", "currency", "state"],
)
statement_form = FormView(
    "accounting.bank_statement",
    status="state",
    buttons=[Link("reconcile", "Reconcile", "/accounting/bank_statements/{id}/reconcile", primary=True)],
    groups=[
        Group("statement", ["name", "journal", "date", Field("company", readonly=True)]),
        Group(
            "balances", ["balance_start", "balance_end", Field("currency", readonly=True)], label="Balances"
        ),
    ],
    pages=[Page("lines", "Transactions", [Field("lines", columns=LINE_COLUMNS, readonly=True)])],
)
statement_search = SearchView(
    "accounting.bank_statement",
    fields=["name", "journal"],
    filters=[Filter("open", "To reconcile", [("state", "=", "open")])],
    group_by=[GroupBy("journal", "Journal", "journal"), GroupBy("month", "Month", "date:month")],
)
line_list = ListView(
    "accounting.bank_statement_line",
    columns=["date", "statement", "name", "counterpart", "ref", "amount", "partner", "state"],
    sums=["amount"],
)
line_search = SearchView(
    "accounting.bank_statement_line",
    fields=["name", "counterpart", "ref", "partner", "statement"],
    filters=[
        Filter("to_match", "To match", [("state", "=", "to_match")]),
        Filter("matched", "Matched", [("state", "=", "matched")]),
    ],
    group_by=[GroupBy("journal", "Journal", "journal"), GroupBy("state", "Status", "state")],
)

# -- follow-ups --------------------------------------------------------------------------------

level_list = ListView("accounting.followup_level", columns=["sequence", "name", "days", "company"])
level_form = FormView(
    "accounting.followup_level",
    groups=[Group("level", ["name", "days", "sequence", "company"])],
    pages=[Page("letter", "Letter", [Field("text", widget="text")])],
)
followup_list = ListView(
    "accounting.followup",
    columns=["date", "partner", "level", "amount", "currency", "company", "state"],
    sums=["amount"],
)
followup_form = FormView(
    "accounting.followup",
    status="state",
    buttons=[
        Button("action_mark_sent", "Mark as sent", states=["to_send"], primary=True, groups=BOOKKEEPERS),
        Link("print", "Print", "/accounting/followup/{id}/print", new_tab=True),
    ],
    groups=[
        Group("followup", [Field(name, readonly=True) for name in ("partner", "level", "date", "company")]),
        Group("amounts", [Field(name, readonly=True) for name in ("amount", "currency")], label="Overdue"),
    ],
    pages=[
        Page(
            "items",
            "Overdue items",
            [Field("items", columns=["move", "date_maturity", "name", "amount_residual"], readonly=True)],
        )
    ],
)
followup_search = SearchView(
    "accounting.followup",
    fields=["partner", "level"],
    filters=[Filter("to_send", "To send", [("state", "=", "to_send")])],
    group_by=[GroupBy("level", "Level", "level"), GroupBy("partner", "Partner", "partner")],
    defaults=["to_send"],
)

# -- actions and menus -------------------------------------------------------------------------

actions = [
    Action("accounting.bank_statements", "Bank statements", "accounting.bank_statement"),
    Action(
        "accounting.bank_statement_lines",
        "Bank transactions",
        "accounting.bank_statement_line",
        views=["list"],
    ),
    Action("accounting.followups", "Follow-ups", "accounting.followup"),
    Action("accounting.followup_levels", "Follow-up levels", "accounting.followup_level"),
]
menus = [
    Menu("accounting.bank", "Bank", parent="accounting", sequence=8),
    Menu(
        "accounting.bank_statements",
        "Statements",
        parent="accounting.bank",
        action="accounting.bank_statements",
        sequence=10,
    ),
    Menu(
        "accounting.bank_statement_lines",
        "Transactions",
        parent="accounting.bank",
        action="accounting.bank_statement_lines",
        sequence=20,
    ),
    Menu(
        "accounting.bank_import",
        "Import a statement",
        parent="accounting.bank",
        url="/accounting/bank_statements/import",
        sequence=30,
        groups=BOOKKEEPERS,
    ),
    Menu(
        "accounting.followups",
        "Follow-ups",
        parent="accounting.customers",
        action="accounting.followups",
        sequence=40,
    ),
    Menu(
        "accounting.followup_levels",
        "Follow-up levels",
        parent="accounting.configuration",
        action="accounting.followup_levels",
        sequence=80,
        groups=ADVISERS,
    ),
]

declarations = [
    statement_list,
    statement_form,
    statement_search,
    line_list,
    line_search,
    level_list,
    level_form,
    followup_list,
    followup_form,
    followup_search,
    *actions,
    *menus,
]
