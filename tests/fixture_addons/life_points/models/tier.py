"""Loyalty tiers a partner can reach."""

from core.orm import fields
from core.orm.model import Model


class Tier(Model, name="life_points.tier"):
    name = fields.Char(required=True)
    min_points = fields.Integer(default=0)
