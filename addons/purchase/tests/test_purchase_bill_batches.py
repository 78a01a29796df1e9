"""Billing over the JSON API, and billing and posting in as many queries for 8 lines as for 2."""

import decimal

import pytest
from api_client import ApiClient
from api_client import make_user as make_api_user

from addons.accounting.charts import load_chart
from core.testing.queries import count_queries
from core.web import create_app

pytestmark = pytest.mark.addons("purchase", "accounting")
D = decimal.Decimal


@pytest.fixture(scope="module")
def api_db(tessera_databases):
    with tessera_databases.installed("purchase_bills_api", ["purchase", "accounting"]) as db:
        with db.transaction() as env:
            load_chart(env, env.ref("base.main_company"), "tr_tdhp")
        yield db


@pytest.fixture(scope="module")
def received_order(api_db):
    """A confirmed order of 5 chairs at 30.00, all received, committed: its id."""
    with api_db.transaction() as env:
        vendor = env["base.partner"].create({"name": "Marmara Döküm A.Ş.", "is_company": True})
        chair = env["product.product"].create({"name": "Chair", "type": "storable"})
        order = env["purchase.order"].create(
            {"partner": vendor.id, "lines": [{"product": chair.id, "quantity": "5", "price_unit": "30"}]}
        )
        order.action_confirm()
        order.receipts[0].action_validate()
        return order.id


def test_a_bookkeeper_creates_the_bill_over_the_json_api(api_db, received_order, cheap_password_hashing):
    client = ApiClient(
        create_app(api_db, secret_key="k" * 40), make_api_user(api_db, ("accounting.group_user",))[1]
    )
    response = client.post(f"/api/v1/purchase.order/{received_order}/call/action_create_bill", {})
    assert response.status_code == 200, response.get_data(as_text=True)
    bill_id = response.json["result"]
    again = client.post(f"/api/v1/purchase.order/{received_order}/call/action_create_bill", {})
    assert again.status_code == 400 and "nothing to bill" in again.json["message"]
    with api_db.transaction() as env:
        bill = env["accounting.invoice"].get(bill_id)
        order = env["purchase.order"].get(received_order)
        assert (bill.kind, bill.origin, bill.amount_untaxed) == ("in_invoice", order.name, D("150.00"))
        assert (order.bill_status, order.lines[0].qty_billed) == ("billed", D("5"))


@pytest.mark.requires_postgresql
def test_billing_and_posting_do_not_grow_with_the_lines(env, books, confirmed, receive_order, eur):
    def bill_of(size):
        products = [
            env["product.product"].create(
                {"name": f"Part {size}-{n}", "type": "storable", "currency": eur.id}
            )
            for n in range(size)
        ]
        order = confirmed(*[(product, 3, "12.50") for product in products])
        receive_order(order)
        env.flush()
        with count_queries(env) as creating:
            bill = order.action_create_bill()
            env.flush()
        for line in bill.lines:
            line.write({"price_unit": "13.00"})  # a price difference on every line
        env.flush()
        env.session.expire_all()
        with count_queries(env) as posting:
            bill.action_post()
            env.flush()
        return creating.count, posting.count

    bill_of(2)  # sequences, accounts and journals read once
    small, large = bill_of(2), bill_of(8)
    assert large[0] == small[0], (small, large)
    assert large[1] == small[1], (small, large)
