"""Tax arithmetic: exact bases and per-tax amounts, and the two ways a document rounds them."""

from decimal import Decimal

import pytest

from addons.commerce.taxes import document_taxes
from addons.commerce.taxes import line_amounts

pytestmark = pytest.mark.addons("commerce")


def test_a_tax_added_to_the_price_is_computed_on_the_net_amount(vat20):
    # 19.99 less 15 % = 16.9915; × 3 = 50.9745; 20 % of it = 10.1949
    amounts = line_amounts("19.99", "3", "15", [vat20])
    assert amounts.base == Decimal("50.9745")
    assert amounts.taxes == {vat20: Decimal("10.1949")}


def test_a_tax_included_in_the_price_is_taken_out_of_it(vat20_included):
    # 120 contains 20 %: the base is 120 / 1.2 = 100, the tax 20
    amounts = line_amounts("120", "1", "0", [vat20_included])
    assert (amounts.base, amounts.tax) == (Decimal(100), Decimal(20))


def test_a_fixed_tax_is_an_amount_per_unit_beside_a_percentage(make_tax, vat20):
    eco = make_tax("Eco fee", "0.50", amount_type="fixed")
    amounts = line_amounts("80", "4", "0", [vat20, eco])
    assert amounts.base == Decimal(320)
    assert amounts.taxes == {vat20: Decimal(64), eco: Decimal("2.00")}


def test_included_fixed_taxes_come_out_before_included_percentages(make_tax, vat20_included):
    deposit = make_tax("Deposit", "0.50", amount_type="fixed", price_include=True)
    # 2 × 12.50 = 25.00 holds 2 × 0.50 deposit, and 20 % of the rest: (25 − 1) / 1.2 = 20
    amounts = line_amounts("12.50", "2", "0", [vat20_included, deposit])
    assert amounts.base == Decimal(20)
    assert amounts.taxes == {vat20_included: Decimal(4), deposit: Decimal("1.00")}
    assert amounts.base + amounts.tax == Decimal(25)


def test_a_group_is_applied_as_its_children_which_do_not_compound(make_tax, vat20):
    excise = make_tax("ÖTV %10", 10, scope="none", sequence=1)
    vat_part = make_tax("KDV %20 (group)", 20, scope="none", sequence=2)
    group = make_tax("ÖTV + KDV", amount_type="group", children=[vat_part.id, excise.id])
    amounts = line_amounts("100", "1", "0", [group])
    assert amounts.taxes == {excise: Decimal(10), vat_part: Decimal(20)}
    assert list(amounts.taxes) == [excise, vat_part]  # in their order, whatever the order given


def test_a_group_with_an_included_child_takes_it_out_of_the_price(make_tax):
    included = make_tax("KDV %20 incl.", 20, scope="none", price_include=True)
    added = make_tax("Stamp %1", 1, scope="none")
    group = make_tax("KDV incl. + stamp", amount_type="group", children=[included.id, added.id])
    # 240 / 1.2 = 200; 20 % = 40 (inside the price), 1 % = 2 (on top)
    amounts = line_amounts("240", "1", "0", [group])
    assert amounts.base == Decimal(200)
    assert amounts.taxes == {included: Decimal(40), added: Decimal(2)}


def test_a_full_discount_leaves_nothing_to_tax(vat20):
    amounts = line_amounts("99.90", "5", "100", [vat20])
    assert (amounts.base, amounts.tax) == (Decimal(0), Decimal(0))


def test_a_line_without_taxes_has_its_net_amount_as_base():
    amounts = line_amounts("10", "2.5", "10", [])
    assert (amounts.base, amounts.taxes) == (Decimal("22.5"), {})


def thirds(tax):
    """Three lines of 0.333 × 1.00: 0.0666 of tax each."""
    return [line_amounts("1.00", "0.333", "0", [tax]) for _ in range(3)]


def test_rounding_per_line_rounds_each_line_s_tax_then_adds(vat20, eur):
    # 0.0666 → 0.07, three times
    assert document_taxes(thirds(vat20), "per_line", eur) == {vat20: Decimal("0.21")}
    assert [line.rounded_tax(eur) for line in thirds(vat20)] == [Decimal("0.07")] * 3


def test_rounding_on_the_total_adds_the_exact_taxes_then_rounds_once(vat20, eur):
    # 3 × 0.0666 = 0.1998 → 0.20: a cent less than per line
    assert document_taxes(thirds(vat20), "per_total", eur) == {vat20: Decimal("0.20")}


def test_a_document_rounds_each_tax_on_its_own(make_tax, vat20, eur):
    reduced = make_tax("VAT 10%", 10)
    lines = [
        line_amounts("0.35", "1", "0", [vat20]),  # 0.07
        line_amounts("0.35", "1", "0", [vat20, reduced]),  # 0.07 and 0.035
        line_amounts("0.35", "1", "0", [reduced]),  # 0.035
    ]
    # per line: 0.035 → 0.04 twice; on the total: 0.07 → 0.07
    assert document_taxes(lines, "per_line", eur) == {vat20: Decimal("0.14"), reduced: Decimal("0.08")}
    assert document_taxes(lines, "per_total", eur) == {vat20: Decimal("0.14"), reduced: Decimal("0.07")}
