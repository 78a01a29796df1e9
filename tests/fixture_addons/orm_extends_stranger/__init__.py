"""ORM fixture (broken): extends a model of an addon it does not depend on."""

from addons.orm_extends_stranger.models import order

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(order.Order)
