"""Invoicing confirmed orders: ordered and delivered quantities, credit notes, nothing left to invoice."""

import decimal

import pytest

from core.errors import UserError
from core.testing import as_user

pytestmark = pytest.mark.addons("sales", "accounting")
D = decimal.Decimal


@pytest.fixture
def service(env, kdv):
    return env["product.product"].create(
        {"name": "Installation", "sale_price": "250.00", "taxes": [kdv.id], "invoice_policy": "delivery"}
    )


@pytest.fixture
def order(env, make_order, drill, service, kdv):
    order = make_order(
        [
            {
                "product": drill.id,
                "quantity": "5",
                "price_unit": "100.00",
                "discount": "10",
                "taxes": [kdv.id],
            },
            {"product": service.id, "quantity": "2", "price_unit": "250.00", "taxes": [kdv.id]},
        ],
        payment_term=env.ref("commerce.payment_term_30").id,
    )
    return order.action_confirm()


def test_an_invoice_of_ordered_quantities_has_the_order_s_lines_terms_and_amounts(env, order, drill):
    order.lines[1].write({"qty_delivered": "2"})
    invoice = order.action_create_invoice()
    assert (invoice.kind, invoice.state, invoice.origin) == ("out_invoice", "draft", order.name)
    assert invoice.partner == order.partner and invoice.payment_term == order.payment_term
    assert [(line.product, line.quantity, line.price_unit, line.discount) for line in invoice.lines] == [
        (drill, D("5"), D("100.00"), D("10")),
        (order.lines[1].product, D("2"), D("250.00"), D("0")),
    ]
    # 5 × 90 + 2 × 250 = 950.00, KDV 190.00
    assert (
        (invoice.amount_untaxed, invoice.amount_tax, invoice.amount_total)
        == (
            order.amount_untaxed,
            order.amount_tax,
            order.amount_total,
        )
        == (D("950.00"), D("190.00"), D("1140.00"))
    )
    env.flush()
    assert [line.qty_invoiced for line in order.lines] == [D("5"), D("2")]
    assert order.invoice_status == "invoiced"
    assert order.invoices == [invoice]


def test_delivered_quantities_are_invoiced_as_they_are_entered_without_stock(env, order):
    assert order.invoice_status == "to_invoice"  # the drill is invoiced on order
    first = order.action_create_invoice()
    assert [line.quantity for line in first.lines] == [D("5")]
    env.flush()
    assert order.invoice_status == "nothing"  # the service waits for its delivery
    order.lines[1].write({"qty_delivered": "1"})
    env.flush()
    assert order.invoice_status == "to_invoice" and order.lines[1].qty_to_invoice == D("1")
    second = order.action_create_invoice()
    assert [line.quantity for line in second.lines] == [D("1")]
    with pytest.raises(UserError, match="nothing left to invoice"):
        order.action_create_invoice()


def test_credit_notes_give_back_what_they_credit_and_cancelled_invoices_count_nothing(env, order):
    order.lines[1].write({"qty_delivered": "2"})
    invoice = order.action_create_invoice()
    invoice.action_post()
    note = invoice.action_credit_note()
    note.lines[1].write({"quantity": "1"})
    note.lines[0].unlink()
    note.action_post()
    env.flush()
    assert [line.qty_invoiced for line in order.lines] == [D("5"), D("1")]
    assert order.invoice_status == "to_invoice"
    again = order.action_create_invoice()
    assert [line.quantity for line in again.lines] == [D("1")]
    again.action_cancel()
    env.flush()
    assert order.lines[1].qty_invoiced == D("1") and order.invoice_status == "to_invoice"


def test_the_payment_status_follows_the_posted_invoices(env, order):
    order.lines[1].write({"qty_delivered": "2"})
    invoice = order.action_create_invoice()
    env.flush()
    assert (order.invoice_status, order.payment_status, order.amount_invoiced) == ("invoiced", None, D("0"))
    invoice.action_post()
    env.flush()
    assert (order.payment_status, order.amount_invoiced) == ("not_paid", D("1140.00"))
    env["accounting.payment"].register([invoice], amount=D("500"))
    env.flush()
    assert order.payment_status == "partial"
    env["accounting.payment"].register([invoice])
    env.flush()
    assert order.payment_status == "paid"
    assert list(env["sales.order"].search([("payment_status", "=", "paid"), ("id", "=", order.id)])) == [
        order
    ]


def test_a_fully_credited_invoice_leaves_the_payment_status_and_the_amount_invoiced(env, order):
    order.lines[1].write({"qty_delivered": "2"})
    invoice = order.action_create_invoice().action_post()
    invoice.action_credit_note(whole=True)
    env.flush()
    assert (order.payment_status, order.amount_invoiced, order.invoice_status) == (None, D("0"), "to_invoice")
    assert [line.qty_to_invoice for line in order.lines] == [D("5"), D("2")]


def test_an_order_with_invoices_is_cancelled_only_once_they_are_cancelled_or_credited(env, order):
    invoice = order.action_create_invoice()
    with pytest.raises(UserError, match="cancel or credit"), env.session.begin_nested():
        order.action_cancel()
    assert order.state == "confirmed"
    invoice.action_post().action_credit_note(whole=True)
    assert order.action_cancel().state == "cancelled"


def test_an_invoice_with_a_draft_or_partial_credit_note_still_stands_against_cancelling(env, order):
    """A credit note being prepared (a draft), or crediting part of the invoice, leaves it owed."""
    invoice = order.action_create_invoice().action_post()
    note = invoice.action_credit_note()
    with pytest.raises(UserError, match="cancel or credit"), env.session.begin_nested():
        order.action_cancel()
    note.lines[0].write({"quantity": "1"})
    note.action_post()
    with pytest.raises(UserError, match="cancel or credit"), env.session.begin_nested():
        order.action_cancel()
    assert order.state == "confirmed"


def test_without_stock_the_delivered_quantity_is_entered_on_the_line_of_a_confirmed_order(
    env, order, salesperson
):
    order.write({"user": salesperson.id})
    line = order.lines[1]
    with as_user(env, salesperson) as user_env:
        user_env["sales.order_line"].get(line.id).write({"qty_delivered": "2"})
        user_env.flush()
        user_env.session.commit()
    assert (line.qty_delivered, line.qty_to_invoice) == (D("2"), D("2"))
