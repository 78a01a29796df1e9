"""Lifecycle fixture: board stages; ext_tasks adds a stage and tasks on it when both are installed."""

from addons.ext_board.models import stage

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(stage.Stage)
