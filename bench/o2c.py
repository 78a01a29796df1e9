"""Order to cash: N quotations of 5 lines, confirmed and delivered, through the ORM and through Core.

The ORM run is the real flow, one transaction per user action as the web UI
runs it: create the quotation (prices from the product), confirm it (which
creates and reserves its delivery), validate the delivery (which moves the
quants and values the moves). The Core run writes the same rows with plain
SQLAlchemy Core inserts and updates, batched, with none of the rules: it is
the floor under what the database itself costs. Invoice and payment join the
flow when the accounting addon lands.

Prints one JSON document::

    python bench/o2c.py                      # SQLite, 200 orders
    python bench/o2c.py --url postgresql://postgres@127.0.0.1:5432/test --orders 500
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy import update  # noqa: E402

from bench.databases import scratch_database  # noqa: E402
from core.database import Database  # noqa: E402
from core.loader.lifecycle import install  # noqa: E402
from core.testing.queries import count_queries  # noqa: E402

ADDONS = ["sales", "stock"]
LINES = 5
PRODUCTS = 20
PRICE = decimal.Decimal("90.00")


def setup(db: Database, orders: int, lines: int) -> tuple[list[int], int]:
    """Storable products with enough stock for every order, and a customer; their ids."""
    with db.transaction() as env:
        products = env["product.product"].create(
            [
                {
                    "name": f"Part {i}",
                    "default_code": f"P-{i:03}",
                    "type": "storable",
                    "cost": "40.00",
                    "sale_price": "90.00",
                }
                for i in range(PRODUCTS)
            ]
        )
        warehouse = env.ref("stock.warehouse_main")
        receipt = env["stock.picking"].create(
            {
                "kind": "incoming",
                "warehouse": warehouse.id,
                "moves": [
                    {
                        "product": product.id,
                        "quantity": decimal.Decimal(orders * lines * lines),
                        "price_unit": "40",
                    }
                    for product in products
                ],
            }
        )
        receipt.action_confirm().action_validate()
        customer = env["base.partner"].create({"name": "Anadolu Makine A.Ş.", "is_company": True})
        return [product.id for product in products], customer.id


def orm_run(db: Database, orders: int, lines: int) -> dict[str, Any]:
    products, customer = setup(db, orders, lines)
    seconds = {"quote": 0.0, "confirm": 0.0, "deliver": 0.0}
    queries = {"quote": 0, "confirm": 0, "deliver": 0}

    def step(name: str, action: Any) -> Any:
        start = time.perf_counter()
        with db.transaction() as env, count_queries(env) as counter:
            result = action(env)
        seconds[name] += time.perf_counter() - start
        queries[name] += counter.count
        return result

    for n in range(orders):
        values = {
            "partner": customer,
            "lines": [
                {"product": products[(n + i) % PRODUCTS], "quantity": decimal.Decimal(1 + i)}
                for i in range(lines)
            ],
        }
        order_id = step("quote", lambda env, values=values: env["sales.order"].create(values).id)
        step("confirm", lambda env, order_id=order_id: env["sales.order"].get(order_id).action_confirm())
        step(
            "deliver",
            lambda env, order_id=order_id: [
                picking.action_validate() for picking in env["sales.order"].get(order_id).pickings
            ],
        )
    with db.transaction() as env:
        delivered = env["sales.order"].search_count([("delivery_status", "=", "full")])
    if delivered != orders:
        raise SystemExit(f"only {delivered} of {orders} orders were delivered")
    return {
        "seconds": {name: round(value, 3) for name, value in seconds.items()},
        "queries_per_order": {name: round(count / orders, 1) for name, count in queries.items()},
    }


def core_run(db: Database, orders: int, lines: int) -> dict[str, Any]:
    """The main rows the ORM run writes (orders, lines, deliveries, moves, quants), batched, in plain Core.

    It skips move lines, history and computed columns: a floor, not an equivalent.
    """
    products, customer = setup(db, orders, lines)
    t = db.registry.tables
    now = dt.datetime.now(dt.UTC)
    seconds: dict[str, float] = {}
    with db.engine.begin() as connection:
        company, currency = connection.execute(
            select(t["base.company"].c.id, t["base.company"].c.currency_id)
        ).first()
        warehouse_id, stock_id = connection.execute(
            select(t["stock.warehouse"].c.id, t["stock.warehouse"].c.lot_stock_id).limit(1)
        ).one()
        customers_id = connection.execute(
            select(t["stock.location"].c.id).where(t["stock.location"].c.usage == "customer").limit(1)
        ).scalar_one()
        quantities = [
            [(products[(n + i) % PRODUCTS], decimal.Decimal(1 + i)) for i in range(lines)]
            for n in range(orders)
        ]

        start = time.perf_counter()
        order_ids = (
            connection.execute(
                insert(t["sales.order"]).returning(t["sales.order"].c.id),
                [
                    {
                        "name": f"S{n:05}",
                        "partner_id": customer,
                        "company_id": company,
                        "currency_id": currency,
                        "state": "draft",
                        "date_order": now.date(),
                        "tax_rounding": "per_line",
                    }
                    for n in range(orders)
                ],
            )
            .scalars()
            .all()
        )
        connection.execute(
            insert(t["sales.order_line"]),
            [
                {
                    "order_id": order_id,
                    "product_id": product,
                    "description": "Part",
                    "quantity": quantity,
                    "price_unit": PRICE,
                    "discount": 0,
                    "subtotal": PRICE * quantity,
                    "total": PRICE * quantity,
                }
                for order_id, lines in zip(order_ids, quantities, strict=True)
                for product, quantity in lines
            ],
        )
        seconds["quote"] = time.perf_counter() - start

        start = time.perf_counter()
        connection.execute(
            update(t["sales.order"]).where(t["sales.order"].c.id.in_(order_ids)).values(state="confirmed")
        )
        picking_ids = (
            connection.execute(
                insert(t["stock.picking"]).returning(t["stock.picking"].c.id),
                [
                    {
                        "name": f"WH/OUT/{n:05}",
                        "kind": "outgoing",
                        "warehouse_id": warehouse_id,
                        "location_id": stock_id,
                        "location_dest_id": customers_id,
                        "scheduled_date": now,
                        "move_type": "direct",
                        "state": "ready",
                        "sale_order_id": order_id,
                    }
                    for n, order_id in enumerate(order_ids)
                ],
            )
            .scalars()
            .all()
        )
        connection.execute(
            insert(t["stock.move"]),
            [
                {
                    "picking_id": picking_id,
                    "product_id": product,
                    "quantity": quantity,
                    "location_id": stock_id,
                    "location_dest_id": customers_id,
                    "state": "ready",
                    "date": now,
                    "company_id": company,
                }
                for picking_id, lines in zip(picking_ids, quantities, strict=True)
                for product, quantity in lines
            ],
        )
        seconds["confirm"] = time.perf_counter() - start

        start = time.perf_counter()
        connection.execute(
            update(t["stock.picking"]).where(t["stock.picking"].c.id.in_(picking_ids)).values(state="done")
        )
        connection.execute(
            update(t["stock.move"]).where(t["stock.move"].c.picking_id.in_(picking_ids)).values(state="done")
        )
        quant = t["stock.quant"]
        for product in products:
            shipped = sum(q for lines in quantities for p, q in lines if p == product)
            connection.execute(
                update(quant)
                .where(quant.c.product_id == product, quant.c.location_id == stock_id)
                .values(quantity=quant.c.quantity - shipped)
            )
        seconds["deliver"] = time.perf_counter() - start
    return {"seconds": {name: round(value, 3) for name, value in seconds.items()}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a PostgreSQL server URL; SQLite in a temporary folder when omitted")
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--lines", type=int, default=LINES, help="lines per order")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        with (
            scratch_database(args.url, Path(folder), "o2c_orm") as orm_db,
            scratch_database(args.url, Path(folder), "o2c_core") as core_db,
        ):
            install(orm_db, ADDONS)
            install(core_db, ADDONS)
            orm = orm_run(orm_db, args.orders, args.lines)
            core = core_run(core_db, args.orders, args.lines)
            dialect = orm_db.dialect
    total = sum(orm["seconds"].values())
    report = {
        "benchmark": "o2c",
        "database": dialect,
        "orders": args.orders,
        "lines_per_order": args.lines,
        "flow": "quotation → order → delivery (invoice and payment come with accounting)",
        "orm": orm,
        "core": core,
        "orm_orders_per_second": round(args.orders / total, 1),
        "ratio_orm_to_core": {
            step: round(orm["seconds"][step] / core["seconds"][step], 1)
            for step in core["seconds"]
            if core["seconds"][step]
        },
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
