"""Points every partner at its latest note: a foreign key from a base table to this addon's."""

from core.orm import fields
from core.orm.model import Extension


class Partner(Extension, extends="base.partner"):
    last_note = fields.Many2one("life_notes.note")
