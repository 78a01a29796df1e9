"""Order to cash: N quotations of 5 lines, from quotation to payment, through the ORM and through Core.

The ORM run is the real flow, one transaction per user action as the web UI
runs it, in a company charted with the generic chart and a 20% sales tax:
create the quotation (prices from the product), confirm it (which creates
and reserves its delivery), validate the delivery (which moves the quants,
values the moves and posts the valuation entry), invoice the order and post
the invoice, register and post the customer's payment (which reconciles
it). The Core run writes the main rows of the same steps with plain
SQLAlchemy Core inserts and updates, batched, with none of the rules: it is
the floor under what the database itself costs.

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

from addons.accounting.charts import load_chart  # noqa: E402
from addons.accounting.models.payment import Payment  # noqa: E402
from bench.databases import scratch_database  # noqa: E402
from core.database import Database  # noqa: E402
from core.loader.lifecycle import install  # noqa: E402
from core.testing.queries import count_queries  # noqa: E402

ADDONS = ["sales", "stock", "accounting"]
STEPS = ("quote", "confirm", "deliver", "invoice", "pay")
LINES = 5
PRODUCTS = 20
PRICE = decimal.Decimal("90.00")
COST = decimal.Decimal("40.00")
RATE = decimal.Decimal("0.20")
CENT = decimal.Decimal("0.01")
TAX_ACCOUNT = "2100"  # the generic chart's sales tax account


def setup(db: Database, orders: int, lines: int) -> tuple[list[int], int]:
    """The company charted, storable products with a 20% tax and enough stock for every order, and a
    customer; the products' and the customer's ids."""
    with db.transaction() as env:
        company = env.ref("base.main_company")
        load_chart(env, company, "generic")
        tax = env["commerce.tax"].create(
            {
                "name": "VAT 20%",
                "scope": "sale",
                "amount": "20",
                "account": company.default_sale_tax_account.id,
            }
        )
        products = env["product.product"].create(
            [
                {
                    "name": f"Part {i}",
                    "default_code": f"P-{i:03}",
                    "type": "storable",
                    "cost": "40.00",
                    "sale_price": "90.00",
                    "taxes": [tax.id],
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
    seconds = dict.fromkeys(STEPS, 0.0)
    queries = dict.fromkeys(STEPS, 0)

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
        invoice_id = step(
            "invoice",
            lambda env, order_id=order_id: (
                env["sales.order"].get(order_id).action_create_invoice().action_post().id
            ),
        )
        step(
            "pay",
            lambda env, invoice_id=invoice_id: Payment.register(
                env, [env["accounting.invoice"].get(invoice_id)]
            ),
        )
    with db.transaction() as env:
        delivered = env["sales.order"].search_count([("delivery_status", "=", "full")])
        paid = env["accounting.invoice"].search_count([("payment_state", "=", "paid")])
    if delivered != orders or paid != orders:
        raise SystemExit(f"{delivered} of {orders} orders were delivered, {paid} invoices paid")
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
        account = t["accounting.account"]
        by_code = dict(connection.execute(select(account.c.code, account.c.id)).all())
        accounts = {
            role: by_code[code]
            for role, code in (
                ("receivable", "1100"),
                ("bank", "1010"),
                ("stock", "1200"),
                ("income", "4000"),
                ("cogs", "5000"),
                ("tax", TAX_ACCOUNT),
            )
        }
        journal = t["accounting.journal"]
        journals = dict(connection.execute(select(journal.c.code, journal.c.id)).all())

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
        entries = [
            (customer, [(accounts["cogs"], cost(lines), 0), (accounts["stock"], 0, cost(lines))])
            for lines in quantities
        ]
        post_entries(connection, t, journals["STJ"], company, entries)
        seconds["deliver"] = time.perf_counter() - start

        start = time.perf_counter()
        totals = [invoice_totals(lines) for lines in quantities]
        invoice_moves = post_entries(
            connection,
            t,
            journals["INV"],
            company,
            [
                (
                    customer,
                    [
                        *((accounts["income"], 0, PRICE * quantity) for _, quantity in lines),
                        (accounts["tax"], 0, tax),
                        (accounts["receivable"], untaxed + tax, 0),
                    ],
                )
                for lines, (untaxed, tax) in zip(quantities, totals, strict=True)
            ],
        )
        invoice_ids = (
            connection.execute(
                insert(t["accounting.invoice"]).returning(t["accounting.invoice"].c.id),
                [
                    {
                        "name": f"INV/{n:05}",
                        "kind": "out_invoice",
                        "state": "posted",
                        "payment_state": "not_paid",
                        "partner_id": customer,
                        "date": now.date(),
                        "journal_id": journals["INV"],
                        "company_id": company,
                        "currency_id": currency,
                        "tax_rounding": "per_line",
                        "move_id": move_id,
                        "amount_untaxed": untaxed,
                        "amount_tax": tax,
                        "amount_total": untaxed + tax,
                        "amount_residual": untaxed + tax,
                    }
                    for n, (move_id, (untaxed, tax)) in enumerate(zip(invoice_moves, totals, strict=True))
                ],
            )
            .scalars()
            .all()
        )
        connection.execute(
            insert(t["accounting.invoice_line"]),
            [
                {
                    "invoice_id": invoice_id,
                    "product_id": product,
                    "quantity": quantity,
                    "price_unit": PRICE,
                    "discount": 0,
                    "subtotal": PRICE * quantity,
                    "account_id": accounts["income"],
                }
                for invoice_id, lines in zip(invoice_ids, quantities, strict=True)
                for product, quantity in lines
            ],
        )
        seconds["invoice"] = time.perf_counter() - start

        start = time.perf_counter()
        payment_moves = post_entries(
            connection,
            t,
            journals["BNK1"],
            company,
            [
                (customer, [(accounts["bank"], untaxed + tax, 0), (accounts["receivable"], 0, untaxed + tax)])
                for untaxed, tax in totals
            ],
        )
        connection.execute(
            insert(t["accounting.payment"]),
            [
                {
                    "name": f"BNK1/{n:05}",
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": customer,
                    "amount": untaxed + tax,
                    "currency_id": currency,
                    "date": now.date(),
                    "journal_id": journals["BNK1"],
                    "company_id": company,
                    "state": "posted",
                    "move_id": move_id,
                }
                for n, (move_id, (untaxed, tax)) in enumerate(zip(payment_moves, totals, strict=True))
            ],
        )
        item = t["accounting.move_line"]
        receivables = dict(
            connection.execute(
                select(item.c.move_id, item.c.id).where(
                    item.c.move_id.in_(invoice_moves + payment_moves),
                    item.c.account_id == accounts["receivable"],
                )
            ).all()
        )
        connection.execute(
            insert(t["accounting.partial_reconcile"]),
            [
                {
                    "debit_line_id": receivables[invoice_move],
                    "credit_line_id": receivables[payment_move],
                    "amount": untaxed + tax,
                    "debit_amount_currency": untaxed + tax,
                    "credit_amount_currency": untaxed + tax,
                    "max_date": now.date(),
                    "company_id": company,
                }
                for invoice_move, payment_move, (untaxed, tax) in zip(
                    invoice_moves, payment_moves, totals, strict=True
                )
            ],
        )
        connection.execute(
            update(item)
            .where(item.c.id.in_(list(receivables.values())))
            .values(amount_residual=0, amount_residual_currency=0, reconciled=True)
        )
        connection.execute(
            update(t["accounting.invoice"])
            .where(t["accounting.invoice"].c.id.in_(invoice_ids))
            .values(payment_state="paid", amount_residual=0)
        )
        seconds["pay"] = time.perf_counter() - start
    return {"seconds": {name: round(value, 3) for name, value in seconds.items()}}


def cost(lines: list[tuple[int, decimal.Decimal]]) -> decimal.Decimal:
    return sum((COST * quantity for _, quantity in lines), decimal.Decimal(0))


def invoice_totals(lines: list[tuple[int, decimal.Decimal]]) -> tuple[decimal.Decimal, decimal.Decimal]:
    """Untaxed amount and tax (rounded per line) of an invoice of ``lines``."""
    untaxed = sum((PRICE * quantity for _, quantity in lines), decimal.Decimal(0))
    tax = sum(((PRICE * quantity * RATE).quantize(CENT) for _, quantity in lines), decimal.Decimal(0))
    return untaxed, tax


def post_entries(
    connection: Any,
    t: Any,
    journal: int,
    company: int,
    entries: list[tuple[int, list[tuple[int, Any, Any]]]],
) -> list[int]:
    """Insert posted entries (partner, [(account, debit, credit)]) and their items; the entries' ids."""
    today = dt.date.today()
    move_ids: list[int] = (
        connection.execute(
            insert(t["accounting.move"]).returning(t["accounting.move"].c.id),
            [
                {
                    "name": f"E/{journal}/{n:05}",
                    "date": today,
                    "journal_id": journal,
                    "state": "posted",
                    "company_id": company,
                    "partner_id": partner,
                }
                for n, (partner, _) in enumerate(entries)
            ],
        )
        .scalars()
        .all()
    )
    connection.execute(
        insert(t["accounting.move_line"]),
        [
            {
                "move_id": move_id,
                "account_id": account,
                "partner_id": partner,
                "debit": debit,
                "credit": credit,
                "balance": debit - credit,
                "amount_residual": debit - credit,
                "date": today,
                "journal_id": journal,
                "company_id": company,
                "parent_state": "posted",
            }
            for move_id, (partner, items) in zip(move_ids, entries, strict=True)
            for account, debit, credit in items
        ],
    )
    return move_ids


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
        "flow": "quotation → order → delivery → invoice → payment",
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
