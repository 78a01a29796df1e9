"""Purchase orders: numbering, lines priced from vendor prices, amounts, the workflow and its refusals."""

import datetime as dt
from decimal import Decimal

import pytest

from core.errors import ValidationError

pytestmark = pytest.mark.addons("purchase")


def test_orders_are_numbered_by_year_of_the_order_date(make_order):
    first = make_order(date_order="2026-03-01")
    second = make_order(date_order="2026-12-31")
    other_year = make_order(date_order="2027-01-02")
    assert first.name.startswith("PO/2026/") and other_year.name == "PO/2027/00001"
    assert int(second.name[-5:]) == int(first.name[-5:]) + 1


def test_a_new_order_takes_the_company_currency_and_its_first_warehouse(make_order, eur, warehouse):
    order = make_order()
    assert (order.state, order.currency, order.warehouse) == ("draft", eur, warehouse)


def test_a_line_takes_the_vendor_price_its_description_and_planned_arrival(make_order, make_price, bolt):
    make_price(bolt, "0.42", delay=5)
    order = make_order([{"product": bolt.id, "quantity": "1000"}], date_order="2026-05-04")
    [line] = order.lines
    assert (line.description, line.price_unit, line.date_planned) == (
        "[BLT-8] Bolt M8", Decimal("0.42"), dt.date(2026, 5, 9),
    )  # fmt: skip
    assert (line.subtotal, order.amount_untaxed, order.date_planned) == (
        Decimal("420.00"), Decimal("420.00"), dt.date(2026, 5, 9),
    )  # fmt: skip


def test_without_a_price_of_this_vendor_the_line_costs_the_product_s_cost(
    make_order, make_price, bolt, other_vendor
):
    make_price(bolt, "0.42", partner=other_vendor.id)
    [line] = make_order([{"product": bolt.id, "quantity": "10"}], date_order="2026-05-04").lines
    assert (line.price_unit, line.date_planned) == (Decimal("0.50"), dt.date(2026, 5, 4))


def test_a_price_in_another_currency_is_converted_at_the_order_date(env, make_order, make_price, bolt):
    try_ = env.ref("base.currency_try")
    env["base.currency_rate"].create([
        {"currency": env.ref("base.currency_eur").id, "date": "2026-01-01", "rate": "1"},
        {"currency": try_.id, "date": "2026-01-01", "rate": "40"},
    ])  # fmt: skip
    make_price(bolt, "20", currency=try_.id)
    [line] = make_order([{"product": bolt.id, "quantity": "3"}], date_order="2026-05-04").lines
    assert (line.price_unit, line.subtotal) == (Decimal("0.5"), Decimal("1.50"))


def test_the_subtotal_is_the_discounted_price_times_quantity_rounded_by_the_currency(make_order):
    order = make_order(
        [
            {"description": "Castings", "quantity": "3", "price_unit": "19.99", "discount": "15"},
            {"description": "Freight", "quantity": "1", "price_unit": "0.005"},
        ]
    )
    # 19.99 × 0.85 × 3 = 50.9745 → 50.97; 0.005 → 0.01
    assert [line.subtotal for line in order.lines] == [Decimal("50.97"), Decimal("0.01")]
    assert order.amount_untaxed == Decimal("50.98")


def test_lines_added_later_are_priced_too(env, make_order, make_price, bolt, nut):
    make_price(nut, "0.15")
    order = make_order([{"product": bolt.id, "quantity": "10", "price_unit": "0.40"}])
    order.write({"lines": [{"id": order.lines[0].id}, {"product": nut.id, "quantity": "100"}]})
    env["purchase.order_line"].create({"order": order.id, "product": nut.id, "quantity": "10"})
    env.flush()
    assert [line.price_unit for line in order.lines] == [Decimal("0.40"), Decimal("0.15"), Decimal("0.15")]
    assert order.amount_untaxed == Decimal("20.50")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"quantity": "0"}, "quantity"),
        ({"quantity": "-2"}, "quantity"),
        ({"price_unit": "-1"}, "price_unit"),
        ({"discount": "120"}, "discount"),
        ({"description": None}, "description"),
    ],
)
def test_bad_line_values_are_refused_on_their_field(make_order, values, field):
    with pytest.raises(ValidationError) as refused:
        make_order([{"description": "Castings", "price_unit": "10", **values}])
    assert field in refused.value.fields


def test_the_workflow_from_request_to_locked(make_order, audit):
    order = make_order([{"product": audit.id, "price_unit": "300"}])
    assert order.action_send().state == "sent"
    assert order.action_confirm().state == "purchase"
    assert order.action_done().state == "done"
    changes = [c for entry in order.history() for c in entry["changes"] if c["field"] == "state"]
    assert len(changes) == 3


def test_a_cancelled_order_can_become_a_request_again(make_order, audit):
    order = make_order([{"product": audit.id, "price_unit": "300"}])
    order.action_confirm()
    assert order.action_cancel().state == "cancelled"
    assert order.action_draft().state == "draft"


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        (["action_confirm", "action_done"], "action_confirm"),
        (["action_confirm", "action_done"], "action_cancel"),
        ([], "action_done"),
        ([], "action_draft"),
        (["action_send"], "action_send"),
        (["action_cancel"], "action_confirm"),
    ],
)
def test_transitions_the_workflow_does_not_declare_are_refused(make_order, audit, path, refused):
    order = make_order([{"product": audit.id, "price_unit": "300"}])
    for step in path:
        getattr(order, step)()
    state = order.state
    with pytest.raises(ValidationError, match="cannot become") as error:
        getattr(order, refused)()
    assert error.value.fields == {"state": "Not allowed from this state."}
    assert order.state == state


def test_an_order_without_lines_cannot_be_confirmed(make_order):
    with pytest.raises(ValidationError, match="no lines") as error:
        make_order().action_confirm()
    assert "lines" in error.value.fields


def test_a_confirmed_order_keeps_its_vendor_and_lines(env, make_order, other_vendor, bolt):
    order = make_order([{"product": bolt.id, "quantity": "10", "price_unit": "0.40"}])
    order.action_confirm()
    line = order.lines[0]
    with pytest.raises(ValidationError) as error:
        order.write({"partner": other_vendor.id})
    assert set(error.value.fields) == {"partner"}
    with pytest.raises(ValidationError) as error:
        line.write({"quantity": "12"})
    assert set(error.value.fields) == {"quantity"}
    with pytest.raises(ValidationError):
        order.write({"lines": [{"id": line.id}, {"description": "Extra", "price_unit": "1"}]})
    with pytest.raises(ValidationError):
        line.unlink()
    line.write({"date_planned": "2026-06-01"})
    order.write({"partner_ref": "V-123"})
    env.flush()
    assert (order.partner_ref, order.date_planned) == ("V-123", dt.date(2026, 6, 1))


def test_the_warehouse_must_belong_to_the_order_s_company(env, make_order):
    other = env["base.company"].create({"name": "Other Co", "currency": env.ref("base.currency_try").id})
    elsewhere = env["stock.warehouse"].create({"name": "Elsewhere", "code": "EW", "company": other.id})
    with pytest.raises(ValidationError) as error:
        make_order(warehouse=elsewhere.id)
    assert "warehouse" in error.value.fields
