"""Lifecycle fixture: partners gain a stored computed field and a stored related field."""

from core.loader.addon import Addon

from .models import partner


def register(addon: Addon) -> None:
    addon.models(partner.Partner)
