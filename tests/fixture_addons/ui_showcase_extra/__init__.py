"""Generated UI fixture: a deal's source, added to the showcase's list (a column) and search (a filter)."""

from addons.ui_showcase_extra import views
from addons.ui_showcase_extra.models import deal

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(deal.Deal)
    addon.views(*views.declarations)
