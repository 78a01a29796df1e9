"""A confirmed, done or cancelled order keeps its lines and amounts, whatever path tries to change them."""

from decimal import Decimal

import pytest

from core.errors import ValidationError

pytestmark = pytest.mark.addons("sales")

LOCKED = "is “{state}”: its lines and amounts can no longer change."


@pytest.fixture
def draft(make_order, drill, vat20):
    return make_order([{"product": drill.id, "quantity": "2", "taxes": [vat20.id]}])


def in_state(order, state):
    """``order`` moved along the workflow to ``state``."""
    order.action_confirm()
    if state == "done":
        order.action_done()
    elif state == "cancelled":
        order.action_cancel()
    return order


@pytest.fixture(params=[("confirmed", "Sales order"), ("done", "Done"), ("cancelled", "Cancelled")])
def locked(request, draft):
    state, label = request.param
    return in_state(draft, state), label


def test_a_line_cannot_be_added_through_the_order(env, locked, drill):
    order, label = locked
    with pytest.raises(ValidationError, match=LOCKED.format(state=label)) as refused:
        order.write({"lines": [{"id": order.lines[0].id}, {"product": drill.id, "quantity": "1"}]})
    assert refused.value.fields == {"lines": "Locked in this state."}


def test_a_line_naming_the_order_cannot_be_created(env, locked, drill):
    order, label = locked
    with pytest.raises(ValidationError, match=LOCKED.format(state=label)):
        env["sales.order_line"].create([{"order": order.id, "product": drill.id, "quantity": "1"}])


@pytest.mark.parametrize(
    ("name", "value"),
    [("quantity", "3"), ("price_unit", "90"), ("discount", "10"), ("product", None), ("taxes", [])],
)
def test_what_a_line_sells_and_for_how_much_cannot_change(env, locked, name, value):
    order, _ = locked
    line = order.lines[0]
    with pytest.raises(ValidationError) as refused:
        line.write({name: value})
    assert refused.value.fields == {name: "Locked in this state."}
    assert (line.quantity, line.price_unit, order.amount_total) == (Decimal(2), Decimal(100), Decimal(240))


def test_a_line_cannot_be_removed_through_the_order_or_deleted(env, locked):
    order, label = locked
    with pytest.raises(ValidationError, match=LOCKED.format(state=label)):
        order.write({"lines": []})
    with pytest.raises(ValidationError, match=LOCKED.format(state=label)):
        order.lines[0].unlink()


def test_its_currency_and_tax_rounding_cannot_change(env, locked):
    order, _ = locked
    with pytest.raises(ValidationError) as refused:
        order.write({"currency": env.ref("base.currency_try").id, "tax_rounding": "per_total"})
    assert refused.value.fields == {
        "currency": "Locked in this state.",
        "tax_rounding": "Locked in this state.",
    }


def test_values_that_stay_the_same_and_descriptions_can_be_written(env, locked):
    order, _ = locked
    line = order.lines[0]
    order.write({"currency": order.currency.id, "lines": [{"id": line.id, "quantity": "2.0"}]})
    line.write({"description": "Drill, with its case", "sequence": 5})
    env.flush()
    assert (line.description, line.quantity) == ("Drill, with its case", Decimal(2))


def test_quotations_stay_editable(env, draft, drill):
    draft.action_send()
    draft.write(
        {"lines": [{"id": draft.lines[0].id, "quantity": "3"}, {"product": drill.id, "quantity": "1"}]}
    )
    env.flush()
    assert [line.quantity for line in draft.lines] == [Decimal(3), Decimal(1)]
    draft.lines[1].unlink()
    env.flush()
    assert draft.amount_untaxed == Decimal(300)


def test_a_cancelled_order_set_back_to_quotation_can_change_again(env, draft):
    in_state(draft, "cancelled").action_draft()
    draft.lines[0].write({"quantity": "5"})
    env.flush()
    assert draft.amount_untaxed == Decimal(500)
