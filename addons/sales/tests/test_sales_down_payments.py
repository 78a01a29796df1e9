"""Down payments: a share of the order with its taxes, on the advances account, deducted at the end."""

import decimal

import pytest

from core.errors import ValidationError

pytestmark = pytest.mark.addons("sales", "accounting")
D = decimal.Decimal


@pytest.fixture
def order(env, make_order, drill, kdv):
    """10 drills at 100.00 with 20 % KDV: 1,000.00 + 200.00 = 1,200.00."""
    order = make_order([{"product": drill.id, "quantity": "10", "price_unit": "100.00", "taxes": [kdv.id]}])
    return order.action_confirm()


def items_on(invoice, code):
    """(debit, credit) of the invoice's entry on the account ``code``."""
    lines = [line for line in invoice.move.lines if line.account.code == code]
    return sum((line.debit for line in lines), D(0)), sum((line.credit for line in lines), D(0))


def test_a_percentage_down_payment_bears_the_order_s_tax_and_books_to_customer_advances(env, order, books):
    down = order.action_down_payment(percentage=D("30"))
    [line] = down.lines
    assert (line.price_unit, line.account.code, list(line.taxes)) == (
        D("300.00"),
        "340",
        list(order.lines[0].taxes),
    )
    # 30 % of 1,000.00 = 300.00, KDV 60.00
    assert (down.amount_untaxed, down.amount_tax, down.amount_total) == (D("300.00"), D("60.00"), D("360.00"))
    down.action_post()
    assert items_on(down, "340") == (D("0"), D("300.00"))
    assert items_on(down, "391") == (D("0"), D("60.00"))
    env.flush()
    assert order.invoices == [down] and order.invoice_status == "to_invoice"


def test_the_final_invoice_deducts_the_posted_down_payment_to_the_order_s_total(env, order):
    down = order.action_down_payment(percentage=D("30")).action_post()
    final = order.action_create_invoice()
    deduction = final.lines[-1]
    assert (deduction.quantity, deduction.price_unit, deduction.account.code) == (D("-1"), D("300.00"), "340")
    # 1,000.00 − 300.00 = 700.00, KDV 140.00
    assert (final.amount_untaxed, final.amount_tax, final.amount_total) == (
        D("700.00"),
        D("140.00"),
        D("840.00"),
    )
    final.action_post()
    assert items_on(final, "340") == (D("300.00"), D("0"))
    assert down.amount_total + final.amount_total == order.amount_total == D("1200.00")
    env.flush()
    assert order.invoice_status == "invoiced" and order.amount_invoiced == D("1200.00")


def test_a_fixed_amount_is_split_over_the_order_s_taxes_and_adds_up_exactly(env, make_order, drill, kdv):
    kdv10 = env["commerce.tax"].create({"name": "KDV %10", "amount": "10", "scope": "sale"})
    order = make_order(
        [
            {"product": drill.id, "quantity": "10", "price_unit": "100.00", "taxes": [kdv.id]},
            {"description": "Training", "quantity": "1", "price_unit": "500.00", "taxes": [kdv10.id]},
        ]
    ).action_confirm()
    # 1,500.00 + 200.00 + 50.00 = 1,750.00
    assert order.amount_total == D("1750.00")
    down = order.action_down_payment(amount=D("500"))
    # 500 × 1,000 / 1,500 = 333.33 at 20 % (66.67), the rest 166.67 at 10 % (16.67)
    assert [(line.price_unit, line.tax_amount) for line in down.lines] == [
        (D("333.33"), D("66.67")),
        (D("166.67"), D("16.67")),
    ]
    assert down.amount_total == D("583.34")
    down.action_post()
    final = order.action_create_invoice()
    # 1,500.00 − 500.00 = 1,000.00; KDV 200.00 − 66.67 + 50.00 − 16.67 = 166.66
    assert (final.amount_untaxed, final.amount_tax, final.amount_total) == (
        D("1000.00"),
        D("166.66"),
        D("1166.66"),
    )
    assert down.amount_total + final.amount_total == order.amount_total


def test_draft_and_credited_down_payments_are_not_deducted(env, order):
    draft = order.action_down_payment(percentage=D("10"))
    credited = order.action_down_payment(percentage=D("20")).action_post()
    credited.action_credit_note(whole=True)
    final = order.action_create_invoice()
    assert [line.quantity for line in final.lines] == [D("10")]
    assert final.amount_total == D("1200.00") and draft.state == "draft"


def test_a_down_payment_needs_one_share_in_range(order):
    for arguments in (
        {},
        {"percentage": D("10"), "amount": D("5")},
        {"percentage": D("0")},
        {"percentage": D("101")},
    ):
        with pytest.raises(ValidationError):
            order.action_down_payment(**arguments)
    with pytest.raises(ValidationError, match="at most its net amount, 1000.00"):
        order.action_down_payment(amount=D("1000.01"))


def test_down_payments_never_add_up_to_more_than_the_order(env, order):
    order.action_down_payment(percentage=D("60")).action_post()
    with pytest.raises(ValidationError) as refused:
        order.action_down_payment(percentage=D("60"))
    assert "600.00" in refused.value.message and "1000.00" in refused.value.message
    assert order.action_down_payment(percentage=D("40")).amount_untaxed == D("400.00")


def test_an_invoice_of_part_of_the_order_deducts_at_most_its_own_amount(env, order):
    order.lines[0].product.write({"invoice_policy": "delivery"})
    order.action_down_payment(percentage=D("60")).action_post()  # 600.00
    order.lines[0].write({"qty_delivered": "4"})
    env.flush()
    first = order.action_create_invoice()  # 400.00 delivered, 400.00 of the 600.00 deducted
    assert (first.lines[-1].price_unit, first.amount_untaxed) == (D("400.00"), D("0.00"))
    first.action_post()
    order.lines[0].write({"qty_delivered": "10"})
    env.flush()
    last = order.action_create_invoice()  # 600.00 delivered, the 200.00 left deducted
    assert (last.lines[-1].price_unit, last.amount_untaxed, last.amount_total) == (
        D("200.00"),
        D("400.00"),
        D("480.00"),
    )
