"""Extends a model that no addon declares."""

from core.orm import fields
from core.orm.model import Extension


class Ghost(Extension, extends="orm_nowhere.ghost"):
    haunted = fields.Boolean()
