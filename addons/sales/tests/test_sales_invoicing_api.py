"""Invoicing over HTTP: a salesperson invoices their order (JSON API, form, list); accounting posts."""

import pytest
from api_client import PASSWORD
from api_client import ApiClient
from api_client import make_user
from ui_client import UIClient

from addons.accounting.charts import load_chart
from core.testing import cheap_hashing
from core.web import create_app

pytestmark = pytest.mark.addons("sales", "accounting")


@pytest.fixture(scope="module", autouse=True)
def fast_hashing():
    with cheap_hashing():
        yield


@pytest.fixture(scope="module")
def invoicing_db(tessera_databases):
    with tessera_databases.installed("sales_invoicing_api", ["sales", "accounting"]) as db:
        with db.transaction() as env:
            load_chart(env, env.ref("base.main_company"), "tr_tdhp")
            env["commerce.tax"].create({"name": "KDV %20", "amount": "20", "scope": "sale"})
            env["base.partner"].create({"name": "Anadolu Makine A.Ş.", "is_company": True})
        yield db


@pytest.fixture(scope="module")
def people(invoicing_db):
    """User ids and logins: a salesperson, a colleague of theirs, a bookkeeper."""
    return {
        name: make_user(invoicing_db, groups)
        for name, groups in (
            ("salesperson", ("sales.group_user",)),
            ("colleague", ("sales.group_user",)),
            ("bookkeeper", ("accounting.group_user",)),
        )
    }


@pytest.fixture(scope="module")
def app(invoicing_db):
    return create_app(invoicing_db, secret_key="s" * 40)


@pytest.fixture
def order_id(invoicing_db, people):
    """A confirmed order of the salesperson's: 4 × 250.00 with 20 % KDV, 1,200.00."""
    with invoicing_db.transaction() as env:
        [tax] = env["commerce.tax"].search([("name", "=", "KDV %20")])
        [customer] = env["base.partner"].search([("name", "=", "Anadolu Makine A.Ş.")])
        order = env["sales.order"].create(
            {
                "partner": customer.id,
                "user": people["salesperson"][0],
                "lines": [
                    {"description": "Pump", "quantity": "4", "price_unit": "250.00", "taxes": [tax.id]}
                ],
            }
        )
        order.action_confirm()
        env.flush()
        return order.id


def test_a_salesperson_invoices_their_order_and_a_bookkeeper_posts_it(app, invoicing_db, people, order_id):
    salesperson = ApiClient(app, people["salesperson"][1])
    response = salesperson.post(f"/api/v1/sales.order/{order_id}/call/action_create_invoice", {})
    assert response.status_code == 200, response.json
    invoice_id = response.json["result"]
    invoice = salesperson.get(f"/api/v1/accounting.invoice/{invoice_id}").json
    assert (invoice["state"], invoice["amount_total"], invoice["sale_order"]["id"]) == (
        "draft",
        "1200.00",
        order_id,
    )
    refused = salesperson.post(f"/api/v1/accounting.invoice/{invoice_id}/call/action_post", {})
    assert refused.status_code == 403
    again = salesperson.post(f"/api/v1/sales.order/{order_id}/call/action_create_invoice", {})
    assert again.status_code == 400 and "nothing left to invoice" in again.json["message"]
    bookkeeper = ApiClient(app, people["bookkeeper"][1])
    posted = bookkeeper.post(f"/api/v1/accounting.invoice/{invoice_id}/call/action_post", {})
    assert posted.status_code == 200, posted.json
    order = salesperson.get(f"/api/v1/sales.order/{order_id}").json
    assert (order["invoice_status"], order["payment_status"], order["amount_invoiced"]) == (
        "invoiced",
        "not_paid",
        "1200.00",
    )
    form = UIClient(app, people["salesperson"][1], PASSWORD).get(f"/web/sales.order/{order_id}")
    assert form.status_code == 200  # the posted invoice's entry stays out of the salesperson's reach


def test_a_colleague_may_not_invoice_the_order_nor_ask_for_a_down_payment(
    app, invoicing_db, people, order_id
):
    colleague = ApiClient(app, people["colleague"][1])
    for method, body in (("action_create_invoice", {}), ("action_down_payment", {"percentage": 10})):
        assert colleague.post(f"/api/v1/sales.order/{order_id}/call/{method}", body).status_code == 403
    with invoicing_db.transaction() as env:
        assert not env["sales.order"].get(order_id).invoices


def test_the_down_payment_dialog_of_the_order_form_makes_its_invoice(app, invoicing_db, people, order_id):
    salesperson = UIClient(app, people["salesperson"][1], PASSWORD)
    form = salesperson.page(f"/web/sales.order/{order_id}", action="sales.orders")
    assert "call/action_create_invoice" in form.html and "call/action_approve_credit" not in form.html
    response = salesperson.post(
        f"/web/sales.order/{order_id}/call/action_down_payment",
        {"action_down_payment": "1", "action_down_payment.percentage": "25"},
    )
    assert response.status_code == 303 and "/web/accounting.invoice/" in response.headers["Location"]
    with invoicing_db.transaction() as env:
        [down] = env["sales.order"].get(order_id).invoices
        assert (down.amount_untaxed, down.amount_total, down.lines[0].account.code) == (250, 300, "340")
    listing = salesperson.page("/web/sales.order", action="sales.orders", filters="to_invoice")
    assert any(row.get("Invoicing") == "To invoice" for row in listing.rows())


def test_create_invoices_on_the_list_invoices_each_selected_order(app, invoicing_db, people, order_id):
    with invoicing_db.transaction() as env:
        other = env["sales.order"].get(order_id).copy()
        other.action_confirm()
        env.flush()
        other_id = other.id
    salesperson = UIClient(app, people["salesperson"][1], PASSWORD)
    listing = salesperson.page("/web/sales.order", action="sales.orders")
    assert 'formaction="/sales/orders/invoice"' in listing.html
    response = salesperson.post("/sales/orders/invoice", {"ids": f"{order_id},{other_id}"})
    assert response.status_code == 303 and "accounting.customer_invoices" in response.headers["Location"]
    with invoicing_db.transaction() as env:
        orders = [env["sales.order"].get(record_id) for record_id in (order_id, other_id)]
        assert [(order.invoice_status, len(order.invoices)) for order in orders] == [("invoiced", 1)] * 2
    refused = salesperson.post("/sales/orders/invoice", {"ids": str(order_id)})
    assert refused.status_code == 400 and "nothing left to invoice" in refused.get_data(as_text=True)


def test_order_lines_show_what_is_left_and_take_the_delivered_quantity(app, invoicing_db, people, order_id):
    salesperson = UIClient(app, people["salesperson"][1], PASSWORD)
    listing = salesperson.page("/web/sales.order_line", action="sales.order_lines")
    assert {(row["Description"], row["To invoice"]) for row in listing.rows()} >= {("Pump", "4.0000")}
    with invoicing_db.transaction() as env:
        line_id = env["sales.order"].get(order_id).lines[0].id
    form = salesperson.page(f"/web/sales.order_line/{line_id}", action="sales.order_lines")
    assert 'name="qty_delivered"' in form.html and 'name="quantity"' not in form.html
    assert salesperson.post(f"/web/sales.order_line/{line_id}", {"qty_delivered": "3"}).status_code == 303
    with invoicing_db.transaction() as env:
        assert env["sales.order_line"].get(line_id).qty_delivered == 3


def test_a_down_payment_that_is_not_a_number_is_refused_with_400(app, invoicing_db, people, order_id):
    salesperson = ApiClient(app, people["salesperson"][1])
    for body in ({"percentage": "ten"}, {"amount": "NaN"}, {"percentage": [1]}):
        response = salesperson.post(f"/api/v1/sales.order/{order_id}/call/action_down_payment", body)
        assert response.status_code == 400, (body, response.status_code)
    with invoicing_db.transaction() as env:
        assert not env["sales.order"].get(order_id).invoices
