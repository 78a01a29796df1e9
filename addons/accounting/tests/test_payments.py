"""Payments: received and paid through bank and cash journals, matched with one or many invoices,
partly or in full, or left open on the partner; what stays open on every item (residuals)."""

import datetime as dt
import decimal

import pytest

from addons.accounting.reconciliation import reconcile
from core.errors import ValidationError

pytestmark = pytest.mark.addons("accounting")
D = decimal.Decimal


def residuals(*invoices):
    return [(invoice.payment_state, invoice.amount_residual) for invoice in invoices]


def test_partial_payments_leave_the_rest_open_until_the_last_one(env, make_invoice, kdv20, booked):
    invoice = make_invoice((1000, 1, [kdv20]), post=True)  # 1,200.00
    first = env["accounting.payment"].register([invoice], amount=D("500"), date=dt.date(2026, 1, 20))
    assert (first.name, first.payment_type, first.partner_type) == ("BNK/2026/00001", "inbound", "customer")
    assert booked(first.move) == [("102", "500.00", "0.00"), ("120", "0.00", "500.00")]
    assert residuals(invoice) == [("partial", D("700.00"))]
    receivable = invoice.move.lines[2]
    assert (receivable.amount_residual, receivable.reconciled) == (D("700.00"), False)
    env["accounting.payment"].register([invoice], date=dt.date(2026, 1, 25))
    assert residuals(invoice) == [("paid", D("0.00"))]
    assert receivable.reconciled and [partial.amount for partial in receivable.matched_credits] == [
        D("500.00"),
        D("700.00"),
    ]


def test_one_payment_pays_several_invoices_in_order_of_due_date(env, make_invoice, kdv20):
    first = make_invoice((1000, 1, [kdv20]), post=True)  # 1,200 due 01-15
    later = make_invoice(
        (500, 1, [kdv20]), payment_term=env.ref("commerce.payment_term_30").id, post=True
    )  # 600, 02-14
    second = make_invoice((250, 1, [kdv20]), date=dt.date(2026, 1, 20), post=True)  # 300 due 01-20
    payment = env["accounting.payment"].prepare(
        [first, later, second], date=dt.date(2026, 1, 31), amount=D("1600")
    )
    assert (payment.state, list(payment.invoices)) == ("draft", [first, later, second])
    payment.action_post()
    assert residuals(first, second, later) == [
        ("paid", D("0.00")),
        ("paid", D("0.00")),
        ("partial", D("500.00")),
    ]
    assert sorted(first.payments) == sorted(later.payments) == [payment]


def test_registering_without_an_amount_pays_what_is_due_net_of_credit_notes(env, make_invoice, kdv20):
    invoice = make_invoice((1000, 1, [kdv20]), post=True)
    other = make_invoice((100, 1, [kdv20]), post=True)
    note = other.action_credit_note(dt.date(2026, 1, 16))
    note.action_post()  # settles `other`
    extra = make_invoice((100, 1, [kdv20]), post=True)
    loose = extra.action_credit_note(dt.date(2026, 1, 16), whole=True)
    assert residuals(extra, loose) == [("reversed", D("0.00")), ("paid", D("0.00"))]
    partial_note = invoice.action_credit_note(dt.date(2026, 1, 17))
    partial_note.write({"lines": [{"id": partial_note.lines[0].id, "price_unit": "200"}]})
    partial_note.action_post()  # 240 off the invoice: 960 due
    payment = env["accounting.payment"].prepare([invoice])
    assert (payment.amount, payment.payment_type) == (D("960.00"), "inbound")


def test_an_overpayment_stays_open_on_the_partner_and_pays_the_next_invoice(
    env, make_invoice, kdv20, customer
):
    invoice = make_invoice((1000, 1, [kdv20]), post=True)
    payment = env["accounting.payment"].register([invoice], amount=D("1500"), date=dt.date(2026, 1, 20))
    counterpart = payment.move.lines[1]
    assert (invoice.payment_state, counterpart.amount_residual) == ("paid", D("-300.00"))
    later = make_invoice((100, 1, [kdv20]), date=dt.date(2026, 1, 25), post=True)
    later.action_match_payments()
    assert residuals(later) == [("paid", D("0.00"))]
    assert counterpart.amount_residual == D("-180.00")


def test_a_vendor_is_paid_from_the_cash_journal(env, lira, vendor, kdv20_purchase, journals, booked):
    bill = env["accounting.invoice"].create(
        {
            "kind": "in_invoice",
            "partner": vendor.id,
            "date": dt.date(2026, 1, 20),
            "lines": [{"description": "Kırtasiye", "price_unit": "150", "taxes": [kdv20_purchase.id]}],
        }
    )
    bill.action_post()
    payment = env["accounting.payment"].register([bill], journal=journals["KSA"], date=dt.date(2026, 1, 21))
    assert (payment.name, payment.payment_type, payment.partner_type) == (
        "KSA/2026/00001",
        "outbound",
        "supplier",
    )
    assert booked(payment.move) == [("100", "0.00", "180.00"), ("320", "180.00", "0.00")]
    assert residuals(bill) == [("paid", D("0.00"))]


def test_cancelling_a_posted_payment_reverses_it_and_opens_the_invoice_again(
    env, make_invoice, kdv20, booked
):
    invoice = make_invoice((1000, 1, [kdv20]), post=True)
    payment = env["accounting.payment"].register([invoice], date=dt.date(2026, 1, 20))
    payment.action_cancel()
    assert payment.state == "cancelled" and residuals(invoice) == [("not_paid", D("1200.00"))]
    [reversal] = payment.move.reversals
    assert booked(reversal) == [("102", "0.00", "1200.00"), ("120", "1200.00", "0.00")]
    assert all(line.reconciled for line in (*payment.move.lines[1:], *reversal.lines[1:]))


def test_the_invoice_button_prepares_a_draft_payment_of_what_is_due(env, make_invoice, kdv20, journals):
    invoice = make_invoice((1000, 1, [kdv20]), post=True)
    payment = invoice.action_register_payment()
    assert (payment.state, payment.amount, payment.journal, payment.partner) == (
        "draft",
        D("1200.00"),
        journals["BNK"],
        invoice.partner,
    )
    payment.write({"date": dt.date(2026, 1, 31)})
    payment.action_post()
    assert invoice.payment_state == "paid"


def test_a_posted_payment_is_locked_and_drafts_are_refused_payments(env, make_invoice, kdv20):
    draft = make_invoice((1000, 1, [kdv20]))
    with pytest.raises(ValidationError, match="posted invoices"):
        env["accounting.payment"].prepare([draft])
    invoice = draft.action_post()
    payment = env["accounting.payment"].register([invoice], date=dt.date(2026, 1, 20))
    payment.write({"amount": "1000"})
    with pytest.raises(ValidationError, match="is posted"):
        env.flush()


def test_reconciling_refuses_items_of_different_partners(env, make_invoice, kdv20, vendor):
    mine = make_invoice((100, 1, [kdv20]), post=True)
    theirs = make_invoice((100, 1, [kdv20]), partner=vendor.id, post=True)
    payment = (
        env["accounting.payment"]
        .create({"partner": vendor.id, "amount": "120", "date": dt.date(2026, 1, 20)})
        .action_post()
    )
    with pytest.raises(ValidationError, match="one account and one partner"):
        reconcile(env, [mine.move.lines[-1], payment.move.lines[1]])
    assert theirs.payment_state == "not_paid" and payment.move.lines[1].amount_residual == D("-120.00")
