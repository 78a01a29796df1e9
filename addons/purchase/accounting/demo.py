"""The demo's vendor bills: three received demo orders billed and posted, one at a higher price.

When purchase and accounting are both installed with their demo (the demo
orders loaded and taken through the workflow by `addons.purchase.demo`, the
main company charted by `addons.accounting.demo`), `run` bills:

* ``demo_order_07`` (received in full) for all of it, at the order's prices;
* ``demo_order_06`` (8 of its 12 spindles received) for what arrived;
* ``demo_order_09`` (received in full) at 4 % above the order's price, the
  vendor's surcharge: the price difference is booked (the bill is posted as
  the system, an adviser's right, the three-way match would stop a bookkeeper).

It does nothing when an order is missing, not received, or already billed,
so installing the second addon runs it once.
"""

from __future__ import annotations

import decimal

from core.orm.data import find_external_id
from core.orm.environment import Environment

BILLED = ("demo_order_07", "demo_order_06", "demo_order_09")
# The order billed at another price, and its price as a share of the order's.
SURCHARGED = ("demo_order_09", decimal.Decimal("1.04"))


def run(env: Environment) -> None:
    """Bill and post the demo orders; does nothing without them, or without a charted company."""
    if any(find_external_id(env, f"purchase.{name}") is None for name in BILLED):
        return
    orders = {name: env.ref(f"purchase.{name}") for name in BILLED}
    if any(order.bills or order.bill_status != "to_bill" for order in orders.values()):  # type: ignore[attr-defined]
        return
    if any(order.company.default_payable_account is None for order in orders.values()):  # type: ignore[attr-defined]
        return
    for name, order in orders.items():
        bill = order.action_create_bill()  # type: ignore[attr-defined]
        if name == SURCHARGED[0]:
            for line in bill.lines:
                line.price_unit = bill.currency.round(line.price_unit * SURCHARGED[1])
        bill.action_post()
    env.flush()
