"""Fixtures of the generated UI tests (lists, boards, searches, menus, dashboards, exports).

Each test module gets a database of its own with ``ui_showcase`` and
``ui_showcase_extra`` installed (requests commit), the app, and users in
these roles, each logged in over HTTP by ``ui_login(role)``:

- ``admin``: administrator;
- ``manager``: showcase manager (every right on deals, sees confidential ones);
- ``user``: showcase user (reads and changes deals, not confidential ones);
- ``turkish``: a showcase user working in Turkish, in Istanbul;
- ``reader``: internal user (reads deals, changes nothing);
- ``stranger``: in no group (may read no deal).

Tests make their own deals, named with a token of their own (``token``),
and search for it, so they do not see each other's records.
"""

from itertools import count

import pytest
from ui_client import UIClient

from core.testing import cheap_hashing
from core.testing import make_user
from core.web import create_app

PASSWORD = "ui-tests-password"
KEY = "u" * 40
ROLES = {
    "admin": (["base.group_system", "ui_showcase.group_manager"], {}),
    "manager": (["ui_showcase.group_manager"], {}),
    "user": (["ui_showcase.group_user"], {}),
    "turkish": (["ui_showcase.group_user"], {"lang": "tr", "tz": "Europe/Istanbul"}),
    "reader": (["base.group_user"], {}),
    "stranger": ([], {}),
}
_tokens = count(1)


@pytest.fixture(scope="module", autouse=True)
def ui_fast_hashing():
    """Argon2 at its cheapest for the module: these tests are about pages, not hashing cost."""
    with cheap_hashing():
        yield


@pytest.fixture(scope="module")
def ui_db(tessera_databases):
    with tessera_databases.installed("ui", ["base", "ui_showcase_extra"]) as db:
        yield db


@pytest.fixture(scope="module")
def ui_app(ui_db):
    return create_app(ui_db, secret_key=KEY)


@pytest.fixture(scope="module")
def ui_users(ui_db):
    """Role → user id, created once per module; logins are ``ui_<role>``."""
    ids = {}
    with ui_db.transaction() as env:
        for role, (groups, preferences) in ROLES.items():
            user = make_user(env, f"ui_{role}", groups, password=PASSWORD)
            if preferences:
                user.write(preferences)
            ids[role] = user.id
    return ids


@pytest.fixture
def ui_login(ui_app, ui_users):
    """``ui_login("user")``: a `UIClient` logged in as that role."""
    return lambda role: UIClient(ui_app, f"ui_{role}", PASSWORD)


@pytest.fixture(scope="module")
def stages(ui_db):
    """Stage name → id: New, Qualified, Proposal, Won (in this order)."""
    with ui_db.transaction() as env:
        return {stage.name: stage.id for stage in env["ui_showcase.stage"].search([])}


@pytest.fixture
def token():
    """A word no other test's records contain, to name and search this test's records."""
    return f"zq{next(_tokens)}x"


@pytest.fixture
def make_deals(ui_db):
    """``make_deals(token, [{"amount": "10"}, ...])``: committed deals named ``<token> 1``, ``<token> 2``...

    Their currency is EUR unless given; returns their ids in order.
    """

    def make(prefix, values_list):
        with ui_db.transaction() as env:
            eur = env.ref("base.currency_eur").id
            vals = [
                {"name": f"{prefix} {index:03d}", "currency": eur, **values}
                for index, values in enumerate(values_list, start=1)
            ]
            return list(env["ui_showcase.deal"].create(vals).ids)

    return make


@pytest.fixture
def read_deals(ui_db):
    """``read_deals(ids, "stage", ...)``: the deals' values as the system reads them, archived included."""

    def read(ids, *names):
        with ui_db.transaction() as env:
            domain = [("id", "in", list(ids)), ("active", "in", [True, False])]
            return env["ui_showcase.deal"].search_read(domain, list(names))

    return read


@pytest.fixture
def fresh_login(ui_db, ui_app, token):
    """``fresh_login(groups)``: a new user of this test only, logged in; a `UIClient`."""

    def login(groups):
        with ui_db.transaction() as env:
            make_user(env, f"ui_{token}", groups, password=PASSWORD)
        return UIClient(ui_app, f"ui_{token}", PASSWORD)

    return login
