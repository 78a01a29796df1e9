"""Lifecycle fixture: extends ``base.partner`` with points and a tier of its own model."""

from addons.life_points.models import partner
from addons.life_points.models import tier
from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(tier.Tier, partner.Partner)
