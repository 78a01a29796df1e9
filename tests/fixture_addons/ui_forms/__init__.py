"""Form view fixture: a deal with every widget the generated form offers, and its form view."""

from addons.ui_forms import views
from addons.ui_forms.models import deal
from addons.ui_forms.models import deal_line
from addons.ui_forms.models import tag

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(tag.Tag, deal.Deal, deal_line.DealLine)
    addon.views(*views.declarations)
