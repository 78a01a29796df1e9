"""Create, read, search, update and delete through ``/api/v1/``, with lines in the same call."""

from decimal import Decimal

import pytest
from api_client import ApiClient
from api_client import make_user
from api_client import order_body
from werkzeug.test import Client

ORDERS = "/api/v1/orm_orders.order"
PARTNERS = "/api/v1/base.partner"


@pytest.fixture(scope="module")
def tagged_partners(api_db):
    with api_db.transaction() as env:
        return [
            env["base.partner"].create({"name": f"Crud {i:02}", "city": "Crudville"}).id for i in range(5)
        ]


def create_order(client, partner_id, **values):
    response = client.post(ORDERS, order_body(partner_id, **values))
    assert response.status_code == 201, response.json
    return response.json


# -- create ---------------------------------------------------------------------------------


def test_creating_an_order_with_its_lines_answers_201_with_the_record(admin, partner_id, api_db):
    response = admin.post(ORDERS, order_body(partner_id, date="2026-03-01", tags=[]))
    assert response.status_code == 201, response.json
    order = response.json
    assert response.headers["Location"] == f"{ORDERS}/{order['id']}"
    assert order["name"] == "SO-API"
    assert order["partner"] == {"id": partner_id, "display_name": "Acme API"}
    assert order["date"] == "2026-03-01"
    assert order["state"] == "draft"
    assert Decimal(order["total"]) == Decimal("402")
    assert len(order["lines"]) == 2
    with api_db.transaction() as env:
        lines = env["orm_orders.order"].get(order["id"]).lines
        assert [(line.name, line.subtotal) for line in lines] == [
            ("Desk", Decimal("300")),
            ("Chair", Decimal("102")),
        ]


def test_a_refused_line_creates_nothing(admin, partner_id, api_db):
    body = order_body(partner_id, name="SO-NEG")
    body["lines"][1]["quantity"] = "-1"
    response = admin.post(ORDERS, body)
    assert response.status_code == 409  # the database's CHECK constraint refuses it
    assert response.json["message"] == "A quantity cannot be negative."
    with api_db.transaction() as env:
        assert env["orm_orders.order"].search_count([("name", "=", "SO-NEG")]) == 0
        assert (
            env["orm_orders.order_line"].search_count([("name", "=", "Chair"), ("order.name", "=", "SO-NEG")])
            == 0
        )


# -- read -------------------------------------------------------------------------------------


def test_reading_one_record_with_chosen_fields(admin, partner_id):
    order = create_order(admin, partner_id, name="SO-READ")
    response = admin.get(f"{ORDERS}/{order['id']}", fields="name,state,lines")
    assert response.status_code == 200
    assert response.json == {"id": order["id"], "name": "SO-READ", "state": "draft", "lines": order["lines"]}


def test_an_archived_record_is_still_read_by_id(admin, partner_id):
    order = create_order(admin, partner_id, name="SO-ARCHIVED", active=False)
    assert admin.get(f"{ORDERS}/{order['id']}").json["active"] is False


def test_a_missing_record_is_404(admin):
    response = admin.get(f"{ORDERS}/999999")
    assert response.status_code == 404
    assert response.json["error"] == "MissingError"
    assert admin.get(f"{ORDERS}/99999999999999999999").status_code == 404
    assert admin.patch(f"{ORDERS}/999999", {"note": "x"}).status_code == 404
    assert admin.delete(f"{ORDERS}/999999").status_code == 404


def test_a_record_hidden_by_the_rules_is_404_as_if_missing(app, api_db):
    with api_db.transaction() as env:
        group = env["base.group"].create({"name": "API hidden partners"})
        env["base.rule"].create(
            {
                "name": "No hidden partners",
                "model": "base.partner",
                "groups": [group.id],
                "domain": [["city", "!=", "Hidden"]],
            }
        )
        hidden = env["base.partner"].create({"name": "Secret", "city": "Hidden"}).id
        shown = env["base.partner"].create({"name": "Open", "city": "Open"}).id
        group_id = group.id
    user = ApiClient(app, make_user(api_db, ("base.group_user",))[1])
    with api_db.transaction() as env:
        env["base.user"].search([("login", "=", user.login)])[0].write(
            {"groups": [env.ref("base.group_user").id, group_id]}
        )
    assert user.get(f"{PARTNERS}/{shown}").status_code == 200
    assert user.get(f"{PARTNERS}/{hidden}").status_code == 404
    assert user.patch(f"{PARTNERS}/{hidden}", {"name": "Found"}).status_code == 404
    names = [
        p["name"] for p in user.get(PARTNERS, domain='[["city", "in", ["Hidden", "Open"]]]').json["records"]
    ]
    assert names == ["Open"]


# -- search -----------------------------------------------------------------------------------


def test_searching_with_domain_fields_order_limit_offset_and_count(admin, tagged_partners):
    domain = '[["city", "=", "Crudville"]]'
    response = admin.get(
        PARTNERS, domain=domain, fields="name", order="name desc", limit="2", offset="1", count="true"
    )
    assert response.status_code == 200
    assert response.json == {
        "records": [
            {"id": tagged_partners[3], "name": "Crud 03"},
            {"id": tagged_partners[2], "name": "Crud 02"},
        ],
        "count": 5,
    }
    assert "count" not in admin.get(PARTNERS, domain=domain).json


def test_the_default_limit_is_80_and_more_than_1000_is_refused(admin, api_db):
    with api_db.transaction() as env:
        env["base.partner"].create([{"name": f"Many {i:03}", "city": "Manyville"} for i in range(85)])
    records = admin.get(PARTNERS, domain='[["city", "=", "Manyville"]]').json["records"]
    assert len(records) == 80
    response = admin.get(PARTNERS, limit="1001")
    assert response.status_code == 400
    assert "limit" in response.json["fields"]
    assert len(admin.get(PARTNERS, domain='[["city", "=", "Manyville"]]', limit="1000").json["records"]) == 85


# -- update -----------------------------------------------------------------------------------


def test_patch_changes_only_the_fields_sent(admin, partner_id):
    order = create_order(admin, partner_id, name="SO-PATCH", note="keep")
    response = admin.patch(f"{ORDERS}/{order['id']}", {"priority": 3, "discount": "12.5"})
    assert response.status_code == 200, response.json
    assert response.json["priority"] == 3
    assert response.json["discount"] == "12.50"
    assert response.json["note"] == "keep"
    assert response.json["name"] == "SO-PATCH"


def test_patch_updates_keeps_adds_and_removes_lines(admin, partner_id):
    order = create_order(admin, partner_id, name="SO-LINES")
    desk, _chair = order["lines"]
    response = admin.patch(
        f"{ORDERS}/{order['id']}",
        {"lines": [{"id": desk, "quantity": 1}, {"name": "Lamp", "price": "10"}]},
    )
    assert response.status_code == 200, response.json
    lines = response.json["lines"]
    assert len(lines) == 2 and lines[0] == desk
    assert Decimal(response.json["total"]) == Decimal("160")


# -- delete -----------------------------------------------------------------------------------


def test_delete_answers_204_and_the_record_is_gone(admin, partner_id):
    order = create_order(admin, partner_id, name="SO-DELETE")
    response = admin.delete(f"{ORDERS}/{order['id']}")
    assert response.status_code == 204
    assert response.get_data() == b""
    assert admin.get(f"{ORDERS}/{order['id']}").status_code == 404


# -- status codes -----------------------------------------------------------------------------


def test_without_credentials_the_api_answers_401_json(app):
    anonymous = Client(app)
    for method in ("GET", "POST"):
        response = anonymous.open(PARTNERS, method=method, headers={"Accept": "text/html"})
        assert response.status_code == 401, method
        assert response.json["error"] == "LoginRequired"


def test_a_session_without_the_csrf_token_cannot_change_anything(admin, partner_id):
    assert admin.post(PARTNERS, {"name": "Forged"}, csrf=False).status_code == 403
    assert admin.patch(f"{PARTNERS}/{partner_id}", {"name": "Forged"}, csrf=False).status_code == 403
    assert admin.delete(f"{PARTNERS}/{partner_id}", csrf=False).status_code == 403


def test_a_user_without_rights_on_the_model_gets_403(app, api_db, partner_id):
    user = ApiClient(app, make_user(api_db, ("base.group_user",))[1])
    assert user.get(ORDERS).status_code == 403
    response = user.post(ORDERS, order_body(partner_id))
    assert response.status_code == 403
    assert response.json["error"] == "AccessError"


def test_an_unknown_model_is_404(admin):
    for path in ("/api/v1/no.such_model", "/api/v1/nothing", "/api/v1/no.such_model/1"):
        response = admin.get(path)
        assert response.status_code == 404, path
        assert response.json["error"] in ("MissingError", "NotFound")


def test_a_wrong_method_is_405(admin, partner_id):
    assert admin.open("PUT", f"{PARTNERS}/{partner_id}", {"name": "x"}).status_code == 405
    assert admin.delete(PARTNERS).status_code == 405
    assert admin.get(f"{PARTNERS}/read_group").status_code == 405


def test_a_duplicate_unique_value_is_409(admin):
    assert admin.post("/api/v1/orm_orders.tag", {"name": "urgent-api"}).status_code == 201
    response = admin.post("/api/v1/orm_orders.tag", {"name": "urgent-api"})
    assert response.status_code == 409
    assert response.json["message"] == "Another tag has this name."


# -- optimistic concurrency ---------------------------------------------------------------------


def test_patch_with_the_updated_at_read_succeeds_and_with_a_stale_one_is_409(admin, partner_id, api_db):
    order = create_order(admin, partner_id, name="SO-STALE")
    read = admin.get(f"{ORDERS}/{order['id']}").json
    first = admin.patch(f"{ORDERS}/{order['id']}", {"note": "first", "updated_at": read["updated_at"]})
    assert first.status_code == 200, first.json
    assert first.json["updated_at"] != read["updated_at"]
    second = admin.patch(f"{ORDERS}/{order['id']}", {"note": "second", "updated_at": read["updated_at"]})
    assert second.status_code == 409
    assert "changed" in second.json["message"]
    assert admin.get(f"{ORDERS}/{order['id']}").json["note"] == "first"
    stale_delete = admin.delete(f"{ORDERS}/{order['id']}", query={"updated_at": read["updated_at"]})
    assert stale_delete.status_code == 409
    fresh = admin.delete(f"{ORDERS}/{order['id']}", query={"updated_at": first.json["updated_at"]})
    assert fresh.status_code == 204


def test_a_malformed_updated_at_is_400(admin, partner_id):
    order = create_order(admin, partner_id, name="SO-BADSTAMP")
    for stamp in ("yesterday", 12, "2026-01-01T10:00:00"):
        response = admin.patch(f"{ORDERS}/{order['id']}", {"note": "x", "updated_at": stamp})
        assert response.status_code == 400, stamp
        assert "updated_at" in response.json["fields"]
