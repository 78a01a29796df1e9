"""Adds a required points counter (with a default), a unique card number and a tier to every partner."""

from core.orm import fields
from core.orm.model import Extension


class Partner(Extension, extends="base.partner"):
    points = fields.Integer(required=True, default=0)
    card = fields.Char(unique=True)
    tier = fields.Many2one("life_points.tier")
