"""Declares ``hooks_announcer_partner_welcomed`` for dependents to implement."""

from core.loader.addon import Addon

from . import hooks
from . import hookspecs


def register(addon: Addon) -> None:
    addon.hookspecs(hookspecs)
    addon.hooks(hooks)
