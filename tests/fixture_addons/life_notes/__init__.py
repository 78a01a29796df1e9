"""Lifecycle fixture: a model of its own and a partner column pointing at it."""

from addons.life_notes.models import note
from addons.life_notes.models import partner
from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(note.Note, partner.Partner)
