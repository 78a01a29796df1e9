"""ORM fixture (broken): its registry build must fail naming this addon and file."""

from addons.orm_extends_unknown.models import ghost

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(ghost.Ghost)
