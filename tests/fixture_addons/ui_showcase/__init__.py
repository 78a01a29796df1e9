"""Generated UI fixture: deals moving through stages, shown as a list, a board and a dashboard."""

from addons.ui_showcase import views
from addons.ui_showcase.models import deal
from addons.ui_showcase.models import stage
from addons.ui_showcase.models import tag

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(stage.Stage, tag.Tag, deal.Deal)
    addon.views(*views.declarations)
