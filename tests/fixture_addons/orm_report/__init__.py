"""ORM fixture: a report over orm_orders' lines (`core.orm.report`)."""

from addons.orm_report.models import line_sales

from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(line_sales.LineSales)
