"""stock's hooks with accounting installed: valuation entries, the stock accounts of charted companies."""

from __future__ import annotations

from typing import Any

from werkzeug.routing import Rule

from addons.accounting.charts import load_chart_extra
from addons.stock.accounting import check
from addons.stock.accounting import entries
from core.hookspecs import hookimpl
from core.orm.environment import Environment
from core.orm.records import RecordSet


@hookimpl
def stock_moves_done(env: Environment, moves: RecordSet[Any]) -> None:
    """Post the valuation entries of the moves (`addons.stock.accounting.entries.post_valuation`)."""
    entries.post_valuation(env, moves)


@hookimpl
def addon_installed(env: Environment, addon: str) -> None:
    """The second of stock and accounting installed: give charted companies the stock journal and accounts."""
    if addon in ("stock", "accounting"):
        for company in env["base.company"].search([("chart_template", "is set", 0)]):
            load_chart_extra(env, company, "stock")


@hookimpl
def register_routes() -> list[Rule]:
    """The page comparing the stock with the books (`addons.stock.accounting.check`)."""
    return check.rules()
