"""A note about a partner, kept in a notebook."""

from core.orm import fields
from core.orm.model import Model


class Note(Model, name="life_notes.note"):
    body = fields.Text(required=True)
    partner = fields.Many2one("base.partner", required=True, ondelete="cascade")
    tier = fields.Many2one("life_points.tier")
    notebook = fields.Many2one("life_notes.notebook")
