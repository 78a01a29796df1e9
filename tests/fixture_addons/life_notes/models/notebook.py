"""A notebook of notes: it and the note point at each other (a foreign-key cycle within the addon)."""

from core.orm import fields
from core.orm.model import Model


class Notebook(Model, name="life_notes.notebook"):
    name = fields.Char(required=True)
    pinned = fields.Many2one("life_notes.note")
