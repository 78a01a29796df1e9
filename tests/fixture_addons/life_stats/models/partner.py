"""The length of a partner's name, and its parent company's name, both stored."""

from core.orm import fields
from core.orm.model import Extension


class Partner(Extension, extends="base.partner"):
    name_length = fields.Integer(store=True)
    parent_name = fields.Char(related="parent.name", store=True)

    @name_length.computed_from("name")
    def _compute_name_length(self) -> None:
        self.name_length = len(self.name or "")
