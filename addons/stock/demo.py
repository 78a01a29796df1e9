"""The demo's opening stock: an inventory count per warehouse, applied through the workflow.

Data files create records; they do not run workflows, and quants are never
written by hand. When stock is installed with its demo (``demo/*.toml``
loaded), `run` counts the demo products in each warehouse's stock location,
lots and serial numbers included, and applies the counts: each difference
becomes a done move from the inventory loss location, valued at the
product's cost. The counts and their moves are dated at the start of the
year, before the demo's purchases and deliveries. `validate_as_if` ships
or receives a demo transfer as if it had been done some days from its
schedule (purchase's and sales' demos use it).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from typing import Any

from core.orm.data import find_external_id
from core.orm.environment import Environment

COUNT_DAY = dt.date(2026, 1, 5)
# Per warehouse: (product, lot or serial number, quantity counted).
COUNTED: dict[str, list[tuple[str, str | None, str]]] = {
    "stock.warehouse_main": [
        ("product.demo_product_cnc", None, "1"),
        ("product.demo_product_lathe", "stock.demo_serial_lathe_0417", "1"),
        ("product.demo_product_lathe", "stock.demo_serial_lathe_0418", "1"),
        ("product.demo_product_spindle", None, "16"),
        ("product.demo_product_filter", None, "80"),
        ("product.demo_product_oil", "stock.demo_lot_oil_2025_11", "18"),
        ("product.demo_product_oil", "stock.demo_lot_oil_2026_01", "12"),
        ("product.demo_product_packaging_line", None, "1"),
        ("product.demo_product_conveyor", None, "4"),
        ("product.demo_product_sensor", None, "150"),
        ("product.demo_product_paper", None, "60"),
    ],
    "stock.demo_warehouse_izmir": [
        ("product.demo_product_lathe", "stock.demo_serial_lathe_0421", "1"),
        ("product.demo_product_spindle", None, "6"),
        ("product.demo_product_filter", None, "40"),
        ("product.demo_product_oil", "stock.demo_lot_oil_2026_01", "10"),
        ("product.demo_product_sensor", None, "60"),
        ("product.demo_product_paper", None, "20"),
    ],
}


def run(env: Environment) -> None:
    """Count and apply the opening stock; does nothing when the demo data is not loaded."""
    if find_external_id(env, "stock.demo_warehouse_izmir") is None:
        return
    counted_at = dt.datetime.combine(COUNT_DAY, dt.time(8), tzinfo=dt.UTC)
    for warehouse_id, lines in COUNTED.items():
        warehouse = env.ref(warehouse_id)
        name = f"{warehouse.code}/COUNT/{COUNT_DAY.year}"  # type: ignore[attr-defined]
        count = env["stock.adjustment"].create(
            {
                "name": name,
                "date": COUNT_DAY,
                "location": warehouse.lot_stock.id,  # type: ignore[attr-defined]
                "lines": [
                    {
                        "product": env.ref(product).id,
                        "lot": env.ref(lot).id if lot else None,
                        "counted": decimal.Decimal(quantity),
                    }
                    for product, lot, quantity in lines
                ],
            }
        )
        count.action_apply()  # type: ignore[attr-defined]
        for move in env["stock.move"].search([("origin", "=", name)]):
            move.date = move.date_done = counted_at  # type: ignore[attr-defined]
    env.flush()


def validate_as_if(picking: Any, days_late: int, moved: Mapping[str, decimal.Decimal] | None = None) -> None:
    """Validate a demo transfer and date it ``days_late`` days after its schedule (negative: before).

    Args:
        moved: per product external id, the quantity that moved when not all
            of it did (the rest waits in a backorder).
    """
    env = picking.env
    quantities = {env.ref(product).id: quantity for product, quantity in (moved or {}).items()}
    for move in picking.moves:
        for line in move.lines:
            line.quantity = quantities.get(move.product.id, line.quantity)
    picking.action_validate()
    done = picking.scheduled_date + dt.timedelta(days=days_late)
    picking.date_done = done
    for move in picking.moves:
        if move.state == "done":
            move.date_done = done
