"""The deal form, extended: a Competition page, an Escalate button, the website moved, the PIN hidden."""

from core.views import Button
from core.views import Page
from core.views import extend

competition = extend(
    "ui_forms.deal.form",
    pages=[Page("competition", "Competition", ["competitor", "escalated"])],
    buttons=[Button("escalate", "Escalate", states=["new", "qualified"])],
)
website_first = extend("ui_forms.deal.form", move=["website"], after="name")
no_pin = extend("ui_forms.deal.form", hide=["pin"])

declarations = [competition, website_first, no_pin]
