from core.loader.addon import Addon

from . import hooks


def register(addon: Addon) -> None:
    addon.hooks(hooks)
