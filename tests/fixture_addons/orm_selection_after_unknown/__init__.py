"""ORM fixture (broken): its registry build must fail naming this addon, its file and the field."""

from addons.orm_selection_after_unknown.models import order

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(order.Order)
