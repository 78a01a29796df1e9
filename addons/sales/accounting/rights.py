"""Who may invoice an order: whoever may change it, once it is confirmed.

Salespeople only read invoices (`addons/sales/security/accounting_access.toml`),
so invoicing code checks the user's right to change the orders with this,
then creates the invoices as the system::

    check_may_invoice(env, orders)
    with env.sudo():
        env["accounting.invoice"].create(...)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.errors import UserError
from core.i18n import _
from core.orm.environment import Environment

SOLD = ("confirmed", "done")


def check_may_invoice(env: Environment, orders: Sequence[Any]) -> None:
    """Refuse unless the user may change every order of ``orders`` (rights and rules), and each is sold.

    Raises:
        AccessError: the user may not change one of them.
        UserError: one is a quotation or cancelled.
    """
    if not env.su and orders:
        model = type(orders[0])
        env.access.check(model, "write")
        env.access.check_rows(model, "write", [order.id for order in orders])
    for order in orders:
        if order.state not in SOLD:
            raise UserError(
                _("%(order)s is not a confirmed order: confirm it before invoicing.", order=order.name)
            )
