"""The sales order form: Print opens the printable order (a link of the header), and the lines of a
confirmed order are read-only (a field's ``readonly_states``), as the model refuses to change them."""

import json
import re

import pytest
from form_client import FormClient

from core.i18n import translator
from core.testing import as_user
from core.testing import make_user
from core.views import FormView
from core.views import Link
from core.web import create_app
from core.web.pages.form_layout import form_layout

PASSWORD = "sales-form-tests-password"


@pytest.fixture(scope="module")
def sales_db(tessera_databases):
    with tessera_databases.installed("sales_form", ["base", "sales"]) as db:
        yield db


@pytest.fixture(scope="module")
def sales_app(sales_db):
    return create_app(sales_db, secret_key="s" * 40)


@pytest.fixture(scope="module")
def sellers(sales_db):
    """Two salespeople, ``selin`` and her colleague ``omer``: login → user id."""
    with sales_db.transaction() as env:
        return {
            login: make_user(env, f"sales_form_{login}", ["sales.group_user"], password=PASSWORD).id
            for login in ("selin", "omer")
        }


@pytest.fixture
def selin(sales_app, sellers):
    return FormClient(sales_app, "sales_form_selin", PASSWORD)


@pytest.fixture
def make_order(sales_db, sellers):
    """``make_order(state, user="selin")``: a committed order of one line (2 × 100), moved to ``state``."""

    def make(state="draft", user="selin"):
        with sales_db.transaction() as env:
            partner = env["base.partner"].create({"name": "Anadolu Makine A.Ş."})
            line = {"description": "Drill", "quantity": "2", "price_unit": "100"}
            order = env["sales.order"].create({"partner": partner.id, "user": sellers[user], "lines": [line]})
            if state == "confirmed":
                order.action_confirm()
            return order.id, order.name

    return make


@pytest.fixture
def read_lines(sales_db):
    """``read_lines(order_id)``: the order's state and its lines as (description, quantity)."""

    def read(order_id):
        with sales_db.transaction() as env:
            order = env["sales.order"].get(order_id)
            return order.state, [(line.description, str(line.quantity.normalize())) for line in order.lines]

    return read


def print_link(page):
    found = re.search(r'<a class="button secondary" href="([^"]+)"([^>]*)>Print</a>', page.text)
    return (found.group(1), found.group(2).strip()) if found else None


def test_print_opens_the_printable_order_in_a_new_tab(selin, make_order):
    order_id, name = make_order()

    link = print_link(selin.get(f"/web/sales.order/{order_id}"))

    assert link == (f"/sales/order/{order_id}/print", 'target="_blank" rel="noopener"')
    printed = selin.get(link[0])
    assert printed.status == 200 and name in printed.text


def test_print_is_offered_on_a_colleague_s_order_the_salesperson_cannot_change(selin, make_order):
    order_id, _ = make_order(user="omer")
    page = selin.get(f"/web/sales.order/{order_id}")
    assert "/call/" not in page.text
    assert print_link(page) == (f"/sales/order/{order_id}/print", 'target="_blank" rel="noopener"')


def test_a_salesperson_duplicates_a_colleague_s_order_as_a_quotation_of_their_own(
    selin, make_order, sales_db, sellers
):
    order_id, _ = make_order("confirmed", user="omer")
    assert "/duplicate" in selin.get(f"/web/sales.order/{order_id}").text

    response = selin.post(f"/web/sales.order/{order_id}/duplicate")

    assert response.status == 303
    copy_id = int(response.response.headers["Location"].rsplit("/", 1)[1])
    with sales_db.transaction() as env:
        copy = env["sales.order"].get(copy_id)
        lines = [(line.description, line.quantity, line.price_unit) for line in copy.lines]
        assert (copy.user.id, copy.state, lines) == (sellers["selin"], "draft", [("Drill", 2, 100)])


def test_a_quotation_s_lines_are_editable_and_a_confirmed_order_s_are_read_only(selin, make_order):
    draft_id, _ = make_order()
    confirmed_id, _ = make_order("confirmed")

    draft = selin.get(f"/web/sales.order/{draft_id}")
    confirmed = selin.get(f"/web/sales.order/{confirmed_id}")

    assert {"lines.0.quantity", "lines.0.price_unit", "currency"} <= set(draft.form())
    assert "data-add-line" in draft.text
    assert not {key for key in confirmed.form() if key.startswith("lines") or key == "currency"}
    assert "data-add-line" not in confirmed.text
    assert '<table class="line-table readonly"' in confirmed.text


def test_confirming_from_the_form_saves_the_lines_then_locks_them(selin, make_order, read_lines):
    order_id, _ = make_order()
    form = selin.get(f"/web/sales.order/{order_id}").form()
    form["lines.0.quantity"] = "3"

    assert selin.post(f"/web/sales.order/{order_id}/call/action_confirm", form).status == 303

    assert read_lines(order_id) == ("confirmed", [("Drill", "3")])
    assert "lines.0.quantity" not in selin.get(f"/web/sales.order/{order_id}").form()


def test_lines_posted_to_a_confirmed_order_change_nothing(selin, make_order, read_lines):
    order_id, _ = make_order()
    stale = selin.get(f"/web/sales.order/{order_id}").form()
    selin.post(f"/web/sales.order/{order_id}/call/action_confirm", stale)
    del stale["updated_at"]
    stale["lines.0.quantity"] = "7"
    stale["lines.1.id"] = ""
    stale["lines.1.description"] = "Added by hand"

    assert selin.post(f"/web/sales.order/{order_id}", stale).status == 303
    assert read_lines(order_id) == ("confirmed", [("Drill", "2")])


def test_the_api_refuses_to_change_a_confirmed_order_s_lines(selin, make_order, read_lines, sales_db):
    order_id, name = make_order("confirmed")
    with sales_db.transaction() as env:
        line_id = env["sales.order"].get(order_id).lines[0].id

    response = selin.client.patch(
        f"/api/v1/sales.order_line/{line_id}",
        data=json.dumps({"quantity": "5"}),
        content_type="application/json",
        headers={"Accept": "application/json", "X-CSRF-Token": selin.token},
    )

    assert response.status_code == 400
    assert response.json["message"] == f"{name} is “Sales order”: its lines and amounts can no longer change."
    assert response.json["fields"] == {"quantity": "Locked in this state."}
    assert read_lines(order_id) == ("confirmed", [("Drill", "2")])


@pytest.mark.addons("sales")
def test_a_link_shows_in_its_states_to_its_groups_even_to_readers(env):
    view = FormView(
        "sales.order",
        fields=["name"],
        status="state",
        buttons=[
            Link(
                "print",
                "Print",
                "/sales/order/{id}/print",
                states=["confirmed"],
                groups=["sales.group_manager"],
            )
        ],
    )
    seller = make_user(env, "link_seller", ["sales.group_user"])
    manager = make_user(env, "link_manager", ["sales.group_manager"])
    fmt = translator(env.registry, "en")

    def shown(user, state, editing):
        with as_user(env, user) as user_env:
            form = form_layout(user_env, view, fmt, editing=editing, status=state)
            return [button.name for button in form.buttons(user_env, state)]

    assert shown(manager, "confirmed", editing=False) == ["print"]
    assert shown(manager, "draft", editing=True) == []
    assert shown(seller, "confirmed", editing=True) == []
