"""Orders: amounts, the two tax roundings, discounts, numbering and the workflow."""

from decimal import Decimal

import pytest

from core.errors import ValidationError
from core.testing import as_user

pytestmark = pytest.mark.addons("sales")


def amounts(order):
    return order.amount_untaxed, order.amount_tax, order.amount_total


def third_lines(tax):
    return [
        {"description": f"Item {n}", "quantity": "0.333", "price_unit": "1.00", "taxes": [tax.id]}
        for n in (1, 2, 3)
    ]


def test_per_line_rounding_rounds_each_line_s_tax_then_adds(env, make_order, vat20):
    # each line: 0.333 × 1.00 = 0.333 → 0.33; tax 0.0666 → 0.07; three lines: 0.99 + 0.21
    order = make_order(third_lines(vat20), tax_rounding="per_line")
    assert amounts(order) == (Decimal("0.99"), Decimal("0.21"), Decimal("1.20"))
    assert [line.tax_amount for line in order.lines] == [Decimal("0.07")] * 3


def test_per_total_rounding_adds_exact_taxes_then_rounds_once(env, make_order, vat20):
    # 3 × 0.0666 = 0.1998 → 0.20
    order = make_order(third_lines(vat20), tax_rounding="per_total")
    assert amounts(order) == (Decimal("0.99"), Decimal("0.20"), Decimal("1.19"))


def test_orders_take_the_company_s_rounding(env, make_order, vat20):
    env.ref("base.main_company").write({"tax_rounding": "per_total"})
    assert make_order(third_lines(vat20)).tax_rounding == "per_total"


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [
        # 1.00 incl. 20 %: base 0.8333 → 0.83, tax 0.1667 → 0.17; per total 3 × 0.16667 = 0.50
        ("per_line", (Decimal("2.49"), Decimal("0.51"), Decimal("3.00"))),
        ("per_total", (Decimal("2.49"), Decimal("0.50"), Decimal("2.99"))),
    ],
)
def test_a_tax_included_in_the_price_is_taken_out_of_it(env, make_order, vat20_included, rounding, expected):
    lines = [
        {"description": "Ticket", "quantity": "1", "price_unit": "1.00", "taxes": [vat20_included.id]}
    ] * 3
    order = make_order(lines, tax_rounding=rounding)
    assert amounts(order) == expected


def test_a_discount_lowers_the_net_price(env, make_order, vat20):
    order = make_order(
        [
            {
                "description": "Pump",
                "quantity": "3",
                "price_unit": "19.99",
                "discount": "15",
                "taxes": [vat20.id],
            }
        ]
    )
    # 19.99 × 0.85 × 3 = 50.9745 → 50.97; tax 10.1949 → 10.19
    assert amounts(order) == (Decimal("50.97"), Decimal("10.19"), Decimal("61.16"))


def test_a_fixed_tax_is_an_amount_per_unit(env, make_order, vat20):
    eco = env["commerce.tax"].create({"name": "Eco fee", "amount_type": "fixed", "amount": "0.50"})
    order = make_order(
        [{"description": "Tyre", "quantity": "4", "price_unit": "80", "taxes": [vat20.id, eco.id]}]
    )
    assert amounts(order) == (Decimal("320.00"), Decimal("66.00"), Decimal("386.00"))


def test_changing_a_line_recomputes_the_order(env, make_order, vat20):
    order = make_order([{"description": "Pump", "quantity": "1", "price_unit": "10", "taxes": [vat20.id]}])
    order.lines[0].write({"quantity": "2"})
    env.flush()
    assert amounts(order) == (Decimal("20.00"), Decimal("4.00"), Decimal("24.00"))


def test_a_line_of_a_product_takes_its_description_unit_taxes_and_price(env, make_order, drill, vat20):
    drill.write({"taxes": [vat20.id], "description": "Cordless drill, 18 V"})
    order = make_order([{"product": drill.id, "quantity": "2"}])
    [line] = order.lines
    assert (line.description, line.uom, list(line.taxes), line.price_unit) == (
        "Cordless drill, 18 V", env.ref("base.uom_unit"), [vat20], Decimal("100"),
    )  # fmt: skip
    assert amounts(order) == (Decimal("200.00"), Decimal("40.00"), Decimal("240.00"))


def test_orders_are_numbered_by_year_of_the_order_date(env, make_order):
    first = make_order(date_order="2026-03-01")
    second = make_order(date_order="2026-12-31")
    other_year = make_order(date_order="2027-01-02")
    assert first.name.startswith("SO/2026/") and other_year.name == "SO/2027/00001"
    assert int(second.name[-5:]) == int(first.name[-5:]) + 1


def test_the_workflow_from_quotation_to_done(env, make_order):
    order = make_order([{"description": "Service", "price_unit": "50"}])
    assert order.state == "draft"
    assert order.action_send().state == "sent"
    assert order.action_confirm().state == "confirmed"
    assert order.action_done().state == "done"
    changes = [c for entry in order.history() for c in entry["changes"] if c["field"] == "state"]
    assert len(changes) == 3


def test_a_cancelled_order_can_become_a_quotation_again(env, make_order):
    order = make_order([{"description": "Service", "price_unit": "50"}])
    order.action_confirm()
    assert order.action_cancel().state == "cancelled"
    assert order.action_draft().state == "draft"


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        (["action_confirm", "action_done"], "action_confirm"),
        (["action_confirm", "action_done"], "action_cancel"),
        ([], "action_done"),
        ([], "action_draft"),
        (["action_send"], "action_send"),
    ],
)
def test_transitions_the_workflow_does_not_declare_are_refused(env, make_order, path, refused):
    order = make_order([{"description": "Service", "price_unit": "50"}])
    for step in path:
        getattr(order, step)()
    state = order.state
    with pytest.raises(ValidationError, match="cannot become"):
        getattr(order, refused)()
    assert order.state == state


def test_a_copy_is_a_new_quotation_of_today_with_the_same_lines_for_whoever_copies_it(
    env, make_order, drill, vat20, salesperson, manager
):
    order = make_order(
        [{"product": drill.id, "quantity": "2", "price_unit": "90", "discount": "5", "taxes": [vat20.id]}],
        date_order="2026-01-15",
        user=salesperson.id,
    )
    order.action_confirm()

    with as_user(env, manager) as manager_env:
        copy = manager_env["sales.order"].get(order.id).copy()

    assert (copy.state, copy.date_order, copy.user.id) == ("draft", env.today(), manager.id)
    assert copy.name != order.name
    assert [
        (line.product.id, line.quantity, line.price_unit, line.discount, [tax.id for tax in line.taxes])
        for line in copy.lines
    ] == [(drill.id, Decimal(2), Decimal(90), Decimal(5), [vat20.id])]
    assert amounts(copy) == amounts(order)


def test_an_order_without_lines_cannot_be_confirmed(env, make_order):
    with pytest.raises(ValidationError, match="no lines"):
        make_order().action_confirm()
