"""FIFO costing: goods leave at the cost of the oldest goods on hand, kept as cost layers per receipt."""

import decimal

import pytest

pytestmark = pytest.mark.addons("stock")
D = decimal.Decimal


@pytest.fixture
def fifo_chair(env, chair):
    chair.category = env["product.category"].create({"name": "Costed FIFO", "cost_method": "fifo"})
    return chair


def open_layers(env, product):
    layers = env["stock.cost_layer"].search([("product", "=", product.id)], order="id")
    return [
        (layer.quantity, layer.unit_cost, layer.remaining_quantity, layer.remaining_value) for layer in layers
    ]


def test_a_delivery_takes_the_oldest_layers_first(env, receive, make_picking, fifo_chair):
    receive((fifo_chair, 10, "30.00"))
    receive((fifo_chair, 5, "36.00"))
    assert fifo_chair.cost == D("32.00")  # what is on hand is worth 480.00 for 15
    delivery = make_picking("outgoing", (fifo_chair, 12))
    delivery.action_validate()
    # 10 × 30.00 + 2 × 36.00 = 372.00, 31.00 a unit; 3 chairs at 36.00 are left.
    assert (delivery.moves[0].value, delivery.moves[0].price_unit) == (D("-372.00"), D("31.00"))
    assert open_layers(env, fifo_chair) == [(10, D("30.00"), 0, 0), (5, D("36.00"), 3, D("108.00"))]
    assert fifo_chair.cost == D("36.00")
    last = make_picking("outgoing", (fifo_chair, 3))
    last.action_validate()
    assert last.moves[0].value == D("-108.00")


def test_the_last_unit_of_a_layer_takes_what_the_rounding_left(env, receive, make_picking, fifo_chair):
    receive((fifo_chair, 3, "3.333333"))  # 10.00 for three
    values = []
    for _unit in range(3):
        delivery = make_picking("outgoing", (fifo_chair, 1))
        delivery.action_validate()
        values.append(delivery.moves[0].value)
    assert values == [D("-3.33"), D("-3.33"), D("-3.34")]


def test_a_return_to_the_vendor_takes_its_own_receipt_first(env, receive, make_picking, fifo_chair):
    receive((fifo_chair, 10, "30.00"))
    second = receive((fifo_chair, 5, "36.00"))
    back = second.action_return({second.moves[0].id: "2"})
    back.action_validate()
    assert back.moves[0].value == D("-72.00")
    delivery = make_picking("outgoing", (fifo_chair, 10))
    delivery.action_validate()
    assert delivery.moves[0].value == D("-300.00")


def test_a_customer_return_comes_back_as_a_layer_at_the_price_it_left_with(
    env, receive, make_picking, fifo_chair
):
    receive((fifo_chair, 10, "30.00"), (fifo_chair, 5, "36.00"))
    delivery = make_picking("outgoing", (fifo_chair, 12))
    delivery.action_validate()
    delivery.action_return({delivery.moves[0].id: "2"}).action_validate()
    assert open_layers(env, fifo_chair)[-1] == (2, D("31.00"), 2, D("62.00"))


def test_counts_take_the_oldest_layers_and_add_at_the_current_cost(env, receive, stock, fifo_chair):
    receive((fifo_chair, 10, "30.00"))
    receive((fifo_chair, 5, "36.00"))

    def count(counted):
        lines = [{"product": fifo_chair.id, "counted": str(counted)}]
        adjustment = env["stock.adjustment"].create({"name": "Count", "location": stock.id, "lines": lines})
        adjustment.action_apply()
        return env["stock.move"].search([("origin", "=", "Count")], order="id")[-1]

    assert count(13).value == D("-60.00")  # two of the oldest, at 30.00
    assert fifo_chair.cost == D("32.31")  # 8 × 30 + 5 × 36 = 420.00 for 13, rounded
    assert count(14).value == D("32.31")


def test_an_average_costed_category_keeps_no_layers(env, receive, chair):
    chair.category = env["product.category"].create({"name": "Averaged", "cost_method": "average"})
    receive((chair, 10, "30.00"))
    assert env["stock.cost_layer"].search_count([("product", "=", chair.id)]) == 0


def test_a_category_takes_its_parents_costing_method(env, receive, chair):
    parent = env["product.category"].create({"name": "Costed FIFO", "cost_method": "fifo"})
    chair.category = env["product.category"].create({"name": "Chairs", "parent": parent.id})
    receive((chair, 10, "30.00"))
    assert open_layers(env, chair) == [(10, D("30.00"), 10, D("300.00"))]
