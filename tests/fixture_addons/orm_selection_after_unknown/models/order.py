"""Adds an order state after ``"approved"``, which ``orm_orders.order.state`` does not have."""

from core.orm import fields
from core.orm.model import Extension


class Order(Extension, extends="orm_orders.order"):
    state = fields.Selection(selection_add=[("shipped", "Shipped")], after="approved")
