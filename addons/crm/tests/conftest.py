"""Fixtures of crm's tests: salespeople, a manager, a team of three, the shipped stages."""

import pytest

from core.testing import make_user


@pytest.fixture
def stages(env):
    """The shipped stages by short name: new (10 %), qualified (30 %), proposition (60 %), won."""
    return {name: env.ref(f"crm.stage_{name}") for name in ("new", "qualified", "proposition", "won")}


@pytest.fixture
def selin(env):
    return make_user(env, "selin", groups=["crm.group_user"])


@pytest.fixture
def gabor(env):
    return make_user(env, "gabor", groups=["crm.group_user"])


@pytest.fixture
def manager(env):
    return make_user(env, "maria", groups=["crm.group_manager"])


@pytest.fixture
def team(env, selin, gabor):
    third = make_user(env, "darius", groups=["crm.group_user"])
    return env["crm.team"].create(
        {"name": "İstanbul", "leader": selin.id, "members": [selin.id, gabor.id, third.id]}
    )


@pytest.fixture
def make_lead(env):
    """Create a lead with a subject and the given values."""
    counter = iter(range(1, 10_000))

    def make(**values):
        values.setdefault("name", f"Lead {next(counter)}")
        return env["crm.lead"].create(values)

    return make
