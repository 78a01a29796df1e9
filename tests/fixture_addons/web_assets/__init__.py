"""Web fixture: an addon's static folder, served by the kernel, and a page linking it."""

from addons.web_assets import hooks

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.hooks(hooks)
