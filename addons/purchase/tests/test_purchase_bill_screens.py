"""The bill screens over HTTP: a buyer bills an order from its form, a bookkeeper reads the match."""

import re

import pytest
from werkzeug.test import Client

from addons.accounting.charts import load_chart
from core.testing import cheap_hashing
from core.testing import make_user
from core.web import create_app

HTML = {"Accept": "text/html"}
PASSWORD = "purchase-bill-screens"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def screens_db(tessera_databases):
    with tessera_databases.installed("purchase_bill_screens", ["purchase", "accounting", "sales"]) as db:
        yield db


@pytest.fixture(scope="module")
def records(screens_db):
    """A bookkeeper, a buyer, a salesperson, and a confirmed order of 12 chairs, 12 received."""
    with cheap_hashing(), screens_db.transaction() as env:
        load_chart(env, env.ref("base.main_company"), "tr_tdhp")
        make_user(env, "bill_bookkeeper", groups=["accounting.group_user"], password=PASSWORD)
        make_user(env, "bill_buyer", groups=["purchase.group_user"], password=PASSWORD)
        make_user(env, "bill_seller", groups=["sales.group_user"], password=PASSWORD)
        vendor = env["base.partner"].create({"name": "Ege Mobilya A.Ş.", "is_company": True})
        chair = env["product.product"].create({"name": "Chair", "default_code": "CH-1", "type": "storable"})
        order = env["purchase.order"].create(
            {"partner": vendor.id, "lines": [{"product": chair.id, "quantity": "12", "price_unit": "30"}]}
        )
        order.action_confirm()
        order.receipts[0].action_validate()
        customer = env["base.partner"].create({"name": "Anadolu Ofis", "is_company": True})
        invoice = env["accounting.invoice"].create(
            {"partner": customer.id, "lines": [{"description": "Desk", "price_unit": "100"}]}
        )
        return {"order": order.id, "name": order.name, "invoice": invoice.id}


def client_of(db, login):
    with cheap_hashing():
        client = Client(create_app(db, secret_key="b" * 32))
        token = TOKEN.search(client.get("/login", headers=HTML).get_data(as_text=True)).group(1)
        response = client.post("/login", data={"login": login, "password": PASSWORD, "csrf_token": token})
        assert response.status_code == 303
    return client


def page(client, url):
    response = client.get(url, headers=HTML)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_a_buyer_bills_the_order_from_its_form_and_a_bookkeeper_reads_the_match(screens_db, records):
    buyer = client_of(screens_db, "bill_buyer")
    form = page(buyer, f"/web/purchase.order/{records['order']}")
    assert "Create bill" in form and "To bill" in form
    token = TOKEN.search(form).group(1)
    response = buyer.post(
        f"/web/purchase.order/{records['order']}/call/action_create_bill", data={"csrf_token": token}
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    bill_url = response.headers["Location"].split("?")[0]
    assert "/web/accounting.invoice/" in bill_url
    assert "360.00" in page(buyer, bill_url)
    assert buyer.get(f"/web/accounting.invoice/{records['invoice']}", headers=HTML).status_code == 404
    bookkeeper = client_of(screens_db, "bill_bookkeeper")
    bill = page(bookkeeper, bill_url)
    assert records["name"] in bill and "Billed on other bills" in bill and "360.00" in bill
    assert "Fully billed" in page(bookkeeper, f"/web/purchase.order/{records['order']}")


def test_a_salesperson_reads_a_customer_invoice_without_the_purchase_fields(screens_db, records):
    seller = client_of(screens_db, "bill_seller")
    invoice = page(seller, f"/web/accounting.invoice/{records['invoice']}")
    assert "Desk" in invoice and "Billed on other bills" not in invoice
