"""Invoices in euro in a company keeping its books in lira: converted at the rate of the invoice
date, paid at the rate of the payment date, the difference booked as a realised exchange gain
(646 Kambiyo Karları) or loss (656 Kambiyo Zararları). Rates (conftest `lira`): 1 EUR is 40 TRY
from 2026-01-01, 40.96 from 2026-02-01, 39.0625 from 2026-03-01."""

import datetime as dt
import decimal

import pytest

pytestmark = pytest.mark.addons("accounting")
D = decimal.Decimal


@pytest.fixture
def eur(env):
    return env.ref("base.currency_eur")


@pytest.fixture
def euro_invoice(make_invoice, kdv20, eur):
    """1,000 EUR + 200 EUR KDV on 2026-01-15, at 40: 48,000 TRY."""
    return make_invoice((1000, 1, [kdv20]), currency=eur.id, post=True)


def test_an_invoice_in_euro_is_booked_in_lira_at_the_rate_of_its_date(euro_invoice, booked, eur):
    assert booked(euro_invoice.move) == [
        ("600", "0.00", "40000.00"),
        ("391", "0.00", "8000.00"),
        ("120", "48000.00", "0.00"),
    ]
    amounts = [(line.currency, line.amount_currency) for line in euro_invoice.move.lines]
    assert amounts == [(eur, D("-1000.00")), (eur, D("-200.00")), (eur, D("1200.00"))]
    assert (euro_invoice.amount_residual, euro_invoice.amount_residual_signed) == (
        D("1200.00"),
        D("48000.00"),
    )


def test_the_receivable_takes_what_the_converted_items_add_up_to(make_invoice, kdv20, eur, booked):
    # At 39.0625: 10.01 EUR → 391.015625 → 391.02 (twice); KDV 2.00 + 2.00 → 156.25. Converting the
    # total, 24.02 EUR → 938.28, would leave the entry a cent out of balance.
    invoice = make_invoice(
        ("10.01", 1, [kdv20]), ("10.01", 1, [kdv20]), currency=eur.id, date=dt.date(2026, 3, 5), post=True
    )
    assert booked(invoice.move) == [
        ("600", "0.00", "391.02"),
        ("600", "0.00", "391.02"),
        ("391", "0.00", "156.25"),
        ("120", "938.29", "0.00"),
    ]


def test_paying_at_a_higher_rate_books_an_exchange_gain(env, euro_invoice, booked, accounts):
    payment = env["accounting.payment"].register([euro_invoice], date=dt.date(2026, 2, 10))
    assert (payment.amount, payment.currency.code) == (D("1200.00"), "EUR")
    assert booked(payment.move) == [("102", "49152.00", "0.00"), ("120", "0.00", "49152.00")]  # 1,200 × 40.96
    [exchange] = env["accounting.move"].search([("exchange_difference", "=", True)])
    assert exchange.date == dt.date(2026, 2, 10) and exchange.journal.code == "MAH"
    assert booked(exchange) == [("120", "1152.00", "0.00"), ("646", "0.00", "1152.00")]
    assert (euro_invoice.payment_state, euro_invoice.amount_residual) == ("paid", D("0.00"))
    receivables = env["accounting.move_line"].search([("account", "=", accounts["120"].id)])
    assert all(line.reconciled for line in receivables)
    assert sum(line.balance for line in receivables) == 0


def test_partial_payments_at_two_rates_realise_the_difference_on_each_part(env, euro_invoice, booked):
    first = env["accounting.payment"].register([euro_invoice], date=dt.date(2026, 2, 10), amount=D("500"))
    # 500 EUR: 20,480 TRY received for 500/1,200 of 48,000 = 20,000 TRY booked: a gain of 480.
    assert (euro_invoice.payment_state, euro_invoice.amount_residual) == ("partial", D("700.00"))
    assert euro_invoice.amount_residual_signed == D("28000.00")
    assert first.move.lines[0].debit == D("20480.00")
    second = env["accounting.payment"].register([euro_invoice], date=dt.date(2026, 3, 5))
    # 700 EUR at 39.0625: 27,343.75 TRY for 28,000 still open: a loss of 656.25.
    assert (second.amount, second.move.lines[0].debit) == (D("700.00"), D("27343.75"))
    exchanges = env["accounting.move"].search([("exchange_difference", "=", True)], order="date")
    assert [booked(move) for move in exchanges] == [
        [("120", "480.00", "0.00"), ("646", "0.00", "480.00")],
        [("120", "0.00", "656.25"), ("656", "656.25", "0.00")],
    ]
    assert euro_invoice.payment_state == "paid"


def test_a_payment_in_lira_of_a_euro_invoice_settles_it_at_the_rate_of_the_day(
    env, euro_invoice, lira, booked
):
    payment = env["accounting.payment"].register(
        [euro_invoice], date=dt.date(2026, 2, 10), amount=D("49152"), currency=lira
    )
    counterpart = payment.move.lines[1]
    assert (counterpart.currency.code, counterpart.amount_currency) == ("EUR", D("-1200.00"))
    assert euro_invoice.payment_state == "paid"
    [exchange] = env["accounting.move"].search([("exchange_difference", "=", True)])
    assert booked(exchange) == [("120", "1152.00", "0.00"), ("646", "0.00", "1152.00")]


def test_a_euro_bill_paid_at_a_higher_rate_books_an_exchange_loss(
    env, lira, vendor, eur, kdv20_purchase, booked
):
    bill = env["accounting.invoice"].create(
        {
            "kind": "in_invoice",
            "partner": vendor.id,
            "currency": eur.id,
            "date": dt.date(2026, 1, 20),
            "lines": [{"description": "Döküm parçaları", "price_unit": "250", "taxes": [kdv20_purchase.id]}],
        }
    )
    bill.action_post()  # 300 EUR at 40: 12,000 TRY
    payment = env["accounting.payment"].register([bill], date=dt.date(2026, 2, 3))
    assert (payment.payment_type, booked(payment.move)) == (
        "outbound",
        [("102", "0.00", "12288.00"), ("320", "12288.00", "0.00")],
    )
    [exchange] = env["accounting.move"].search([("exchange_difference", "=", True)])
    assert booked(exchange) == [("320", "0.00", "288.00"), ("656", "288.00", "0.00")]
    assert bill.payment_state == "paid"


def test_unreconciling_reverses_the_exchange_difference_and_opens_both_again(
    env, euro_invoice, booked, accounts
):
    payment = env["accounting.payment"].register([euro_invoice], date=dt.date(2026, 2, 10))
    payment.action_unreconcile()
    assert (
        euro_invoice.payment_state,
        euro_invoice.amount_residual,
        euro_invoice.amount_residual_signed,
    ) == (
        "not_paid",
        D("1200.00"),
        D("48000.00"),
    )
    counterpart = payment.move.lines[1]
    assert (counterpart.amount_residual, counterpart.amount_residual_currency) == (
        D("-49152.00"),
        D("-1200.00"),
    )
    [exchange] = env["accounting.move"].search([("exchange_difference", "=", True)])
    [reversal] = exchange.reversals
    assert booked(reversal) == [("120", "0.00", "1152.00"), ("646", "1152.00", "0.00")]
    gains = env["accounting.move_line"].search([("account", "=", accounts["646"].id)])
    assert sum(line.balance for line in gains) == 0
    # Matched again, the same gain is realised again.
    euro_invoice.action_match_payments()
    assert euro_invoice.payment_state == "paid"
    assert env["accounting.move"].search_count([("exchange_difference", "=", True)]) == 2
