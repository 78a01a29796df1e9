"""Constraints: required fields, ``@constrains`` methods, SQL Unique and Check with their messages."""

import pytest
from sqlalchemy import text

from core.errors import ConflictError
from core.errors import ValidationError

pytestmark = pytest.mark.addons("orm_orders")


@pytest.fixture
def acme(env):
    return env["base.partner"].create({"name": "Acme"})


# -- required ------------------------------------------------------------------------------


def test_creating_without_required_fields_names_each_of_them(env):
    with pytest.raises(ValidationError) as caught:
        env["orm_orders.order"].create({"note": "no name, no partner"})
    assert caught.value.fields == {"name": "This field is required.", "partner": "This field is required."}
    assert caught.value.message == "Order: Name, Partner required."


def test_a_required_field_cannot_be_emptied(env, acme):
    order = env["orm_orders.order"].create({"name": "SO1", "partner": acme.id})
    order.write({"name": "   "})
    with pytest.raises(ValidationError) as caught:
        env.flush()
    assert caught.value.fields == {"name": "This field is required."}


def test_a_refused_batch_writes_none_of_its_records(env, acme):
    with pytest.raises(ValidationError):
        env["orm_orders.order"].create([{"name": "SO1", "partner": acme.id}, {"name": "SO2"}])
    with env.session.no_autoflush:
        assert env.session.scalar(text("SELECT count(*) FROM orm_orders_order")) == 0


# -- @constrains ---------------------------------------------------------------------------


def test_a_constraint_method_refuses_a_new_record(env, acme):
    with pytest.raises(ValidationError) as caught:
        env["orm_orders.order"].create({"name": "SO1", "partner": acme.id, "state": "confirmed"})
    assert caught.value.fields == {"date": "A confirmed order needs a date."}


def test_a_constraint_method_runs_when_a_watched_field_changes(env, acme):
    order = env["orm_orders.order"].create({"name": "SO1", "partner": acme.id})
    order.write({"state": "confirmed"})
    with pytest.raises(ValidationError, match="A confirmed order needs a date"):
        env.flush()


def test_a_constraint_method_runs_when_another_watched_field_changes(env, acme):
    order = env["orm_orders.order"].create(
        {"name": "SO1", "partner": acme.id, "state": "confirmed", "date": "2026-01-05"}
    )
    order.write({"date": None})
    with pytest.raises(ValidationError, match="A confirmed order needs a date"):
        env.flush()


def test_a_constraint_method_does_not_run_when_other_fields_change(env, acme):
    order = env["orm_orders.order"].create(
        {"name": "SO1", "partner": acme.id, "state": "confirmed", "date": "2026-01-05"}
    )
    env.session.execute(text("UPDATE orm_orders_order SET date = NULL WHERE id = :id"), {"id": order.id})
    env.session.expire(order)
    order.write({"note": "legacy row, edited anyway"})
    env.flush()
    assert env["orm_orders.order"].search_count([("note", "=", "legacy row, edited anyway")]) == 1


@pytest.mark.addons("orm_points")
def test_a_constraint_method_declared_by_an_extension_runs(env):
    partner = env["base.partner"].create({"name": "Acme"})
    partner.add_points(-5)
    with pytest.raises(ValidationError) as caught:
        env.flush()
    assert caught.value.fields == {"points": "Points cannot be negative."}


# -- SQL constraints -----------------------------------------------------------------------


def test_a_duplicate_unique_value_raises_conflict_with_the_declared_message(env):
    env["orm_orders.tag"].create({"name": "vip"})
    with pytest.raises(ConflictError) as caught:
        env["orm_orders.tag"].create({"name": "vip"})
    assert caught.value.message == "Another tag has this name."
    assert caught.value.code == 409


def test_a_duplicate_unique_value_in_one_batch_raises_conflict(env):
    with pytest.raises(ConflictError, match="Another tag has this name."):
        env["orm_orders.tag"].create([{"name": "vip"}, {"name": "rush"}, {"name": "vip"}])


def test_writing_a_taken_unique_value_raises_conflict(env):
    env["orm_orders.tag"].create({"name": "vip"})
    rush = env["orm_orders.tag"].create({"name": "rush"})
    rush.write({"name": "vip"})
    with pytest.raises(ConflictError, match="Another tag has this name."):
        env.flush()


def test_a_check_constraint_raises_conflict_with_its_message(env, acme):
    order = env["orm_orders.order"].create({"name": "SO1", "partner": acme.id})
    order.write({"discount": 150})
    with pytest.raises(ConflictError) as caught:
        env.flush()
    assert caught.value.message == "A discount is between 0 and 100 percent."


def test_each_models_check_has_its_own_message(env, acme):
    order = env["orm_orders.order"].create({"name": "SO1", "partner": acme.id})
    with pytest.raises(ConflictError, match="A quantity cannot be negative."):
        env["orm_orders.order_line"].create({"order": order.id, "name": "Pen", "quantity": -1})
