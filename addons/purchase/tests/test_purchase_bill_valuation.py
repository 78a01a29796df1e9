"""Bills of received goods clear 329 Diğer Ticari Borçlar; a price difference revalues the stock or costs.

Tek Düzen, stock journal STJ: a receipt debits 153 and credits 329 at the
receipt's value; the bill debits 329 for that value (and 153 / 621 for the
difference) and credits 320 Satıcılar.
"""

import datetime as dt
import decimal

import pytest

from addons.accounting.reporting import Filters
from addons.accounting.reporting import trial_balance
from addons.stock.accounting.check import stock_against_ledger

pytestmark = pytest.mark.addons("purchase", "accounting")
D = decimal.Decimal
# 10 received at 30.00, 4 delivered, 10 billed at 33.00 (330.00): 300.00 clears 329, 3.00 × 6 on hand
# = 18.00 to 153, 3.00 × 4 delivered = 12.00 to 621.
DEARER_BILL = [
    ("153", D("18.00"), 0),
    ("320", 0, D("330.00")),
    ("329", D("300.00"), 0),
    ("621", D("12.00"), 0),
]


def balances(env, company):
    return {row.code: row.closing for row in trial_balance(env, Filters(company=company.id))}


def bill_items(bill):
    return sorted((line.account.code, line.debit, line.credit) for line in bill.move.lines)


def post_bill(order, price=None):
    """Bill what the order has to bill, at ``price`` when given, and post it (as the system: an adviser)."""
    bill = order.action_create_bill()
    if price is not None:
        for line in bill.lines:
            line.write({"price_unit": str(price)})
    return bill.action_post()


@pytest.fixture
def fifo(env, chair):
    chair.category = env["product.category"].create({"name": "Costed FIFO", "cost_method": "fifo"})
    return chair


def test_a_bill_at_the_receipt_price_brings_329_back_to_zero(env, books, confirmed, receive_order, chair):
    order = confirmed((chair, 10, "30.00"))
    receive_order(order)
    bill = post_bill(order)
    assert bill_items(bill) == [("320", 0, D("300.00")), ("329", D("300.00"), 0)]
    figures = balances(env, books)
    assert (figures["153"], figures["329"], figures["320"]) == (D("300.00"), D("0.00"), D("-300.00"))
    assert "770" not in figures or figures["770"] == 0


def test_a_dearer_bill_revalues_what_is_on_hand_and_costs_what_was_delivered(
    env, books, confirmed, receive_order, deliver, chair
):
    order = confirmed((chair, 10, "30.00"))
    receive_order(order)
    deliver(chair, 4)  # 621 debited 4 × 30.00 = 120.00
    bill = post_bill(order, "33.00")
    assert bill_items(bill) == DEARER_BILL
    figures = balances(env, books)
    assert (figures["153"], figures["329"], figures["621"]) == (D("198.00"), D("0.00"), D("132.00"))
    assert chair.cost == D("33.00")
    [row] = stock_against_ledger(env, books.id)
    assert (row.code, row.stock_value, row.balance, row.difference) == ("153", D("198.00"), D("198.00"), 0)


def test_two_lines_of_one_product_share_what_is_on_hand(env, books, confirmed, receive_order, deliver, chair):
    order = confirmed((chair, 5, "30.00"), (chair, 5, "30.00"))
    receive_order(order)
    deliver(chair, 4)
    bill = post_bill(order, "33.00")  # 6 on hand: 18.00 to 153 between the two lines, 12.00 to 621
    totals = {}
    for code, debit, credit in bill_items(bill):
        totals[code] = totals.get(code, 0) + debit - credit
    assert (totals["153"], totals["621"], totals["329"]) == (D("18.00"), D("12.00"), D("300.00"))
    assert chair.cost == D("33.00")
    [row] = stock_against_ledger(env, books.id)
    assert row.difference == 0


def test_a_cheaper_bill_lowers_the_stock_and_the_cost(env, books, confirmed, receive_order, deliver, chair):
    order = confirmed((chair, 10, "30.00"))
    receive_order(order)
    deliver(chair, 4)
    bill = post_bill(order, "27.00")
    assert bill_items(bill) == [
        ("153", 0, D("18.00")),
        ("320", 0, D("270.00")),
        ("329", D("300.00"), 0),
        ("621", 0, D("12.00")),
    ]
    assert chair.cost == D("27.00")
    assert balances(env, books)["329"] == D("0.00")


def test_fifo_the_receipts_layer_takes_the_difference(env, books, confirmed, receive_order, deliver, fifo):
    order = confirmed((fifo, 10, "30.00"))
    receive_order(order)
    deliver(fifo, 4)
    bill = post_bill(order, "33.00")
    assert bill_items(bill) == DEARER_BILL
    [layer] = env["stock.cost_layer"].search([("product", "=", fifo.id)])
    assert (layer.remaining_quantity, layer.remaining_value, layer.unit_cost) == (
        D("6"),
        D("198.00"),
        D("33"),
    )
    assert fifo.cost == D("33.00")
    # The next delivery leaves at the billed price: 2 × 33.00.
    out = deliver(fifo, 2)
    assert out.moves[0].value == D("-66.00")
    [row] = stock_against_ledger(env, books.id)
    assert (row.stock_value, row.balance) == (D("132.00"), D("132.00"))


def test_two_bills_of_one_receipt_clear_it_exactly(env, books, confirmed, receive_order, chair):
    order = confirmed((chair, 3, "33.33"))  # 99.99 received: 33.33 a chair
    receive_order(order)
    first = order.action_create_bill()
    first.lines[0].write({"quantity": "1"})
    first.action_post()
    post_bill(order)
    assert balances(env, books)["329"] == D("0.00")


def test_foreign_bills_clear_329_at_the_receipts_value_and_book_the_rate_as_a_difference(
    env, books, confirmed, receive_order, chair
):
    usd, eur = env.ref("base.currency_usd"), env.ref("base.currency_eur")
    env["base.currency_rate"].create(
        [
            {"currency": eur.id, "date": dt.date(2020, 1, 1), "rate": "1"},
            {"currency": usd.id, "date": dt.date(2026, 1, 1), "rate": "1.25"},
            {"currency": usd.id, "date": dt.date(2026, 2, 1), "rate": "1.20"},
        ]
    )
    order = confirmed((chair, 10, "37.50"), currency=usd.id, date_order="2026-01-10")
    receive_order(order)  # 10 × 37.50 USD at 1.25 = 300.00 EUR
    bill = order.action_create_bill()
    bill.write({"date": dt.date(2026, 2, 10)})
    bill.action_post()
    # 375.00 USD at 1.20 = 312.50 EUR: 300.00 clears 329, 12.50 revalues the 10 chairs on hand.
    assert sorted(
        (line.account.code, line.debit, line.credit, line.amount_currency) for line in bill.move.lines
    ) == [
        ("153", D("12.50"), 0, D("15.00")),
        ("320", 0, D("312.50"), D("-375.00")),
        ("329", D("300.00"), 0, D("360.00")),
    ]
    assert chair.cost == D("31.25")


def test_without_a_stock_journal_bills_book_the_expense_as_before(
    env, books, confirmed, receive_order, chair
):
    books.stock_journal = None
    order = confirmed((chair, 10, "30.00"))
    receive_order(order)
    bill = post_bill(order, "33.00")
    # The line's own account (153 Ticari Mallar, the chart's default for purchases), no 329, no difference.
    assert bill.lines[0].account.code == "153"
    assert bill_items(bill) == [("153", D("330.00"), 0), ("320", 0, D("330.00"))]


def test_a_vendor_credit_note_of_such_a_bill_credits_329(env, books, confirmed, receive_order, chair):
    order = confirmed((chair, 10, "30.00"))
    picking = receive_order(order)
    post_bill(order)
    back = picking.action_return({picking.moves[0].id: "2"})
    back.action_validate()  # 329 debited 60.00
    bill = order.bills[0]
    note = bill.action_credit_note()
    note.lines[0].write({"quantity": "2"})
    note.action_post()
    assert bill_items(note) == [("320", D("60.00"), 0), ("329", 0, D("60.00"))]
    assert balances(env, books)["329"] == D("0.00")
    env.flush()
    assert order.lines[0].qty_billed == D("8")
