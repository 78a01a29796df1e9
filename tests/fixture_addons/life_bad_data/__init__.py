"""Lifecycle fixture: adds a partner column, then fails loading its data file."""

from core.loader.addon import Addon
from core.orm import fields
from core.orm.model import Extension


class Partner(Extension, extends="base.partner"):
    badge = fields.Char()


def register(addon: Addon) -> None:
    addon.models(Partner)
