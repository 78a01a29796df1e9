"""Who reaches which orders and vendor prices: buyers, purchase managers, storekeepers, other companies."""

from decimal import Decimal

import pytest

from core.errors import AccessError
from core.testing import as_user
from core.testing import make_user

pytestmark = pytest.mark.addons("purchase")


@pytest.fixture
def order(make_order, bolt, buyer):
    return make_order([{"product": bolt.id, "quantity": "10", "price_unit": "0.40"}], user=buyer.id)


def test_a_buyer_confirms_an_order_and_follows_the_receipt_a_storekeeper_validates(
    env, order, buyer, storekeeper
):
    with as_user(env, buyer) as buyer_env:
        mine = buyer_env["purchase.order"].get(order.id)
        mine.action_confirm()
        assert [receipt.state for receipt in mine.receipts] == ["ready"]
        buyer_env.session.commit()
    with as_user(env, storekeeper) as store_env:
        store_env["stock.picking"].get(order.receipts[0].id).action_validate()
        store_env.session.commit()
    with as_user(env, buyer) as buyer_env:
        mine = buyer_env["purchase.order"].get(order.id)
        assert (mine.lines[0].qty_received, mine.receipt_status) == (Decimal("10"), "full")


def test_a_buyer_reads_colleagues_orders_but_changes_only_their_own(env, order, vendor):
    colleague = make_user(env, "gizem", groups=["purchase.group_user"])
    with as_user(env, colleague) as user_env:
        theirs = user_env["purchase.order"].get(order.id)
        assert theirs.amount_untaxed == Decimal("4.00")
        with pytest.raises(AccessError):
            theirs.write({"note": "Mine now"})
            user_env.flush()
    with as_user(env, colleague) as user_env:
        mine = user_env["purchase.order"].create(
            {"partner": vendor.id, "lines": [{"description": "Castings", "price_unit": "10"}]}
        )
        assert mine.user.id == colleague.id
        assert mine.action_confirm().state == "purchase"


def test_a_manager_changes_every_order(env, order, purchase_manager):
    with as_user(env, purchase_manager) as manager_env:
        theirs = manager_env["purchase.order"].get(order.id)
        theirs.write({"note": "Checked by the manager"})
        manager_env.flush()
        assert theirs.note == "Checked by the manager"


def test_buyers_record_vendor_prices_and_managers_delete_them(env, bolt, vendor, buyer, purchase_manager):
    with as_user(env, buyer) as buyer_env:
        price = buyer_env["purchase.vendor_price"].create(
            {"partner": vendor.id, "product": bolt.id, "price": "0.4"}
        )
        price.write({"price": "0.39"})
        price_id = price.id
        buyer_env.session.commit()
    with as_user(env, buyer) as buyer_env, pytest.raises(AccessError):
        buyer_env["purchase.vendor_price"].get(price_id).unlink()
        buyer_env.flush()
    with as_user(env, purchase_manager) as manager_env:
        manager_env["purchase.vendor_price"].get(price_id).unlink()
        manager_env.flush()
        assert manager_env["purchase.vendor_price"].search_count([("product", "=", bolt.id)]) == 0


def test_users_without_purchase_rights_cannot_order(env, vendor):
    clerk = make_user(env, "clerk", groups=["base.group_user"])
    with as_user(env, clerk) as clerk_env, pytest.raises(AccessError):
        clerk_env["purchase.order"].create({"partner": vendor.id})


def test_users_of_another_company_do_not_see_the_orders(env, order):
    other = env["base.company"].create({"name": "Other Co", "currency": env.ref("base.currency_try").id})
    outsider = make_user(env, "outsider", groups=["purchase.group_manager"], companies=[other])
    with as_user(env, outsider) as user_env:
        assert user_env["purchase.order"].search_count([]) == 0
        assert user_env["purchase.order_line"].search_count([]) == 0


def test_buyers_read_taxes_and_payment_terms_and_purchase_managers_maintain_them(
    env, buyer, purchase_manager
):
    term = env.ref("commerce.payment_term_30_now_70_60")
    with as_user(env, buyer) as buyer_env:
        assert len(buyer_env["commerce.payment_term"].get(term.id).lines) == 2
        with pytest.raises(AccessError):
            buyer_env["commerce.tax"].create({"name": "Input VAT", "amount": "20", "scope": "purchase"})
    with as_user(env, purchase_manager) as manager_env:
        tax = manager_env["commerce.tax"].create({"name": "Input VAT", "amount": "20", "scope": "purchase"})
        assert manager_env["commerce.tax"].get(tax.id).scope == "purchase"
        manager_env["commerce.payment_term"].create(
            {"name": "45 days end of month", "lines": [{"kind": "balance", "days": 45, "end_of_month": True}]}
        )
        manager_env.flush()
