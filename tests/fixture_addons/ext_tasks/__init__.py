"""Lifecycle fixture: tasks, which sit on ext_board's stages when that addon is installed."""

from addons.ext_tasks.models import task
from addons.ext_tasks.models import task_on_board

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(task.Task)
    with addon.extra("ext_board"):
        addon.models(task_on_board.Task)
