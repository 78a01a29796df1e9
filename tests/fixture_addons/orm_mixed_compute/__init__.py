"""ORM fixture (broken): a compute method shared by a stored and a non-stored field."""

from addons.orm_mixed_compute.models import quote

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(quote.Quote)
