"""History fixture: tracked selection, date and decimal fields on partners; tickets with history."""

from core.loader.addon import Addon

from .models import partner
from .models import ticket


def register(addon: Addon) -> None:
    addon.models(ticket.Ticket, partner.Partner)
