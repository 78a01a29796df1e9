"""ORM fixture: loyalty points on partners, added by an extension."""

from addons.orm_points.models import partner

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(partner.Partner)
