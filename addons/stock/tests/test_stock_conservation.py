"""Property: whatever transfers, returns and counts happen, each product's quantities add up to zero.

Every move takes from one location what it gives to another, and the
virtual locations (vendors, customers, inventory loss) go negative by what
came out of them; reserved quantities always equal what open move lines
hold, and never exceed what is on hand in internal locations.
"""

import decimal

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlalchemy import select

from core.errors import ValidationError
from core.orm.environment import Environment
from core.orm.sessions import session_factory

pytestmark = pytest.mark.addons("stock")
D = decimal.Decimal

operations = st.lists(
    st.tuples(
        st.sampled_from(["receive", "deliver", "ship_part", "return", "count", "cancel"]),
        st.integers(min_value=1, max_value=9),
    ),
    min_size=1,
    max_size=12,
)


def totals(env):
    table = env.registry["stock.quant"]._table
    return env.session.execute(
        select(table.c.product_id, func.sum(table.c.quantity)).group_by(table.c.product_id)
    ).all()


def reserved_matches_lines(env):
    quants = env.registry["stock.quant"]._table
    lines = env.registry["stock.move_line"]._table
    held = env.session.execute(select(func.coalesce(func.sum(lines.c.reserved), 0))).scalar()
    reserved = env.session.execute(select(func.coalesce(func.sum(quants.c.reserved_quantity), 0))).scalar()
    return D(str(held)).quantize(D("0.0001")) == D(str(reserved)).quantize(D("0.0001"))


def picking(env, kind, quantity, product):
    warehouse = env.ref("stock.warehouse_main")
    moves = [{"product": product.id, "quantity": str(quantity), "price_unit": "10"}]
    return (
        env["stock.picking"]
        .create({"kind": kind, "warehouse": warehouse.id, "moves": moves})
        .action_confirm()
    )


def apply(env, product, operation, quantity, done):
    if operation == "receive":
        picking(env, "incoming", quantity, product).action_validate()
    elif operation in ("deliver", "ship_part"):
        delivery = picking(env, "outgoing", quantity, product)
        if operation == "ship_part" and delivery.moves[0].lines:
            delivery.moves[0].lines[0].quantity = D(1)
        delivery.action_validate()
        done.append(delivery)
    elif operation == "return" and done:
        done.pop().action_return().action_validate()
    elif operation == "count":
        location = env.ref("stock.warehouse_main").lot_stock
        lines = [{"product": product.id, "counted": str(quantity)}]
        env["stock.adjustment"].create(
            {"name": "Count", "location": location.id, "lines": lines}
        ).action_apply()
    elif operation == "cancel":
        picking(env, "outgoing", quantity, product).action_cancel()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=operations)
def test_quantities_are_conserved(env, steps):
    # Each example in a session of its own, rolled back after: examples share nothing.
    session = session_factory(env.session.connection(), join_transaction_mode="create_savepoint")()
    run = Environment(env.registry, session)
    try:
        chair = run["product.product"].create({"name": "Chair", "type": "storable"})
        done = []
        for operation, quantity in steps:
            try:
                with session.begin_nested():
                    apply(run, chair, operation, quantity, done)
            except ValidationError:
                # Refused (nothing to ship, a count below the reservations): nothing changed.
                session.expunge_all()
                chair = run["product.product"].get(chair.id)
                done = [run["stock.picking"].get(p.id) for p in done]
            assert all(D(str(total)) == 0 for _product, total in totals(run))
            assert reserved_matches_lines(run)
    finally:
        session.close()
