"""ORM fixture: orders whose lines, tags and totals exercise fields, domains and computes."""

from addons.orm_orders.models import order
from addons.orm_orders.models import order_line
from addons.orm_orders.models import tag

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(tag.Tag, order.Order, order_line.OrderLine)
