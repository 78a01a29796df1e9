"""ORM fixture: SQL constraints whose violations must come back with the message each declares."""

from addons.orm_slots.models import recurring_reservation
from addons.orm_slots.models import slot

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(slot.Slot, recurring_reservation.RecurringReservation)
