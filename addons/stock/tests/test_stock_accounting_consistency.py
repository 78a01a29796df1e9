"""Property: whatever receipts, deliveries, returns and counts happen, the stock account follows the stock.

After every step, with the Tek Düzen chart:

* the balance of 153 Ticari Mallar is exactly the sum of the values of the
  done moves of storable goods (each posts its own value, nothing else
  books there);
* it differs from what is on hand times the average cost only by rounding.
  A delivery, a return to the vendor or a count shortage is valued at
  ``round(quantity × cost)``: at most half a cent off. A receipt (or a
  customer return, or a count surplus) is valued at ``round(quantity ×
  price)``, half a cent at most, and then the new average cost is rounded
  to the cent, which revalues everything on hand after it by up to half a
  cent a unit: ``(on hand after) × 0.005``. Nothing books those roundings
  back, so the difference is bounded by their sum, step after step.

With FIFO costing there is no such difference: the balance is exactly the
remaining value of the open cost layers.
"""

import decimal

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from addons.accounting.charts import load_chart
from addons.accounting.reporting import Filters
from addons.accounting.reporting import trial_balance
from addons.stock import ledger
from core.errors import ValidationError
from core.orm.environment import Environment
from core.orm.sessions import session_factory

pytestmark = pytest.mark.addons("stock", "accounting")
D = decimal.Decimal
HALF_CENT = D("0.005")
INCOMING = ("receive", "customer_return", "count")

operations = st.lists(
    st.tuples(
        st.sampled_from(["receive", "deliver", "ship_part", "customer_return", "vendor_return", "count"]),
        st.integers(min_value=1, max_value=9),
        st.integers(min_value=100, max_value=9999).map(lambda cents: D(cents) / 100),
    ),
    min_size=1,
    max_size=12,
)


def picking(env, kind, product, quantity, price=None):
    move = {"product": product.id, "quantity": str(quantity)}
    if price is not None:
        move["price_unit"] = str(price)
    warehouse = env.ref("stock.warehouse_main")
    return (
        env["stock.picking"]
        .create({"kind": kind, "warehouse": warehouse.id, "moves": [move]})
        .action_confirm()
    )


def apply(env, product, operation, quantity, price, history):
    if operation == "receive":
        receipt = picking(env, "incoming", product, quantity, price)
        receipt.action_validate()
        history["receipts"].append(receipt)
    elif operation in ("deliver", "ship_part"):
        delivery = picking(env, "outgoing", product, quantity)
        if operation == "ship_part" and delivery.moves[0].lines:
            delivery.moves[0].lines[0].quantity = D(1)
        delivery.action_validate()
        history["deliveries"].append(delivery)
    elif operation == "customer_return" and history["deliveries"]:
        history["deliveries"].pop().action_return().action_validate()
    elif operation == "vendor_return" and history["receipts"]:
        receipt = history["receipts"].pop()
        receipt.action_return({receipt.moves[0].id: "1"}).action_validate()
    elif operation == "count":
        location = env.ref("stock.warehouse_main").lot_stock
        lines = [{"product": product.id, "counted": str(quantity)}]
        env["stock.adjustment"].create(
            {"name": "Count", "location": location.id, "lines": lines}
        ).action_apply()


def book_balance(env, company_id, account_id):
    [row] = trial_balance(env, Filters(company=company_id), [account_id]) or [None]
    return row.closing if row is not None else D(0)


def moved_value(env):
    """The sum of the values of done moves of storable goods (positive in, negative out)."""
    moves = env["stock.move"].search([("state", "=", "done"), ("product.type", "=", "storable")])
    return sum((move.value for move in moves), D(0))


def on_hand(env, product):
    internal = env["stock.location"].search([("usage", "=", "internal")]).ids
    return ledger.quantities(env, [product.id], internal)[product.id].on_hand


@pytest.fixture
def company(env):
    company = env.ref("base.main_company")
    load_chart(env, company, "tr_tdhp")
    env.flush()
    return company


def run_steps(env, company, steps, cost_method, check):
    """Apply ``steps`` to a new chair of a category costed ``cost_method`` in a session of its own (rolled
    back after, so examples share nothing); ``check(env, chair, operation, books)`` after each step done."""
    session = session_factory(env.session.connection(), join_transaction_mode="create_savepoint")()
    run = Environment(env.registry, session)
    try:
        stock_account = run["base.company"].get(company.id).default_stock_valuation_account.id
        category = run["product.category"].create({"name": "Chairs", "cost_method": cost_method})
        chair = run["product.product"].create({"name": "Chair", "type": "storable", "category": category.id})
        history = {"receipts": [], "deliveries": []}
        for operation, quantity, price in steps:
            try:
                with session.begin_nested():
                    apply(run, chair, operation, quantity, price, history)
            except ValidationError:
                # Refused (nothing to ship, a count below the reservations): nothing changed.
                session.expunge_all()
                chair = run["product.product"].get(chair.id)
                history = {
                    key: [run["stock.picking"].get(p.id) for p in done] for key, done in history.items()
                }
                continue
            books = book_balance(run, company.id, stock_account)
            assert books == moved_value(run)
            check(run, chair, operation, books)
    finally:
        session.close()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_the_stock_account_equals_the_stock_value_up_to_the_average_costs_rounding(env, company, steps):
    bound = [D(0)]

    def check(run, chair, operation, books):
        bound[0] += HALF_CENT * (1 + on_hand(run, chair)) if operation in INCOMING else HALF_CENT
        difference = books - on_hand(run, chair) * chair.cost
        assert abs(difference) <= bound[0], (steps, difference, bound[0])

    run_steps(env, company, steps, "average", check)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_with_fifo_the_stock_account_is_the_value_of_the_open_cost_layers(env, company, steps):
    def check(run, chair, operation, books):
        layers = run["stock.cost_layer"].search([("product", "=", chair.id)])
        assert books == sum((layer.remaining_value for layer in layers), D(0)), steps
        assert on_hand(run, chair) == sum((layer.remaining_quantity for layer in layers), D(0)), steps

    run_steps(env, company, steps, "fifo", check)
