"""A violated SQL constraint comes back as a `ConflictError` with the message the model declares.

Both databases report violations differently (PostgreSQL names the
constraint, SQLite names the columns of a unique one); the user sees the same
declared message either way, never another constraint's or a generic one.
"""

import pytest

from core.errors import ConflictError

pytestmark = pytest.mark.addons("orm_slots")


@pytest.fixture
def ann(env):
    return env["base.partner"].create({"name": "Ann"})


def book(env, organizer, **vals):
    vals = {"room": "Blue", "organizer": organizer.id, "day": "2026-05-04", **vals}
    return env["orm_slots.slot"].create(vals)


def test_a_unique_pair_including_a_many2one_reports_its_message(env, ann):
    book(env, ann)
    with pytest.raises(ConflictError) as caught:
        book(env, ann, room="Green")
    assert caught.value.message == "An organizer books one slot a day."


def test_the_same_pair_on_another_day_is_accepted(env, ann):
    book(env, ann)
    book(env, ann, day="2026-05-05")
    assert env["orm_slots.slot"].search_count([("organizer", "=", ann.id)]) == 2


@pytest.mark.parametrize(
    ("capacity", "message"),
    [(0, "A slot holds at least one person."), (80, "A slot holds at most 50 people.")],
)
def test_a_check_reports_its_own_message_when_another_name_starts_the_same(env, ann, capacity, message):
    with pytest.raises(ConflictError) as caught:
        book(env, ann, capacity=capacity)
    assert caught.value.message == message


def test_a_check_on_a_long_table_name_reports_its_message(env):
    with pytest.raises(ConflictError) as caught:
        env["orm_slots.recurring_reservation"].create(
            {"name": "Weekly review", "starts": "2026-05-04", "ends": "2026-05-01"}
        )
    assert caught.value.message == "A reservation ends after it starts."


def test_constraints_are_named_once_by_table_and_key(env):
    tables = env.registry.tables
    names = {c.name for c in tables["orm_slots.slot"].constraints if c.name.startswith(("uq_", "ck_"))}
    assert names == {
        "uq_orm_slots_slot_organizer_day",
        "ck_orm_slots_slot_capacity",
        "ck_orm_slots_slot_capacity_max",
    }
    (check,) = [c for c in tables["orm_slots.recurring_reservation"].constraints if c.name.startswith("ck_")]
    assert check.name == "ck_orm_slots_recurring_reservation_ends_after_it_starts"
