"""Bills from purchase orders: what is billed, from which quantities, and what the order then shows."""

import decimal

import pytest

from core.errors import UserError
from core.errors import ValidationError
from core.testing import as_user

pytestmark = pytest.mark.addons("purchase", "accounting")
D = decimal.Decimal


@pytest.fixture
def order(books, confirmed, chair, audit, kdv20, env):
    """10 chairs at 30.00 less 10 %, one audit at 300.00, both with 20 % tax, terms and a vendor ref."""
    term = env.ref("commerce.payment_term_30")
    return confirmed(
        (chair, 10, "30.00", {"discount": "10", "taxes": [kdv20.id]}),
        (audit, 1, "300.00", {"taxes": [kdv20.id]}),
        partner_ref="MD-2026-118",
        payment_term=term.id,
    )


def test_a_bill_copies_the_order_and_bills_what_was_received_and_the_ordered_services(
    env, order, receive_order, chair, audit, kdv20
):
    receive_order(order, {chair: 4})
    bill = order.action_create_bill()
    assert (bill.kind, bill.state, bill.partner, bill.currency, bill.payment_term) == (
        "in_invoice", "draft", order.partner, order.currency, order.payment_term,
    )  # fmt: skip
    assert (bill.origin, bill.ref, bill.purchase_order, bill.journal.code) == (
        order.name, "MD-2026-118", order, "ALS",
    )  # fmt: skip
    assert [
        (
            line.product,
            line.quantity,
            line.uom,
            line.price_unit,
            line.discount,
            list(line.taxes),
            line.purchase_line,
        )
        for line in bill.lines
    ] == [
        (chair, D("4"), chair.uom, D("30.00"), D("10"), [kdv20], order.lines[0]),
        (audit, D("1"), audit.uom, D("300.00"), D("0"), [kdv20], order.lines[1]),
    ]
    # 4 × 27.00 + 300.00 = 408.00, and 20 % tax: 81.60
    assert (bill.amount_untaxed, bill.amount_tax, bill.amount_total) == (D("408.00"), D("81.60"), D("489.60"))
    assert [line.qty_billed for line in order.lines] == [D("4"), D("1")]
    assert [line.qty_to_bill for line in order.lines] == [D("0"), D("0")]
    assert order.bills == [bill] or list(order.bills) == [bill]
    assert order.bill_status == "nothing"


def test_billing_everything_gives_the_order_totals_to_the_cent(order, receive_order):
    receive_order(order)
    assert order.bill_status == "to_bill"
    bill = order.action_create_bill()
    assert (bill.amount_untaxed, bill.amount_tax, bill.amount_total) == (
        order.amount_untaxed, order.amount_tax, order.amount_total,
    )  # fmt: skip
    assert order.bill_status == "billed"


def test_the_next_bill_bills_only_what_arrived_since(order, receive_order, chair):
    receive_order(order, {chair: 4})
    order.action_create_bill()
    receive_order(order)  # the backorder: the other 6
    second = order.action_create_bill()
    assert [(line.product, line.quantity) for line in second.lines] == [(chair, D("6"))]
    assert order.bill_status == "billed"


def test_a_product_billed_on_ordered_quantities_is_billed_before_it_arrives(order, chair):
    chair.write({"bill_policy": "ordered"})
    bill = order.action_create_bill()
    assert [line.quantity for line in bill.lines] == [D("10"), D("1")]


def test_nothing_to_bill_is_a_clear_error(order, receive_order):
    order.action_create_bill()  # the audit
    with pytest.raises(UserError, match=f"{order.name} has nothing to bill"):
        order.action_create_bill()


def test_a_request_for_quotation_is_not_billed(make_order, books, chair):
    rfq = make_order([{"product": chair.id, "quantity": "1", "price_unit": "30"}])
    with pytest.raises(ValidationError, match="not a confirmed purchase order"):
        rfq.action_create_bill()


def test_cancelled_bills_do_not_count_and_credit_notes_subtract(order, receive_order, adviser, env, chair):
    receive_order(order)
    bill = order.action_create_bill()
    bill.action_cancel()
    env.flush()
    assert [line.qty_billed for line in order.lines] == [D("0"), D("0")]
    assert order.bill_status == "to_bill"
    bill = order.action_create_bill()
    bill.action_post()
    note = bill.action_credit_note()
    for line in note.lines:
        if line.product == chair:
            line.write({"quantity": "3"})
        else:
            line.unlink()
    env.flush()
    assert [line.qty_billed for line in order.lines] == [D("7"), D("1")]
    assert order.bill_status == "to_bill"
    assert [(line.product, line.quantity) for line in order.action_create_bill().lines] == [(chair, D("3"))]


def test_a_bill_line_in_another_unit_bills_its_quantity_in_the_order_line_s_unit(
    env, books, confirmed, receive_order, chair, bookkeeper
):
    """24 chairs ordered and received; the vendor bills 2 dozen at 360.00 a dozen (30.00 a chair):
    the order line counts 24 billed, nothing left, and the bill matches."""
    order = confirmed((chair, 24, "30.00"))
    receive_order(order)
    bill = order.action_create_bill()
    bill.lines[0].write({"uom": env.ref("base.uom_dozen").id, "quantity": "2", "price_unit": "360.00"})
    env.flush()
    line = order.lines[0]
    assert (line.qty_billed, line.qty_to_bill, order.bill_status) == (D("24"), D("0"), "billed")
    assert (bill.lines[0].purchase_qty_billed, bill.amount_untaxed) == (D("0"), D("720.00"))
    with as_user(env, bookkeeper) as user_env:  # it matches: a bookkeeper posts it
        posted = user_env["accounting.invoice"].get(bill.id).action_post()
        user_env.flush()
        # The receipt's 24 × 30.00 cleared from 329, no price difference.
        assert sorted((item.account.code, item.debit, item.credit) for item in posted.move.lines) == [
            ("320", 0, D("720.00")),
            ("329", D("720.00"), 0),
        ]
