"""A visit to a partner, which cannot be deleted while visits point at it."""

from core.orm import fields
from core.orm.model import Model


class Visit(Model, name="life_visits.visit"):
    name = fields.Char(required=True)
    partner = fields.Many2one("base.partner", required=True, ondelete="restrict")
