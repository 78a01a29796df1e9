"""Credit limits: salespeople see the customer's credit when quoting; over the limit, a manager approves."""

import decimal

import pytest

from core.errors import AccessError
from core.errors import ValidationError
from core.testing import as_user

pytestmark = pytest.mark.addons("sales", "accounting")
D = decimal.Decimal


@pytest.fixture
def exposed(env, customer, make_order, drill, kdv, salesperson):
    """The customer (limit 1,000.00) owes 600.00 on a posted invoice and has a confirmed order of
    240.00 not invoiced yet: 840.00 of the limit is used."""
    customer.write({"credit_limit": "1000.00"})
    env["accounting.invoice"].create(
        {
            "partner": customer.id,
            "lines": [{"description": "Repair", "price_unit": "500.00", "taxes": [kdv.id]}],
        }
    ).action_post()
    make_order(
        [{"product": drill.id, "quantity": "2", "price_unit": "100.00", "taxes": [kdv.id]}]
    ).action_confirm()
    return customer


def quotation(make_order, kdv, salesperson, price):
    """A quotation of the salesperson's: one line at ``price`` with 20 % KDV."""
    return make_order(
        [{"description": "Spare parts", "price_unit": price, "taxes": [kdv.id]}], user=salesperson.id
    )


def test_the_salesperson_sees_the_customer_s_credit_on_the_quotation(
    env, exposed, make_order, kdv, salesperson
):
    order = quotation(make_order, kdv, salesperson, "100.00")
    with as_user(env, salesperson) as user_env:
        values = (
            user_env["sales.order"]
            .get(order.id)
            .read(["customer_receivable", "customer_overdue", "customer_credit_limit", "credit_exposure"])
        )
        # 600.00 owed + 240.00 open + 120.00 quoted
        assert values == {
            "id": order.id,
            "customer_receivable": "600.00",
            "customer_overdue": "0.00",
            "customer_credit_limit": "1000.00",
            "credit_exposure": "960.00",
        }
        with pytest.raises(AccessError):
            user_env["base.partner"].get(exposed.id).read(["credit_limit"])


def test_an_order_reaching_the_limit_exactly_is_confirmed(env, exposed, make_order, kdv, salesperson):
    order = quotation(make_order, kdv, salesperson, "133.33")  # 133.33 + 26.67 = 160.00: 1,000.00 in all
    with as_user(env, salesperson) as user_env:
        mine = user_env["sales.order"].get(order.id).action_confirm()
        assert (mine.state, mine.credit_hold) == ("confirmed", False)
        user_env.session.commit()


def test_an_order_over_the_limit_waits_for_a_manager_s_approval(
    env, exposed, make_order, kdv, salesperson, manager
):
    order = quotation(make_order, kdv, salesperson, "133.34")  # 160.01: 1,000.01 in all
    with as_user(env, salesperson) as user_env:
        mine = user_env["sales.order"].get(order.id).action_confirm()
        assert (mine.state, mine.credit_hold) == ("draft", True)
        [note, *_] = mine.history()
        assert "waits for credit approval" in note["body"] and "1000.01" in note["body"]
        with pytest.raises(AccessError):
            mine.write({"credit_hold": False})
        with pytest.raises(AccessError):
            mine.action_approve_credit()
        user_env.session.rollback()
    with as_user(env, salesperson) as user_env:
        user_env["sales.order"].get(order.id).action_confirm()
        user_env.session.commit()
    with as_user(env, manager) as manager_env:
        approved = manager_env["sales.order"].get(order.id).action_approve_credit()
        assert (approved.state, approved.credit_hold, approved.credit_approved_by.id) == (
            "confirmed",
            False,
            manager.id,
        )
        manager_env.session.commit()


def test_no_limit_means_no_check_and_approving_needs_a_waiting_order(
    env, customer, make_order, kdv, salesperson
):
    order = quotation(make_order, kdv, salesperson, "1000000.00")
    with as_user(env, salesperson) as user_env:
        assert user_env["sales.order"].get(order.id).action_confirm().state == "confirmed"
        user_env.session.commit()
    other = quotation(make_order, kdv, salesperson, "1.00")
    with pytest.raises(ValidationError, match="not waiting for credit approval"):
        other.action_approve_credit()


def test_an_order_for_a_contact_uses_their_company_s_credit(env, exposed, make_order, kdv, salesperson):
    buyer = env["base.partner"].create({"name": "Ayşe Demir", "parent": exposed.id})
    order = make_order(
        [{"description": "Spare parts", "price_unit": "200.00", "taxes": [kdv.id]}],
        partner=buyer.id,
        user=salesperson.id,
    )
    with as_user(env, salesperson) as user_env:
        mine = user_env["sales.order"].get(order.id)
        # 600.00 + 240.00 + 240.00 = 1,080.00 of the company's 1,000.00
        assert mine.credit_exposure == D("1080.00")
        assert mine.action_confirm().credit_hold is True
        user_env.session.commit()


def test_an_order_on_hold_confirmed_once_under_the_limit_waits_no_more(
    env, exposed, make_order, kdv, salesperson
):
    """The limit is raised after the order went on hold: the salesperson confirms it, and it no longer
    shows (nor filters) as waiting for credit approval."""
    order = quotation(make_order, kdv, salesperson, "133.34")
    with as_user(env, salesperson) as user_env:
        assert user_env["sales.order"].get(order.id).action_confirm().credit_hold is True
        user_env.session.commit()
    exposed.write({"credit_limit": "2000.00"})
    env.session.commit()
    with as_user(env, salesperson) as user_env:
        mine = user_env["sales.order"].get(order.id).action_confirm()
        assert (mine.state, mine.credit_hold, mine.credit_approved_by) == ("confirmed", False, None)
        user_env.session.commit()


def test_an_open_order_invoiced_in_draft_still_counts_until_the_invoice_is_posted(
    env, exposed, make_order, kdv, salesperson
):
    """The open order of 240.00 gets a draft invoice: the customer does not owe it yet, the order
    still does; posting moves it to what the customer owes."""
    [open_order] = env["sales.order"].search([("state", "=", "confirmed"), ("partner", "=", exposed.id)])
    invoice = open_order.action_create_invoice()
    env.flush()
    order = quotation(make_order, kdv, salesperson, "100.00")
    assert (order.customer_receivable, order.credit_exposure) == (D("600.00"), D("960.00"))
    invoice.action_post()
    env.flush()
    assert (order.customer_receivable, order.credit_exposure) == (D("840.00"), D("960.00"))
