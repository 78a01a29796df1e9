"""Adds a required points counter (with a default) and a tier to every partner."""

from core.orm import fields
from core.orm.model import Extension


class Partner(Extension, extends="base.partner"):
    points = fields.Integer(required=True, default=0)
    tier = fields.Many2one("life_points.tier")
