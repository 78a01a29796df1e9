"""Sorting through a many2one (``order="parent.name"``) under record rules: a target the user may
not read sorts as if it had no value, so the order of the rows the user sees never reveals the
values (or the existence) of records a rule hides; the rows themselves stay visible."""

import pytest

from core.testing import as_user
from core.testing import make_user


@pytest.fixture
def world(env):
    """In Alpha, contacts With secret (parent Aardvark Secret, Beta's, whose name sorts first),
    With zebra (parent Zebra Visible, Alpha's) and Orphan (no parent), created in that order; a
    user allowed in Alpha only and one allowed in both companies."""
    currency = env.ref("base.main_company").currency.id
    alpha, beta = (
        env["base.company"].create({"name": name, "currency": currency}) for name in ("Alpha", "Beta")
    )
    secret = env["base.partner"].create({"name": "Aardvark Secret", "is_company": True, "company": beta.id})
    visible = env["base.partner"].create({"name": "Zebra Visible", "is_company": True, "company": alpha.id})
    env["base.partner"].create(
        [
            {"name": "With secret", "company": alpha.id, "parent": secret.id},
            {"name": "With zebra", "company": alpha.id, "parent": visible.id},
            {"name": "Orphan", "company": alpha.id},
        ]
    )
    return {
        "alpha": make_user(env, "alpha_only", companies=[alpha]),
        "both": make_user(env, "both_companies", companies=[alpha, beta]),
    }


CONTACTS = [("name", "in", ["With secret", "With zebra", "Orphan"])]


def sorted_names(user_env, order):
    return [partner.name for partner in user_env["base.partner"].search(CONTACTS, order=order)]


def test_a_user_who_sees_the_targets_gets_them_sorted_by_name(env, world):
    with as_user(env, world["both"]) as both_env:
        assert sorted_names(both_env, "parent.name, id") == ["With secret", "With zebra", "Orphan"]
        assert sorted_names(both_env, "parent.name desc, id") == ["Orphan", "With zebra", "With secret"]


def test_a_target_hidden_by_a_rule_sorts_as_empty_and_its_row_stays_visible(env, world):
    """Empty values come last ascending and first descending, ties by id: With secret's hidden
    parent ranks with Orphan's missing one, so nothing tells Aardvark Secret comes first."""
    with as_user(env, world["alpha"]) as alpha_env:
        assert sorted_names(alpha_env, "parent.name, id") == ["With zebra", "With secret", "Orphan"]
        assert sorted_names(alpha_env, "parent.name desc, id") == ["With secret", "Orphan", "With zebra"]


def test_the_same_sort_cached_for_one_user_applies_the_next_users_own_rules(env, world):
    """One statement, run as each user in turn: the compiled SQL is reused with each user's companies."""
    for user, expected in (
        ("alpha", ["With zebra", "With secret", "Orphan"]),
        ("both", ["With secret", "With zebra", "Orphan"]),
        ("alpha", ["With zebra", "With secret", "Orphan"]),
    ):
        with as_user(env, world[user]) as user_env:
            assert sorted_names(user_env, "parent.name, id") == expected, user


def test_the_system_sorts_by_every_target(env, world):
    assert sorted_names(env, "parent.name, id") == ["With secret", "With zebra", "Orphan"]
