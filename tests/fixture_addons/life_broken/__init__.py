"""Lifecycle fixture: adds a table and a partner column, then fails in its install hook."""

from core.loader.addon import Addon

from . import hooks
from .models import partner
from .models import widget


def register(addon: Addon) -> None:
    addon.models(widget.Widget, partner.Partner)
    addon.hooks(hooks)
