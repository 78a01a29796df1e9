"""``env.record``: the record a many2one value names, as code completing values reads it."""

import pytest

from core.testing import as_user
from core.testing import make_user


@pytest.fixture
def acme(env):
    return env["base.partner"].create({"name": "Acme"})


def test_an_id_or_the_record_itself_gives_the_record(env, acme):
    assert env.record("base.partner", acme.id) is acme
    assert env.record("base.partner", acme) is acme


@pytest.mark.parametrize("value", [None, False, 0, "1", 1.0, True])
def test_no_value_or_anything_but_an_id_gives_none(env, value):
    assert env.record("base.partner", value) is None


def test_an_id_of_no_record_gives_none(env, acme):
    assert env.record("base.partner", acme.id + 1000) is None


def test_a_record_of_another_model_gives_none(env, acme):
    assert env.record("base.company", acme) is None


def test_a_record_the_user_may_not_read_gives_none(env):
    other = env["base.company"].create({"name": "Other Co", "currency": env.ref("base.currency_eur").id})
    hidden = env["base.partner"].create({"name": "Theirs", "company": other.id})
    with as_user(env, make_user(env, "reader")) as user_env:
        assert user_env.record("base.partner", hidden.id) is None
