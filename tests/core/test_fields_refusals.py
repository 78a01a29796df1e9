"""What fields refuse, with a message a user can act on, before the database sees the value.

Numbers beyond what their column holds, and numbers that are not finite, are
field errors on both databases (PostgreSQL would otherwise fail the whole
statement, SQLite would store them); a misdeclared selection extension is a
build error naming the addon, its file and the field.
"""

import decimal

import pytest

from core.database import build_registry
from core.errors import ConfigError
from core.errors import DomainError
from core.errors import ValidationError

pytestmark = pytest.mark.addons("orm_orders")

D = decimal.Decimal


@pytest.fixture
def acme(env):
    return env["base.partner"].create({"name": "Acme"})


def create_order(env, acme, **vals):
    return env["orm_orders.order"].create({"name": "SO1", "partner": acme.id, **vals})


def refusal(env, acme, **vals):
    """The field messages creating an order with ``vals`` is refused with.

    The refused record is not left behind either: the next query (which
    flushes) runs, and finds no order.
    """
    counts = [env[model].search_count([]) for model in ("orm_orders.order", "orm_orders.order_line")]
    with pytest.raises(ValidationError) as caught:
        create_order(env, acme, **vals)
    assert [env[model].search_count([]) for model in ("orm_orders.order", "orm_orders.order_line")] == counts
    return caught.value.fields


# -- decimals: digits=(precision, scale) ------------------------------------------------------


def test_a_decimal_with_more_whole_digits_than_declared_is_refused(env, acme):
    # discount is digits=(5, 2): three digits before the point.
    assert refusal(env, acme, discount="1000") == {"discount": "At most 3 digits before the decimal point."}


def test_a_decimal_that_rounds_past_its_whole_digits_is_refused(env, acme):
    line = {"name": "Crate"}
    # price is digits=(12, 2): ten digits before the point.
    order = create_order(env, acme, lines=[{**line, "price": "9999999999.994"}])
    env.session.expire_all()
    assert order.lines[0].price == D("9999999999.99")
    fields = refusal(env, acme, lines=[{**line, "price": "9999999999.995"}])
    assert fields == {"price": "At most 10 digits before the decimal point."}


def test_a_decimal_with_a_huge_exponent_is_refused(env, acme):
    assert refusal(env, acme, discount="1e30") == {"discount": "At most 3 digits before the decimal point."}


def test_a_decimal_with_a_tiny_exponent_rounds_to_zero(env, acme):
    assert create_order(env, acme, discount="1e-30").discount == D("0.00")


# -- integers: a 32-bit column on both databases ----------------------------------------------


@pytest.mark.parametrize("value", [2**31 - 1, -(2**31)])
def test_an_integer_at_the_limits_of_its_column_is_kept(env, acme, value):
    order = create_order(env, acme, priority=value)
    env.session.expire_all()
    assert order.priority == value


@pytest.mark.parametrize("value", [2**31, -(2**31) - 1, "1e20"])
def test_an_integer_beyond_its_column_is_refused(env, acme, value):
    message = "Enter a whole number between -2147483648 and 2147483647."
    assert refusal(env, acme, priority=value) == {"priority": message}


@pytest.mark.parametrize("value", ["inf", "NaN"])
def test_an_integer_that_is_not_finite_is_refused(env, acme, value):
    assert refusal(env, acme, priority=value) == {"priority": "Enter a whole number."}


def test_a_domain_value_beyond_the_column_is_a_domain_error(env):
    with pytest.raises(DomainError, match="priority: Enter a whole number between"):
        env["orm_orders.order"].search([("priority", "=", 2**40)])


# -- floats -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "inf", float("-inf")])
def test_a_float_that_is_not_finite_is_refused(env, acme, value):
    assert refusal(env, acme, weight=value) == {"weight": "Enter a number."}


def test_a_float_keeps_a_large_finite_value(env, acme):
    order = create_order(env, acme, weight="1.5e300")
    env.session.expire_all()
    assert order.weight == 1.5e300


# -- selection extensions ---------------------------------------------------------------------


def test_selection_add_after_a_missing_value_fails_the_build_naming_addon_file_and_field(db):
    with pytest.raises(ConfigError) as caught:
        build_registry(["orm_selection_after_unknown"], db.available)
    message = caught.value.message
    assert message.startswith(
        "addon orm_selection_after_unknown: "
        "tests/fixture_addons/orm_selection_after_unknown/models/order.py: orm_orders.order.state: "
    )
    assert "after 'approved', which is not one of its values (draft, confirmed, done)" in message
