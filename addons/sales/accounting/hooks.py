"""sales' hooks with accounting installed: the advances account of charted companies, the demo, a route,
and no cancelling an order that has invoices.

``addon_installed`` runs when either of sales and accounting arrives second:
companies charted already get the chart's ``[extras.sales]`` defaults
(`addons.accounting.charts.load_chart_extra`), and the demo's orders are
invoiced once both addons have their demo (`addons.sales.accounting.demo`),
after accounting's demo loaded the chart.
"""

from __future__ import annotations

from typing import Any

from werkzeug.routing import Rule

from addons.accounting.charts import load_chart_extra
from addons.sales.accounting import demo
from addons.sales.accounting import pages
from core.errors import UserError
from core.hookspecs import hookimpl
from core.i18n import _
from core.orm.environment import Environment
from core.orm.records import RecordSet


@hookimpl(trylast=True)
def addon_installed(env: Environment, addon: str) -> None:
    """The second of sales and accounting installed: charted companies get their advances account."""
    if addon in ("sales", "accounting"):
        for company in env["base.company"].search([("chart_template", "is set", 0)]):
            load_chart_extra(env, company, "sales")
        demo.run(env)


@hookimpl
def register_routes() -> list[Rule]:
    """Invoicing the orders selected in their list (`addons.sales.accounting.pages`)."""
    return pages.rules()


@hookimpl
def sales_order_cancelled(env: Environment, orders: RecordSet[Any]) -> None:
    """Refuse to cancel an order whose invoices are not all cancelled or credited: undo them first."""
    for order in orders:
        # Credited means settled by posted credit notes in full: a draft or partial one leaves it owed.
        standing = [
            invoice
            for invoice in order.invoices
            if invoice.kind == "out_invoice"
            and invoice.state != "cancelled"
            and invoice.payment_state != "reversed"
        ]
        if standing:
            raise UserError(
                _(
                    "%(order)s has invoices: cancel or credit %(invoices)s before cancelling the order.",
                    order=order.name,
                    invoices=", ".join(invoice.display_name for invoice in standing),
                )
            )
