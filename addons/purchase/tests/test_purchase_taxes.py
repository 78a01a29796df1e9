"""Purchase taxes: the product's vendor taxes on new lines, the order's amounts in both roundings, receipts
valued without the taxes, and what a confirmed order keeps."""

from decimal import Decimal

import pytest

from core.errors import ValidationError

pytestmark = pytest.mark.addons("purchase")


@pytest.fixture
def input_vat(env):
    return env["commerce.tax"].create({"name": "Input VAT 20%", "amount": "20", "scope": "purchase"})


@pytest.fixture
def input_vat_included(env):
    return env["commerce.tax"].create(
        {"name": "Input VAT 20% incl.", "amount": "20", "scope": "purchase", "price_include": True}
    )


def amounts(order):
    return order.amount_untaxed, order.amount_tax, order.amount_total


def test_a_line_takes_the_product_s_vendor_taxes(make_order, make_price, bolt, input_vat):
    bolt.write({"supplier_taxes": [input_vat.id]})
    make_price(bolt, "0.42")
    order = make_order([{"product": bolt.id, "quantity": "1000"}])
    [line] = order.lines
    assert list(line.taxes) == [input_vat]
    # 1000 × 0.42 = 420.00; 20 % = 84.00
    assert (line.subtotal, line.tax_amount, line.total) == (
        Decimal("420.00"),
        Decimal("84.00"),
        Decimal("504.00"),
    )
    assert amounts(order) == (Decimal("420.00"), Decimal("84.00"), Decimal("504.00"))


def test_taxes_given_on_the_line_win_over_the_product_s(make_order, bolt, input_vat):
    bolt.write({"supplier_taxes": [input_vat.id]})
    [line] = make_order([{"product": bolt.id, "quantity": "10", "price_unit": "1", "taxes": []}]).lines
    assert (list(line.taxes), line.total) == ([], Decimal("10.00"))


def test_a_price_including_the_tax_is_taxed_inside_and_received_at_its_net_cost(
    make_order, bolt, input_vat_included
):
    order = make_order(
        [
            {
                "product": bolt.id,
                "quantity": "3",
                "price_unit": "12.00",
                "discount": "10",
                "taxes": [input_vat_included.id],
            }
        ]
    )
    # 12.00 less 10 % = 10.80 a unit; × 3 = 32.40, which holds 20 %: 32.40 / 1.2 = 27.00 and 5.40 of tax
    assert amounts(order) == (Decimal("27.00"), Decimal("5.40"), Decimal("32.40"))
    order.action_confirm()
    # the receipt values a bolt at 27.00 / 3 = 9.00: what it costs without the recoverable tax
    assert order.receipts[0].moves[0].price_unit == Decimal("9")


def test_a_fixed_tax_adds_an_amount_per_unit(env, make_order, input_vat):
    levy = env["commerce.tax"].create(
        {"name": "Packaging levy", "amount_type": "fixed", "amount": "0.25", "scope": "purchase"}
    )
    order = make_order(
        [{"description": "Drums", "quantity": "8", "price_unit": "12.50", "taxes": [input_vat.id, levy.id]}]
    )
    # 8 × 12.50 = 100.00; 20 % = 20.00 and 8 × 0.25 = 2.00
    assert amounts(order) == (Decimal("100.00"), Decimal("22.00"), Decimal("122.00"))
    assert order.tax_totals() == {input_vat: Decimal("20.00"), levy: Decimal("2.00")}


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [
        # each line: 0.333 × 1.00 = 0.333 → 0.33, tax 0.0666 → 0.07; three lines: 0.99 + 0.21
        ("per_line", (Decimal("0.99"), Decimal("0.21"), Decimal("1.20"))),
        # on the total: 3 × 0.0666 = 0.1998 → 0.20, a cent less
        ("per_total", (Decimal("0.99"), Decimal("0.20"), Decimal("1.19"))),
    ],
)
def test_the_company_s_tax_rounding_decides_the_order_s_tax(env, make_order, input_vat, rounding, expected):
    env.ref("base.main_company").write({"tax_rounding": rounding})
    lines = [
        {"description": f"Washer {n}", "quantity": "0.333", "price_unit": "1.00", "taxes": [input_vat.id]}
        for n in (1, 2, 3)
    ]
    order = make_order(lines)
    assert order.tax_rounding == rounding
    assert amounts(order) == expected


def test_a_sales_tax_cannot_be_used_on_a_purchase(env, make_order):
    sales_vat = env["commerce.tax"].create({"name": "KDV %20", "amount": "20", "scope": "sale"})
    with pytest.raises(ValidationError) as error:
        make_order([{"description": "Castings", "price_unit": "10", "taxes": [sales_vat.id]}])
    assert error.value.fields == {"taxes": "Only taxes used in “Purchases” fit here, not KDV %20."}


def test_a_confirmed_order_keeps_its_taxes_and_rounding(env, make_order, bolt, input_vat):
    order = make_order(
        [{"product": bolt.id, "quantity": "10", "price_unit": "0.40", "taxes": [input_vat.id]}]
    )
    order.action_confirm()
    with pytest.raises(ValidationError) as error:
        order.lines[0].write({"taxes": []})
    assert set(error.value.fields) == {"taxes"}
    with pytest.raises(ValidationError) as error:
        order.write({"tax_rounding": "per_total"})
    assert set(error.value.fields) == {"tax_rounding"}
    input_vat.write({"amount": "18"})  # a later change of the rate leaves the order as confirmed
    env.flush()
    assert amounts(order) == (Decimal("4.00"), Decimal("0.80"), Decimal("4.80"))
