"""Who reaches which orders, and who sees margins."""

from decimal import Decimal

import pytest

from core.errors import AccessError
from core.testing import as_user
from core.testing import make_user

pytestmark = pytest.mark.addons("sales")


@pytest.fixture
def order(env, make_order, drill, salesperson):
    return make_order([{"product": drill.id, "quantity": "2", "price_unit": "90"}], user=salesperson.id)


def test_the_margin_is_the_net_price_less_the_cost(order):
    # (90 − 60) × 2
    assert order.lines[0].margin == Decimal("60") and order.margin == Decimal("60")


def test_a_salesperson_does_not_see_margins(env, order, salesperson):
    with as_user(env, salesperson) as user_env:
        [row] = user_env["sales.order"].search_read([("id", "=", order.id)])
        assert "margin" not in row and row["amount_untaxed"] == "180.00"
        [line] = user_env["sales.order_line"].search_read([("order", "=", order.id)])
        assert "margin" not in line
        with pytest.raises(AccessError):
            user_env["sales.order"].get(order.id).read(["margin"])


def test_a_manager_sees_margins(env, order, manager):
    with as_user(env, manager) as manager_env:
        assert manager_env["sales.order"].get(order.id).read(["margin"])["margin"] == "60.00"


def test_a_salesperson_reads_colleagues_orders_but_changes_only_their_own(env, order, make_order):
    colleague = make_user(env, "gabor", groups=["sales.group_user"])
    with as_user(env, colleague) as user_env:
        theirs = user_env["sales.order"].get(order.id)
        assert theirs.amount_total == order.amount_total
        with pytest.raises(AccessError):
            theirs.write({"note": "Mine now"})
            user_env.flush()
    with as_user(env, colleague) as user_env:  # a fresh session: the refused change is gone
        mine = user_env["sales.order"].create(
            {"partner": order.partner.id, "lines": [{"description": "Visit", "price_unit": "10"}]}
        )
        assert mine.user.id == colleague.id
        mine.action_confirm()
        assert mine.state == "confirmed"


def test_users_of_another_company_do_not_see_the_orders(env, order):
    other = env["base.company"].create({"name": "Other Co", "currency": env.ref("base.currency_try").id})
    outsider = make_user(env, "outsider", groups=["sales.group_manager"], companies=[other])
    with as_user(env, outsider) as user_env:
        assert user_env["sales.order"].search_count([]) == 0


def test_salespeople_read_taxes_and_payment_terms_and_their_managers_maintain_them(
    env, vat20, salesperson, manager
):
    term = env.ref("commerce.payment_term_30")
    with as_user(env, salesperson) as user_env:
        assert user_env["commerce.tax"].get(vat20.id).name == "VAT 20%"
        assert user_env["commerce.payment_term"].get(term.id).lines[0].days == 30
        with pytest.raises(AccessError):
            user_env["commerce.tax"].create({"name": "Mine", "amount": "1"})
    with as_user(env, manager) as manager_env:
        manager_env["commerce.tax"].create({"name": "KDV %10", "amount": "10"})
        manager_env["commerce.payment_term"].get(term.id).write({"name": "30 days net"})
        manager_env.flush()
