"""Stock turnover and days of inventory per product over the usual periods (a report).

One row per product, company and period (this month, last month, this and
last quarter and year, the last 12 months, in UTC days up to today): the
stock value at the start and the end of the period and their average, the
cost of goods delivered to customers, the turnover (cost of goods ÷
average) and the days of inventory (days ÷ turnover). How each is computed
is in `addons.stock.reporting`; `Turnover.turnover_between` answers for
any period.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select

from addons.stock import reporting
from core.orm import fields
from core.orm.environment import Environment
from core.orm.registry import Registry
from core.orm.report import Report

COST_READERS = ("product.group_cost_reader",)


class Turnover(Report, name="stock.turnover"):
    _description = "Stock turnover"
    _order = "product, period, id"
    _rec_name = None

    product = fields.Many2one("product.product", readonly=True)
    category = fields.Many2one("product.category", "Product category", readonly=True)
    company = fields.Many2one("base.company", readonly=True)
    period = fields.Selection([(p.code, p.label) for p in reporting.PERIODS], readonly=True)
    date_from = fields.Date("From", readonly=True)
    date_to = fields.Date("To", readonly=True)
    days = fields.Integer("Days", readonly=True)
    opening_value = fields.Monetary("Stock value at the start", readonly=True, groups=COST_READERS)
    closing_value = fields.Monetary("Stock value at the end", readonly=True, groups=COST_READERS)
    average_value = fields.Monetary("Average stock value", readonly=True, groups=COST_READERS)
    cogs = fields.Monetary("Cost of goods delivered", readonly=True, groups=COST_READERS)
    turnover = fields.Decimal("Turnover", digits=(12, 2), readonly=True)
    days_of_inventory = fields.Decimal("Days of inventory", digits=(12, 1), readonly=True)
    currency = fields.Many2one("base.currency", readonly=True)

    @classmethod
    def query(cls, registry: Registry) -> Select[Any]:
        return reporting.turnover_query(registry, reporting.preset_periods())

    @classmethod
    def turnover_between(cls, env: Environment, date_from: dt.date, date_to: dt.date) -> list[dict[str, Any]]:
        """Per product, turnover and days of inventory between two days; see `addons.stock.reporting`."""
        return reporting.turnover_between(env, date_from, date_to)
