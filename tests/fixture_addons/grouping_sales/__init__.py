"""Grouping fixture: one model with every kind of group key and aggregate read_group handles."""

from addons.grouping_sales.models import sale

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(sale.Sale)
