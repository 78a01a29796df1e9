"""The demo's sales invoicing: done orders invoiced and paid in full or in part, a down payment, a draft.

sales' demo orders are loaded in their state, without the workflow, so they
have no invoices. When sales and accounting are both installed with their
demo and the main company has its chart (accounting's demo loads it),
whichever comes second, `run` invoices through the real API:

* order 08 (Anadolu Makine) invoiced, posted and paid in full;
* order 09 (Pars) invoiced, posted and paid in part (half of it);
* order 05 (Ege) a 30 % down payment, posted, the rest still to invoice;
* order 10 (Northwind) invoiced, left as a draft for accounting to post.
"""

from __future__ import annotations

import decimal

from core.orm.data import find_external_id
from core.orm.environment import Environment

D = decimal.Decimal


def run(env: Environment) -> None:
    """Invoice the demo orders once; does nothing without both addons' demo data or without a chart."""
    installed = {
        row.name: row.demo for row in env["base.addon"].search([("name", "in", ["sales", "accounting"])])
    }
    company = env.ref("base.main_company")
    if not (installed.get("sales") and installed.get("accounting")) or not company.chart_template:
        return
    orders = {
        number: find_external_id(env, f"sales.demo_order_{number}") for number in ("05", "08", "09", "10")
    }
    if any(order is None or order.invoices for order in orders.values()):  # type: ignore[attr-defined]
        return
    Payment = env["accounting.payment"]
    paid = orders["08"].action_create_invoice().action_post()  # type: ignore[union-attr]
    Payment.register([paid])
    partly = orders["09"].action_create_invoice().action_post()  # type: ignore[union-attr]
    Payment.register([partly], amount=(partly.amount_total / 2).quantize(D("0.01")))
    orders["05"].action_down_payment(percentage=D("30")).action_post()  # type: ignore[union-attr]
    orders["10"].action_create_invoice()  # type: ignore[union-attr]
    env.flush()
