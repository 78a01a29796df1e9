"""A partner column the failed install must not leave behind."""

from core.orm import fields
from core.orm.model import Extension


class Partner(Extension, extends="base.partner"):
    widget = fields.Many2one("life_broken.widget")
    broken_flag = fields.Boolean(required=True, default=True)
