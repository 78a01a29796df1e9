"""The quotation form with stock: each line shows what is available and when it can be delivered."""

import datetime as dt
import re

import pytest
from form_client import FormClient

from core.i18n import translator
from core.testing import cheap_hashing
from core.testing import make_user
from core.testing.queries import count_queries
from core.web import create_app

PASSWORD = "stock-form-tests-password"


@pytest.fixture(scope="module", autouse=True)
def fast_hashing():
    with cheap_hashing():
        yield


@pytest.fixture(scope="module")
def stock_sales_db(tessera_databases):
    with tessera_databases.installed("stock_sales_form", ["base", "stock", "sales"]) as db:
        yield db


@pytest.fixture(scope="module")
def seller(stock_sales_db):
    with stock_sales_db.transaction() as env:
        make_user(env, "stock_form_seller", ["sales.group_user"], password=PASSWORD)
    return FormClient(create_app(stock_sales_db, secret_key="k" * 40), "stock_form_seller", PASSWORD)


@pytest.fixture
def make_quotation(stock_sales_db):
    """``make_quotation(lines)``: a committed quotation of ``lines`` storable products, each with 5
    on hand and 10 more arriving in 7 days (a receipt each), 2 of each ordered (6 for the first);
    returns its id, the arrival day and today."""

    def make(lines, sale_delay=0):
        with stock_sales_db.transaction() as env:
            products = env["product.product"].create(
                [
                    {"name": f"Shelf {i}", "type": "storable", "sale_delay": sale_delay, "sale_price": "10"}
                    for i in range(lines)
                ]
            )
            receipt = env["stock.picking"].create(
                {"kind": "incoming", "moves": [{"product": p.id, "quantity": "5"} for p in products]}
            )
            receipt.action_confirm().action_validate()
            arrival = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
            for product in products:
                env["stock.picking"].create(
                    {
                        "kind": "incoming",
                        "scheduled_date": arrival,
                        "moves": [{"product": product.id, "quantity": "10"}],
                    }
                ).action_confirm()
            partner = env["base.partner"].create({"name": "Duna Gépgyár Kft."})
            order = env["sales.order"].create(
                {
                    "partner": partner.id,
                    "user": env["base.user"].search([("login", "=", "stock_form_seller")])[0].id,
                    "lines": [
                        {"product": p.id, "quantity": "6" if i == 0 else "2"} for i, p in enumerate(products)
                    ],
                }
            )
            return order.id, arrival.astimezone(env.tz).date(), env.today()

    return make


def cells(page, column):
    """The text of ``column``'s read-only cell in each line, in order."""
    headers = re.findall(r'<th scope="col" class="col-\w+">([^<]*)', page.text)
    rows = re.findall(r"<tr data-line>(.*?)</tr>", page.text.split("<template data-new-line>")[0], re.S)
    index = headers.index(column)
    return [re.findall(r"<td class=[^>]*>(.*?)</td>", row, re.S)[index] for row in rows]


def text(cell):
    return re.sub(r"<[^>]+>", "", cell).strip()


def test_each_quotation_line_shows_the_available_quantity_and_the_expected_day(
    seller, make_quotation, stock_sales_db
):
    order_id, arrival, today = make_quotation(2, sale_delay=1)
    page = seller.get(f"/web/sales.order/{order_id}")
    fmt = translator(stock_sales_db.registry, "en")

    headers = re.findall(r'<th scope="col" class="col-\w+">([^<]*)', page.text)
    assert headers[headers.index("Quantity") + 1 : headers.index("Quantity") + 3] == ["Available", "Expected"]
    assert [text(cell) for cell in cells(page, "Available")] == ["5.0000", "5.0000"]
    # 6 are covered once the receipt comes; 2 today; one day of lead time on top of both.
    assert [text(cell) for cell in cells(page, "Expected")] == [
        fmt.date(arrival + dt.timedelta(days=1)),
        fmt.date(today + dt.timedelta(days=1)),
    ]
    assert not {key for key in page.form() if key.endswith((".qty_free", ".expected_date"))}


def queries_to_open(client, engine, make_quotation, lines):
    order_id, *_ = make_quotation(lines)
    with count_queries(engine) as counter:
        page = client.get(f"/web/sales.order/{order_id}")
    assert page.status == 200 and len(cells(page, "Available")) == lines
    return counter.count


def test_the_form_costs_as_many_queries_with_30_lines_as_with_3(seller, make_quotation, stock_sales_db):
    seller.get("/")  # warm up what is loaded once per process
    many, few = (queries_to_open(seller, stock_sales_db.engine, make_quotation, n) for n in (30, 3))
    assert many == few, (many, few)
