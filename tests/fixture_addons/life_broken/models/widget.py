"""A model whose table the failed install must not leave behind."""

from core.orm import fields
from core.orm.model import Model


class Widget(Model, name="life_broken.widget"):
    name = fields.Char(required=True)
    partner = fields.Many2one("base.partner")
