"""The deal's screens: a list, and a form with a status bar, buttons by stage, groups and pages."""

from core.views import Action
from core.views import Button
from core.views import Field
from core.views import FormView
from core.views import Group
from core.views import ListView
from core.views import Page

deal_list = ListView("ui_forms.deal", columns=["name", "partner", "stage", "amount", "currency"])
deal_form = FormView(
    "ui_forms.deal",
    status="stage",
    buttons=[
        Button("qualify", "Qualify", states=["new"], primary=True),
        Button("mark_won", "Mark won", states=["qualified"], primary=True),
        Button("mark_lost", "Mark lost", states=["new", "qualified"], confirm="Mark this deal as lost?"),
        Button("reopen", "Reopen", states=["won", "lost"], groups=["base.group_system"]),
        Button("follow_up", "Follow-up"),
    ],
    groups=[
        Group("main", ["name", "partner", "amount", "currency", "probability", "discount"]),
        Group(
            "planning",
            [
                "date_close",
                "meeting_at",
                "priority",
                "urgent",
                Field("website", widget="url"),
                Field("email", widget="email"),
                Field("pin", widget="password"),
                "margin",
                Field("total", readonly=True),
            ],
            label="Planning",
        ),
    ],
    pages=[
        Page(
            "lines", "Lines", [Field("lines", columns=["name", "partner", "quantity", "price", "subtotal"])]
        ),
        Page("tags", "Tags", [Field("tags", widget="tags")]),
        Page("notes", "Notes", [Field("notes", widget="text")]),
    ],
)
deals = Action("ui_forms.deals", "Deals", "ui_forms.deal", defaults={"priority": "1"})

declarations = [deal_list, deal_form, deals]
