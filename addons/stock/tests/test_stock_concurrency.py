"""Two users confirming the last unit at the same time on PostgreSQL: only one gets it."""

import decimal
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from core.loader.lifecycle import install

pytestmark = pytest.mark.requires_postgresql


@pytest.fixture
def committed_db(empty_db):
    install(empty_db, ["stock"])
    return empty_db


def test_the_last_unit_is_reserved_once(committed_db):
    with committed_db.transaction() as env:
        chair = env["product.product"].create({"name": "Chair", "type": "storable"})
        warehouse = env.ref("stock.warehouse_main")
        receipt = env["stock.picking"].create(
            {"kind": "incoming", "warehouse": warehouse.id, "moves": [{"product": chair.id, "quantity": "1"}]}
        )
        receipt.action_confirm().action_validate()
        # The first delivery number creates PostgreSQL's sequence under a lock: take it now, not in the race.
        env["stock.picking"].create({"kind": "outgoing", "warehouse": warehouse.id})
        chair_id, warehouse_id = chair.id, warehouse.id
    start = threading.Barrier(2, timeout=30)

    def confirm_delivery(_index):
        with committed_db.transaction() as env:
            delivery = env["stock.picking"].create(
                {
                    "kind": "outgoing",
                    "warehouse": warehouse_id,
                    "moves": [{"product": chair_id, "quantity": "1"}],
                }
            )
            start.wait()
            delivery.action_confirm()
            return delivery.moves[0].quantity_reserved

    with ThreadPoolExecutor(2) as pool:
        reserved = sorted(pool.map(confirm_delivery, range(2)))
    assert reserved == [decimal.Decimal(0), decimal.Decimal(1)]
    with committed_db.transaction() as env:
        [quant] = env["stock.quant"].search([("product", "=", chair_id), ("location.usage", "=", "internal")])
        assert (quant.quantity, quant.reserved_quantity) == (1, 1)
