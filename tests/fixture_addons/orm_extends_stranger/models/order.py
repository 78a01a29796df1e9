"""Extends ``orm_orders.order``, although ``orm_orders`` is not among the dependencies."""

from core.orm import fields
from core.orm.model import Extension


class Order(Extension, extends="orm_orders.order"):
    rush = fields.Boolean()
