"""Form view fixture: another addon's extension of the deal form."""

from addons.ui_forms_extra import views_form
from addons.ui_forms_extra.models import deal

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(deal.Deal)
    addon.views(*views_form.declarations)
