"""The demo's purchase history: demo orders taken through the workflow, so receipts and reports have data.

Data files create records; they do not run workflows. When purchase is
installed with its demo (``demo/orders.toml`` loaded), `run` confirms five
of the demo requests, receives three of them in full and one in part (its
backorder waits), locks two, and dates each receipt as if it had been done
some days from its schedule, so the vendors' on-time rates differ.
"""

from __future__ import annotations

import decimal

from addons.stock.demo import validate_as_if
from core.orm.data import find_external_id
from core.orm.environment import Environment

CONFIRMED = ("demo_order_05", "demo_order_06", "demo_order_07", "demo_order_08", "demo_order_09")
# Per order received: days from the scheduled date to the receipt, and what arrived when not everything.
RECEIVED: dict[str, tuple[int, dict[str, decimal.Decimal]]] = {
    "demo_order_06": (2, {"product.demo_product_spindle": decimal.Decimal(8)}),
    "demo_order_07": (0, {}),
    "demo_order_08": (6, {}),
    "demo_order_09": (-1, {}),
}
LOCKED = ("demo_order_08", "demo_order_09")


def run(env: Environment) -> None:
    """Take the demo orders through the workflow; does nothing when the demo data is not loaded."""
    if find_external_id(env, f"purchase.{CONFIRMED[0]}") is None:
        return
    orders = {name: env.ref(f"purchase.{name}") for name in CONFIRMED}
    for order in orders.values():
        order.action_confirm()  # type: ignore[attr-defined]
    for name, (days_late, arrived) in RECEIVED.items():
        [receipt] = orders[name].receipts  # type: ignore[attr-defined]
        validate_as_if(receipt, days_late, arrived)
    for name in LOCKED:
        orders[name].action_done()  # type: ignore[attr-defined]
    env.flush()
