"""`env.ref` remembers what an external id names for the transaction, and forgets it when that changes."""

import pytest

from core.errors import AccessError
from core.errors import MissingError
from core.testing import as_user
from core.testing import make_user
from core.testing.queries import count_queries


def name_partner(env, name):
    partner = env["base.partner"].create({"name": name})
    env["base.external_id"].create(
        {"addon": "tests", "name": name, "model": "base.partner", "res_id": partner.id}
    )
    env.flush()
    return partner


def test_asking_twice_for_the_same_external_id_queries_once(env):
    company = env.ref("base.main_company")
    with count_queries(env) as counter:
        assert env.ref("base.main_company") is company
    assert counter.count == 0


def test_an_external_id_moved_to_another_record_names_the_new_one(env):
    first, second = name_partner(env, "moving"), env["base.partner"].create({"name": "Second"})
    assert env.ref("tests.moving") == first
    [link] = env["base.external_id"].search([("addon", "=", "tests"), ("name", "=", "moving")])
    link.res_id = second.id
    env.flush()
    assert env.ref("tests.moving") == second


def test_a_deleted_external_id_names_nothing_any_more(env):
    name_partner(env, "gone")
    env.ref("tests.gone")
    env["base.external_id"].search([("addon", "=", "tests"), ("name", "=", "gone")]).unlink()
    with pytest.raises(MissingError):
        env.ref("tests.gone")


def test_an_external_id_rolled_back_with_its_savepoint_names_nothing(env):
    savepoint = env.session.begin_nested()
    name_partner(env, "undone")
    env.ref("tests.undone")
    savepoint.rollback()
    with pytest.raises(MissingError):
        env.ref("tests.undone")


def test_users_find_records_by_external_id_though_they_may_not_read_external_ids(env):
    clerk = make_user(env, "ref_clerk", ["base.group_user"])
    name_partner(env, "findable")
    with as_user(env, clerk) as clerk_env:
        with pytest.raises(AccessError):
            clerk_env["base.external_id"].search([])
        assert clerk_env.ref("tests.findable").name == "findable"
        assert clerk_env.ref("base.uom_unit").name
