"""Implements the kernel's hooks and writes what it saw to ``hooks_probe.event`` rows."""

from core.loader.addon import Addon

from . import hooks
from .models import event


def register(addon: Addon) -> None:
    addon.models(event.Event)
    addon.hooks(hooks)
