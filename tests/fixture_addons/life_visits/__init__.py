"""Lifecycle fixture: its own table refers, with ``restrict``, to a partner its data file made."""

from core.loader.addon import Addon

from .models import visit


def register(addon: Addon) -> None:
    addon.models(visit.Visit)
