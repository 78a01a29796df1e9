"""Lifecycle fixture: adds a table and a partner column, then fails in its install hook."""

from addons.life_broken import hooks
from addons.life_broken.models import partner
from addons.life_broken.models import widget
from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(widget.Widget, partner.Partner)
    addon.hooks(hooks)
