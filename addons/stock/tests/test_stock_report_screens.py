"""The reports in the Inventory app: lists grouped with their sums, filters, exports, as each user may see."""

import csv
import io

import pytest
from ui_client import UIClient

from core.testing import cheap_hashing
from core.testing import make_user
from core.web import create_app

PASSWORD = "stock-report-screens-password"


@pytest.fixture(scope="module", autouse=True)
def fast_hashing():
    with cheap_hashing():
        yield


@pytest.fixture(scope="module")
def stock_db(tessera_databases):
    with tessera_databases.installed("stock_report_screens", ["base", "stock"]) as db:
        with db.transaction() as env:
            make_user(env, "report_keeper", ["stock.group_user"], password=PASSWORD)
            make_user(env, "report_manager", ["stock.group_manager"], password=PASSWORD)
            chair, desk = env["product.product"].create(
                [
                    {"name": "Chair", "type": "storable", "cost": "0"},
                    {"name": "Desk", "type": "storable", "cost": "0"},
                ]
            )
            izmir = env["stock.warehouse"].create({"name": "İzmir depo", "code": "IZM"})
            for warehouse, lines in (
                (env.ref("stock.warehouse_main"), [(chair, "6", "30"), (desk, "2", "150")]),
                (izmir, [(chair, "4", "30")]),
            ):
                env["stock.picking"].create(
                    {
                        "kind": "incoming",
                        "warehouse": warehouse.id,
                        "moves": [{"product": p.id, "quantity": q, "price_unit": c} for p, q, c in lines],
                    }
                ).action_confirm().action_validate()
        yield db


@pytest.fixture(scope="module")
def app(stock_db):
    return create_app(stock_db, secret_key="r" * 40)


def client(app, login):
    return UIClient(app, login, PASSWORD)


def test_the_manager_sees_the_value_by_location_with_its_sums(app):
    page = client(app, "report_manager").page("/web/stock.value", action="stock.value_report")
    # grouped by location by default: 6 × 30 + 2 × 150 = 480 in WH/Stock, 4 × 30 = 120 in İzmir
    groups = {label: sums for label, _count, sums in page.groups()}
    assert groups == {
        "IZM/Stock": ["On hand 4.0000", "Value €120.00"],
        "WH/Stock": ["On hand 8.0000", "Value €480.00"],
    }


def test_a_storekeeper_sees_quantities_without_costs(app):
    page = client(app, "report_keeper").page("/web/stock.value", action="stock.value_report", groupby="")
    rows = page.rows()
    assert sorted((row["Product"], row["Location"], row["On hand"]) for row in rows) == [
        ("Chair", "IZM/Stock", "4.0000"),
        ("Chair", "WH/Stock", "6.0000"),
        ("Desk", "WH/Stock", "2.0000"),
    ]
    assert not {"Value", "Unit cost"} & set(rows[0])
    assert "/web/stock.value/new" not in page.html  # a report: nothing to create
    row = client(app, "report_keeper").page(page.first("tr[data-href]").attrs["data-href"])
    assert "Chair" in row.html and 'name="quantity"' not in row.html  # shown, not editable


def test_the_value_is_exported_with_the_list_s_columns(app):
    response = client(app, "report_manager").get("/web/stock.value/export.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0][:4] == ["Product", "Location", "Lot / serial number", "On hand"]
    assert sorted((row[0], row[1], row[5]) for row in rows[1:]) == [
        ("Chair", "IZM/Stock", "120.00"),
        ("Chair", "WH/Stock", "180.00"),
        ("Desk", "WH/Stock", "300.00"),
    ]


def test_the_turnover_and_late_deliveries_open_from_the_menu(app):
    manager = client(app, "report_manager")
    turnover = manager.page("/web/stock.turnover", action="stock.turnover_report")
    assert {row["Period"] for row in turnover.rows()} == {"Last 12 months"}
    late = manager.page("/web/stock.late_delivery", action="stock.late_deliveries")
    assert late.rows() == []
    menu = manager.page("/")
    assert "Inventory" in menu.html
