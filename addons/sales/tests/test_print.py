"""The printable order over HTTP: readers get the document, users of another company a 404."""

import re

import pytest
from werkzeug.test import Client

from core.testing import cheap_hashing
from core.testing import make_user
from core.web import create_app

HTML = {"Accept": "text/html"}
PASSWORD = "print-tests-password"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(scope="module")
def print_db(tessera_databases):
    with tessera_databases.installed("sales_print", ["sales"]) as db:
        yield db


@pytest.fixture(scope="module")
def app(print_db):
    return create_app(print_db, secret_key="p" * 32)


@pytest.fixture(scope="module")
def order_id(print_db):
    """An order of the main company, a salesperson of it, and a manager of another company."""
    with cheap_hashing(), print_db.transaction() as env:
        make_user(env, "print_reader", groups=["sales.group_user"], password=PASSWORD)
        other = env["base.company"].create({"name": "Other Co", "currency": env.ref("base.currency_try").id})
        make_user(env, "print_outsider", groups=["sales.group_manager"], companies=[other], password=PASSWORD)
        vat = env["commerce.tax"].create({"name": "KDV %20", "amount": "20"})
        term = env.ref("commerce.payment_term_30_now_70_60")
        partner = env["base.partner"].create({"name": "Anadolu Makine A.Ş.", "city": "İzmir"})
        line = {
            "description": "Dik işleme merkezi",
            "quantity": "2",
            "price_unit": "1250.50",
            "taxes": [vat.id],
        }
        order = env["sales.order"].create(
            {"partner": partner.id, "note": "Teslimat: 4 hafta.", "payment_term": term.id, "lines": [line]}
        )
        return order.id


def login(app, name):
    with cheap_hashing():
        client = Client(app)
        token = TOKEN.search(client.get("/login", headers=HTML).get_data(as_text=True)).group(1)
        response = client.post("/login", data={"login": name, "password": PASSWORD, "csrf_token": token})
        assert response.status_code == 303
    return client


def test_a_reader_gets_the_printable_document(app, order_id):
    response = login(app, "print_reader").get(f"/sales/order/{order_id}/print", headers=HTML)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Quotation SO/" in page and "Anadolu Makine A.Ş." in page and "Dik işleme merkezi" in page
    assert "2,501.00" in page and "3,001.20" in page  # untaxed, total
    assert "KDV %20" in page and "500.20" in page  # the tax, by name
    assert "900.36" in page and "2,100.84" in page  # 30 % now, the rest in 60 days
    assert '<link rel="stylesheet" href="/static/commerce/print.css">' in page and "style=" not in page


def test_the_stylesheet_is_served(app):
    response = login(app, "print_reader").get("/static/commerce/print.css")
    assert response.status_code == 200 and response.mimetype == "text/css"
    assert "@media print" in response.get_data(as_text=True)


def test_a_user_of_another_company_gets_404(app, order_id):
    response = login(app, "print_outsider").get(f"/sales/order/{order_id}/print", headers=HTML)
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(app, order_id):
    response = Client(app).get(f"/sales/order/{order_id}/print", headers=HTML)
    assert response.status_code == 303 and "/login" in response.headers["Location"]
