"""Who may invoice an order, once it is confirmed: accounting users who read it, or whoever may change it.

Salespeople only read invoices (`addons/sales/security/accounting_access.toml`),
so invoicing code checks the user's right to invoice the orders with this
(`addons.accounting.invoicing.check_may_invoice_from`), then creates the
invoices as the system::

    check_may_invoice(env, orders)
    with env.sudo():
        env["accounting.invoice"].create(...)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from addons.accounting.invoicing import check_may_invoice_from
from core.errors import UserError
from core.i18n import _
from core.orm.environment import Environment

SOLD = ("confirmed", "done")


def check_may_invoice(env: Environment, orders: Sequence[Any]) -> None:
    """Refuse unless the user may invoice every order of ``orders`` (rights and rules), and each is sold.

    Raises:
        AccessError: the user may not invoice one of them.
        UserError: one is a quotation or cancelled.
    """
    check_may_invoice_from(env, orders)
    for order in orders:
        if order.state not in SOLD:
            raise UserError(
                _("%(order)s is not a confirmed order: confirm it before invoicing.", order=order.name)
            )
