"""Translation fixture: tickets with labels, options, views, a template and a ``_()`` message, and a tr.po."""

from core.loader.addon import Addon

from . import views
from .models import ticket


def register(addon: Addon) -> None:
    addon.models(ticket.Ticket)
    addon.views(*views.declarations)
