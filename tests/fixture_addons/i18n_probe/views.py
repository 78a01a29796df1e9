"""The ticket screens: their labels are extracted like the models' ones."""

from core.views import Action
from core.views import Field
from core.views import FormView
from core.views import ListView
from core.views import Menu

declarations = [
    ListView("i18n_probe.ticket", columns=["name", "state"]),
    FormView("i18n_probe.ticket", fields=[Field("name", label="What went wrong"), "state", "hours"]),
    Action("i18n_probe.tickets", "Tickets", "i18n_probe.ticket"),
    Menu("i18n_probe", "Helpdesk", action="i18n_probe.tickets"),
]
