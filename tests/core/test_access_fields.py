"""Field groups: `base.user.password_hash` belongs to administrators (base.group_system).

An internal user reads users without it, and every way of asking for it (by name,
in a domain, in a grouping, in a sort, in a write) is refused; an administrator can.
"""

import pytest

from core.errors import AccessError
from core.testing import as_user
from core.testing import make_user


@pytest.fixture
def clerk(env):
    return make_user(env, "clerk", ["base.group_user"], password="correct horse battery")


@pytest.fixture
def admin(env):
    return make_user(env, "boss", ["base.group_system"], password="correct horse battery")


def assert_refused(caught):
    message = caught.value.message
    assert "argon2" not in message
    assert "User" in message


def test_reading_a_user_without_names_leaves_the_restricted_field_out(env, clerk):
    with as_user(env, clerk) as user_env:
        [me] = user_env["base.user"].browse([clerk.id])
        assert "password_hash" not in me.read()
        assert "login" in me.read()
        assert all("password_hash" not in row for row in user_env["base.user"].browse([clerk.id]).read())
        rows = user_env["base.user"].search_read([("id", "=", clerk.id)])
        assert rows and "password_hash" not in rows[0]
        assert "argon2" not in repr(rows)


@pytest.mark.parametrize(
    "path",
    [
        "read",
        "recordset read",
        "search_read",
        "search_read with id",
    ],
)
def test_asking_for_the_restricted_field_by_name_is_refused(env, clerk, path):
    calls = {
        "read": lambda users: users.browse([clerk.id])[0].read(["login", "password_hash"]),
        "recordset read": lambda users: users.browse([clerk.id]).read(["password_hash"]),
        "search_read": lambda users: users.search_read([], ["password_hash"]),
        "search_read with id": lambda users: users.search_read([], ["id", "password_hash"]),
    }
    with as_user(env, clerk) as user_env:
        with pytest.raises(AccessError) as caught:
            calls[path](user_env["base.user"])
    assert_refused(caught)


@pytest.mark.parametrize(
    ("model", "domain"),
    [
        ("base.user", [("password_hash", "!=", None)]),
        ("base.user", [("password_hash", "like", "$argon2id$")]),
        ("base.user", ["|", ("login", "=", "clerk"), ("password_hash", "not set", None)]),
        ("base.group", [("users.password_hash", "like", "$argon2")]),
    ],
    ids=repr,
)
def test_a_domain_on_the_restricted_field_is_refused(env, clerk, model, domain):
    with as_user(env, clerk) as user_env:
        for call in (
            lambda m: m.search(domain),
            lambda m: m.search_count(domain),
            lambda m: m.search_read(domain, ["id"]),
            lambda m: m.read_group(domain, []),
        ):
            with pytest.raises(AccessError) as caught:
                call(user_env[model])
            assert_refused(caught)


@pytest.mark.parametrize(
    ("groupby", "aggregates"),
    [
        (["password_hash"], ["id:count"]),
        ([], ["password_hash:count"]),
        ([], ["password_hash:count_distinct"]),
        (["login"], ["password_hash:count"]),
    ],
)
def test_read_group_on_the_restricted_field_is_refused(env, clerk, groupby, aggregates):
    with as_user(env, clerk) as user_env:
        with pytest.raises(AccessError) as caught:
            user_env["base.user"].read_group([], groupby, aggregates)
    assert_refused(caught)


@pytest.mark.parametrize("path", ["search", "search_read"])
def test_sorting_by_the_restricted_field_is_refused(env, clerk, path):
    """Sorted results would tell the hash's order between users, one comparison at a time."""
    with as_user(env, clerk) as user_env:
        users = user_env["base.user"]
        with pytest.raises(AccessError) as caught:
            if path == "search":
                users.search([], order="password_hash")
            else:
                users.search_read([], ["login"], order="password_hash desc")
    assert_refused(caught)


def test_sorting_through_a_many2one_by_the_restricted_field_is_refused(env, clerk):
    with as_user(env, clerk) as user_env:
        partners = user_env["base.partner"]
        assert partners.search([], order="created_by.login, id")  # a visible field of the user: fine
        with pytest.raises(AccessError) as caught:
            partners.search([], order="created_by.password_hash")
    assert_refused(caught)


def test_writing_the_restricted_field_is_refused_even_with_the_write_right(env, clerk):
    env["base.access"].create(
        {"model": "base.user", "group": env.ref("base.group_user").id, "can_write": True, "can_create": True}
    )
    with as_user(env, clerk) as user_env:
        [me] = user_env["base.user"].browse([clerk.id])
        me.write({"email": "clerk@example.com"})
        user_env.flush()
        with pytest.raises(AccessError) as caught:
            me.write({"password_hash": "chosen"})
        assert_refused(caught)
        with pytest.raises(AccessError):
            user_env["base.user"].browse([clerk.id]).write({"password_hash": "chosen"})
        with pytest.raises(AccessError):
            user_env["base.user"].create({"login": "new", "name": "New", "password_hash": "chosen"})
        with pytest.raises(AccessError):
            user_env["base.user"].create(
                [
                    {"login": "new1", "name": "New", "password_hash": "chosen"},
                    {"login": "new2", "name": "New"},
                ]
            )
    assert env["base.user"].browse([clerk.id])[0].password_hash.startswith("$argon2id$")


def test_an_administrator_reads_searches_groups_and_writes_the_restricted_field(env, clerk, admin):
    with as_user(env, admin) as user_env:
        users = user_env["base.user"]
        [row] = users.search_read([("id", "=", clerk.id)], ["password_hash"])
        assert row["password_hash"].startswith("$argon2id$")
        assert "password_hash" in users.browse([clerk.id])[0].read()
        assert clerk.id in users.search([("password_hash", "like", "$argon2id$")]).ids
        assert users.search([], order="password_hash").ids
        groups = users.read_group([("id", "=", clerk.id)], [], ["password_hash:count"])
        assert groups[0]["password_hash:count"] == 1
        users.browse([clerk.id])[0].write({"password_hash": "replaced"})
        user_env.flush()
        user_env.session.commit()
    assert env["base.user"].browse([clerk.id])[0].password_hash == "replaced"
