"""``POST /api/v1/<model>/<id>/call/<method>``: only methods marked ``@api_method`` can be called."""

import pytest
from api_client import ApiClient
from api_client import make_user
from api_client import order_body

from core.api.routes import is_api_method

ORDERS = "/api/v1/orm_orders.order"


@pytest.fixture
def order(admin, partner_id):
    response = admin.post(ORDERS, order_body(partner_id, name="SO-CALL"))
    assert response.status_code == 201
    return response.json


def test_a_marked_method_runs_with_the_body_as_keyword_arguments(admin, order, api_db):
    response = admin.post(f"{ORDERS}/{order['id']}/call/confirm", {"date": "2026-04-01"})
    assert response.status_code == 200, response.json
    assert response.json == {"result": order["id"]}  # a record comes back as its id
    with api_db.transaction() as env:
        confirmed = env["orm_orders.order"].get(order["id"])
        assert (confirmed.state, confirmed.date.isoformat()) == ("confirmed", "2026-04-01")


def test_a_method_that_refuses_answers_400_and_changes_nothing(admin, order, api_db):
    response = admin.post(f"{ORDERS}/{order['id']}/call/confirm")  # no date: the constraint refuses
    assert response.status_code == 400
    assert "date" in response.json["fields"]
    with api_db.transaction() as env:
        assert env["orm_orders.order"].get(order["id"]).state == "draft"


@pytest.mark.parametrize(
    "method",
    ["write", "unlink", "copy", "read", "_compute_total", "_assign", "__init__", "__class__", "name", "nope"],
)
def test_unmarked_private_and_unknown_methods_are_404(admin, order, method):
    response = admin.post(f"{ORDERS}/{order['id']}/call/{method}", {})
    assert response.status_code == 404, method
    assert response.json["error"] == "MissingError"


def test_wrong_arguments_are_400(admin, order):
    response = admin.post(f"{ORDERS}/{order['id']}/call/confirm", {"when": "today"})
    assert response.status_code == 400
    response = admin.post(f"{ORDERS}/{order['id']}/call/confirm", raw="[1]")
    assert response.status_code == 400


def test_calling_on_a_missing_record_is_404(admin):
    assert admin.post(f"{ORDERS}/999999/call/confirm", {}).status_code == 404


def test_a_call_needs_post_and_the_csrf_token(admin, order):
    assert admin.get(f"{ORDERS}/{order['id']}/call/confirm").status_code == 405
    assert admin.post(f"{ORDERS}/{order['id']}/call/confirm", {}, csrf=False).status_code == 403


def test_the_method_runs_with_the_callers_rights(app, api_db, order):
    reader = ApiClient(app, make_user(api_db)[1])
    response = reader.post(f"{ORDERS}/{order['id']}/call/confirm", {"date": "2026-04-01"})
    assert response.status_code == 403


def test_an_override_without_the_mark_stays_callable(api_db):
    model = api_db.registry["orm_orders.order"]

    class Override(model):
        def confirm(self, date=None):
            return super().confirm(date)

    assert is_api_method(Override, "confirm")
    assert not is_api_method(Override, "write")
