"""Tracked fields of the types whose display values differ from their stored ones."""

from core.orm import fields
from core.orm.model import Extension


class Partner(Extension, extends="base.partner"):
    rating = fields.Selection([("low", "Low"), ("high", "High")], tracked=True)
    since = fields.Date("Customer since", tracked=True)
    credit = fields.Decimal("Credit limit", digits=(12, 2), tracked=True)
    score = fields.Integer()
    internal_rating = fields.Char(tracked=True, groups=("base.group_system",))
