"""The demo's deliveries: sales' confirmed and done demo orders shipped through stock's workflow.

sales' demo orders are loaded in their state, without running the workflow,
so they have no deliveries. When stock and sales are both installed with
their demo, whichever comes second, `run` makes and reserves the deliveries
of the confirmed and done demo orders (`addons.stock.sales.deliveries`),
then ships some of them, each dated some days from its schedule so the late
deliveries report has early, punctual and late ones:

* the done orders are delivered in full;
* order 06 ships its conveyors and leaves its sensors in a backorder;
* order 07 stays ready to ship, and order 05, from İzmir, which has no
  compressors, waits for goods.
"""

from __future__ import annotations

import decimal

from addons.stock.demo import validate_as_if
from addons.stock.sales import deliveries
from core.orm.data import find_external_id
from core.orm.environment import Environment

ORDERS = tuple(f"demo_order_{number:02}" for number in range(5, 11))  # the confirmed and done ones
# Per order shipped: days from the scheduled date to the delivery, and what left when not everything.
SHIPPED: dict[str, tuple[int, dict[str, decimal.Decimal]]] = {
    "demo_order_06": (4, {"product.demo_product_sensor": decimal.Decimal(0)}),
    "demo_order_08": (3, {}),
    "demo_order_09": (0, {}),
    "demo_order_10": (-1, {}),
}


def run(env: Environment) -> None:
    """Make and ship the demo deliveries once; does nothing without both addons' demo data."""
    installed = {row.name: row.demo for row in env["base.addon"].search([("name", "in", ["stock", "sales"])])}
    if not (installed.get("stock") and installed.get("sales")):
        return
    orders = {name: find_external_id(env, f"sales.{name}") for name in ORDERS}
    pending = [order for order in orders.values() if order is not None and not order.pickings]  # type: ignore[attr-defined]
    if not pending:
        return
    deliveries.create_for(env, pending)
    for name, (days_late, moved) in SHIPPED.items():
        order = orders[name]
        if order is not None and order in pending:
            [delivery] = order.pickings  # type: ignore[attr-defined]
            validate_as_if(delivery, days_late, moved)
    env.flush()
