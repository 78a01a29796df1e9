"""API keys: made once in clear, stored hashed, sent as a bearer token, scoped to their user."""

import datetime as dt
import hashlib

import pytest
from sqlalchemy import select
from sqlalchemy import update
from werkzeug.routing import Rule
from werkzeug.test import Client
from werkzeug.wrappers import Response

from core.api import keys
from core.errors import AccessError
from core.errors import MissingError
from core.errors import UserError
from core.web import create_app

SECRET = "k" * 40


@pytest.fixture(scope="module")
def api_db(tessera_databases):
    with tessera_databases.installed("api_keys", ["base"]) as db:
        yield db


def echo(request, **values):
    """Who the request runs as, and whether it may read base.access (needs admin rights)."""
    env = request.env
    return Response(f"{env.user_id}:{env.access.allows('base.access', 'read')}")


@pytest.fixture(scope="module")
def app(api_db):
    app = create_app(api_db, secret_key=SECRET)
    app.url_map.add(Rule("/test/whoami", endpoint=echo, methods=["GET", "POST"]))
    return app


@pytest.fixture
def client(app):
    return Client(app)


_users = iter(range(10_000))


def make_user(db, *groups):
    login = f"keyuser{next(_users)}"
    with db.transaction() as env:
        user = env["base.user"].create(
            {"login": login, "name": login, "groups": [env.ref(group).id for group in groups]}
        )
        return user.id


@pytest.fixture
def user_id(api_db):
    return make_user(api_db, "base.group_user")


def generate(db, uid, name="script", **kwargs):
    with db.transaction(user_id=uid) as env:
        return env.registry["base.api_key"].generate(env, name, **kwargs)


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


def stored(db, key):
    with db.transaction() as env:
        table = env.registry["base.api_key"]._table
        return env.session.execute(select(table).where(table.c.prefix == key[4:12])).one()


def test_generate_returns_the_key_once_and_stores_only_its_hash(api_db, user_id):
    key = generate(api_db, user_id, "Nightly export")
    assert key.startswith("tsk_") and len(key) > 40
    row = stored(api_db, key)
    assert row.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {str(value) for value in row}
    assert (row.name, row.user_id, row.active, row.last_used_at) == ("Nightly export", user_id, True, None)
    assert generate(api_db, user_id) != generate(api_db, user_id)


def test_a_bearer_key_runs_the_request_as_its_user_with_that_users_rights(client, api_db, user_id):
    admin_id = make_user(api_db, "base.group_system")
    plain = client.get("/test/whoami", headers=bearer(generate(api_db, user_id)))
    admin = client.get("/test/whoami", headers=bearer(generate(api_db, admin_id)))
    assert plain.get_data(as_text=True) == f"{user_id}:False"
    assert admin.get_data(as_text=True) == f"{admin_id}:True"
    assert "Set-Cookie" not in plain.headers


def test_a_plain_users_key_cannot_read_what_the_user_cannot(client, api_db, user_id):
    def read_access(request):
        return Response(str(request.env["base.access"].search_count([])))

    app = create_app(api_db, secret_key=SECRET)
    app.url_map.add(Rule("/test/access", endpoint=read_access))
    response = Client(app).get("/test/access", headers=bearer(generate(api_db, user_id)))
    assert response.status_code == 403
    assert response.json["error"] == "AccessError"


@pytest.mark.parametrize(
    "key",
    ["", "tsk_", "not-a-key", "tsk_00000000_wrong", "Basic abc"],
    ids=["empty", "prefix-only", "garbage", "unknown", "basic"],
)
def test_a_wrong_key_is_refused_with_401_json(client, key):
    response = client.get("/test/whoami", headers=bearer(key))
    assert response.status_code == 401
    assert response.json == {"error": "Unauthorized", "message": keys.REFUSED}
    assert response.headers["WWW-Authenticate"].lower().startswith("bearer")


def test_a_key_with_the_right_prefix_but_a_wrong_secret_is_refused(client, api_db, user_id):
    key = generate(api_db, user_id)
    assert client.get("/test/whoami", headers=bearer(key[:-2] + "xx")).status_code == 401


def test_a_revoked_key_is_refused(client, api_db, user_id):
    key = generate(api_db, user_id)
    assert client.get("/test/whoami", headers=bearer(key)).status_code == 200
    with api_db.transaction(user_id=user_id) as env:
        (record,) = env["base.api_key"].search([("prefix", "=", key[4:12])])
        record.revoke()
    assert client.get("/test/whoami", headers=bearer(key)).status_code == 401


def test_an_expired_key_is_refused(client, api_db, user_id):
    key = generate(api_db, user_id, expires_at=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1))
    assert client.get("/test/whoami", headers=bearer(key)).status_code == 200
    with api_db.transaction() as env:
        table = env.registry["base.api_key"]._table
        past = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        env.session.execute(update(table).where(table.c.prefix == key[4:12]).values(expires_at=past))
    assert client.get("/test/whoami", headers=bearer(key)).status_code == 401


def test_an_archived_users_keys_stop_working(client, api_db):
    uid = make_user(api_db, "base.group_user")
    key = generate(api_db, uid)
    with api_db.transaction() as env:
        env["base.user"].get(uid).write({"active": False})
    assert client.get("/test/whoami", headers=bearer(key)).status_code == 401


def test_a_key_authenticated_post_needs_no_csrf_token(client, api_db, user_id):
    key = generate(api_db, user_id)
    assert client.post("/test/whoami").status_code == 401  # anonymous: login required
    response = client.post("/test/whoami", headers=bearer(key))
    assert response.status_code == 200
    assert response.get_data(as_text=True).startswith(f"{user_id}:")


def test_last_used_is_written_at_most_once_a_minute(api_db, user_id):
    key = generate(api_db, user_id)
    start = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.UTC)
    for seconds, expected in [(0, 0), (30, 0), (59, 0), (60, 60), (90, 60), (200, 200)]:
        with api_db.transaction() as env:
            keys.key_user(env, key, now=start + dt.timedelta(seconds=seconds))
        assert stored(api_db, key).last_used_at.replace(tzinfo=dt.UTC) == start + dt.timedelta(
            seconds=expected
        )


def test_users_see_and_revoke_only_their_own_keys_and_admins_see_all(api_db, user_id):
    other = make_user(api_db, "base.group_user")
    admin = make_user(api_db, "base.group_system")
    mine, theirs = generate(api_db, user_id), generate(api_db, other)
    with api_db.transaction(user_id=user_id) as env:
        prefixes = {record.prefix for record in env["base.api_key"].search([])}
        assert mine[4:12] in prefixes and theirs[4:12] not in prefixes
    with api_db.transaction(user_id=admin) as env:
        prefixes = {record.prefix for record in env["base.api_key"].search([])}
        assert {mine[4:12], theirs[4:12]} <= prefixes
        (record,) = env["base.api_key"].search([("prefix", "=", theirs[4:12])])
        other_key_id = record.id
    with pytest.raises(MissingError), api_db.transaction(user_id=user_id) as env:
        env["base.api_key"].browse([other_key_id]).write({"active": False})  # not theirs: not there


def test_users_may_not_forge_a_key_or_move_one_to_another_user(api_db, user_id):
    other = make_user(api_db, "base.group_user")
    with pytest.raises(UserError), api_db.transaction(user_id=user_id) as env:
        env["base.api_key"].create({"name": "forged", "user": user_id, "prefix": "00000000"})
    key = generate(api_db, user_id)
    with pytest.raises(AccessError), api_db.transaction(user_id=user_id) as env:
        (record,) = env["base.api_key"].search([("prefix", "=", key[4:12])])
        record.write({"user": other})
