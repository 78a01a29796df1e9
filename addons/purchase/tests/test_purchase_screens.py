"""purchase's screens over HTTP as a buyer: orders, an order and its receipt, vendor prices, the dashboard,
the printable order."""

import re

import pytest
from werkzeug.test import Client

from core.testing import cheap_hashing
from core.testing import make_user
from core.web import create_app

HTML = {"Accept": "text/html"}
PASSWORD = "purchase-screens-password"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def screens_db(tessera_databases):
    with tessera_databases.installed("purchase_screens", ["purchase"]) as db:
        yield db


@pytest.fixture(scope="module")
def records(screens_db):
    """A buyer, a taxed product with a vendor price, and a confirmed order of it; their ids and names."""
    with cheap_hashing(), screens_db.transaction() as env:
        make_user(env, "screens_buyer", groups=["purchase.group_user"], password=PASSWORD)
        vendor = env["base.partner"].create({"name": "Yıldız Hırdavat Ltd. Şti.", "is_company": True})
        vat = env["commerce.tax"].create({"name": "İndirilecek KDV %20", "amount": "20", "scope": "purchase"})
        bolt = env["product.product"].create(
            {"name": "Bolt M8", "default_code": "BLT-8", "type": "storable", "supplier_taxes": [vat.id]}
        )
        env["purchase.vendor_price"].create(
            {"partner": vendor.id, "product": bolt.id, "price": "0.42", "delay": 4}
        )
        order = env["purchase.order"].create(
            {
                "partner": vendor.id,
                "payment_term": env.ref("commerce.payment_term_30_now_70_60").id,
                "lines": [{"product": bolt.id, "quantity": "250"}],
            }
        )
        order.action_confirm()
        return {"order": order.id, "name": order.name, "receipt": order.receipts[0].name, "product": bolt.id}


@pytest.fixture(scope="module")
def buyer(screens_db, records):
    with cheap_hashing():
        client = Client(create_app(screens_db, secret_key="s" * 32))
        token = TOKEN.search(client.get("/login", headers=HTML).get_data(as_text=True)).group(1)
        response = client.post(
            "/login", data={"login": "screens_buyer", "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 303
    return client


def page(client, url):
    response = client.get(url, headers=HTML)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def test_the_purchase_orders_list_shows_the_order(buyer, records):
    listing = page(buyer, "/web/purchase.order?action=purchase.orders")
    assert records["name"] in listing and "Yıldız Hırdavat Ltd. Şti." in listing


def test_the_order_form_shows_its_lines_and_its_receipt(buyer, records):
    form = page(buyer, f"/web/purchase.order/{records['order']}?action=purchase.orders")
    assert "[BLT-8] Bolt M8" in form and "105.00" in form  # 250 × 0.42
    assert "21.00" in form and "126.00" in form  # 20 % tax, total
    assert records["receipt"] in form and "Lock" in form


def test_the_product_form_lists_its_vendor_prices(buyer, records):
    form = page(buyer, f"/web/product.product/{records['product']}?action=purchase.products")
    assert "Yıldız Hırdavat Ltd. Şti." in form and "Lead time (days)" in form


def test_the_dashboard_and_the_requests_open(buyer, records):
    assert "Purchases by vendor" in page(buyer, "/web/dashboard/purchase.overview")
    assert "Requests for quotation" in page(buyer, "/web/purchase.order?action=purchase.rfqs")


def test_the_printable_order_shows_taxes_totals_and_installments(buyer, records):
    document = page(buyer, f"/purchase/order/{records['order']}/print")
    assert f"Purchase order {records['name']}" in document and "Yıldız Hırdavat Ltd. Şti." in document
    assert "İndirilecek KDV %20" in document
    # 105.00 untaxed, 21.00 tax, 126.00 in all: 30 % now (37.80), the rest in 60 days (88.20)
    for amount in ("105.00", "21.00", "126.00", "37.80", "88.20"):
        assert amount in document
    assert (
        '<link rel="stylesheet" href="/static/commerce/print.css">' in document and "style=" not in document
    )


def test_an_order_the_buyer_may_not_read_is_not_found(buyer):
    assert buyer.get("/purchase/order/999999/print", headers=HTML).status_code == 404
