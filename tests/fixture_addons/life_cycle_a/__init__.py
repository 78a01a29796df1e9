"""Dependency fixture with no models: only its addon.toml matters."""

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    """Registers nothing."""
