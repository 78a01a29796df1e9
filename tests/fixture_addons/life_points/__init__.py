"""Lifecycle fixture: extends ``base.partner`` with points and a tier of its own model."""

from core.loader.addon import Addon

from .models import partner
from .models import tier


def register(addon: Addon) -> None:
    addon.models(tier.Tier, partner.Partner)
