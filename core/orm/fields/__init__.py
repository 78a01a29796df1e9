"""The field types a model declares. Import as ``from core import fields``."""

from core.orm.fields.base import MISSING as MISSING
from core.orm.fields.base import SET_ON_CREATE as SET_ON_CREATE
from core.orm.fields.base import Field as Field
from core.orm.fields.json import Json as Json
from core.orm.fields.numeric import Decimal as Decimal
from core.orm.fields.numeric import Float as Float
from core.orm.fields.numeric import Integer as Integer
from core.orm.fields.numeric import Monetary as Monetary
from core.orm.fields.relational import Many2many as Many2many
from core.orm.fields.relational import Many2one as Many2one
from core.orm.fields.relational import One2many as One2many
from core.orm.fields.relational import Relational as Relational
from core.orm.fields.scalar import Boolean as Boolean
from core.orm.fields.scalar import Char as Char
from core.orm.fields.scalar import Text as Text
from core.orm.fields.selection import Selection as Selection
from core.orm.fields.temporal import Date as Date
from core.orm.fields.temporal import Datetime as Datetime

__all__ = [
    "MISSING",
    "SET_ON_CREATE",
    "Boolean",
    "Char",
    "Date",
    "Datetime",
    "Decimal",
    "Field",
    "Float",
    "Integer",
    "Json",
    "Many2many",
    "Many2one",
    "Monetary",
    "One2many",
    "Relational",
    "Selection",
    "Text",
]
