"""Lifecycle fixture: two models pointing at each other, and a partner column pointing at one."""

from core.loader.addon import Addon

from .models import note
from .models import notebook
from .models import partner


def register(addon: Addon) -> None:
    addon.models(notebook.Notebook, note.Note, partner.Partner)
