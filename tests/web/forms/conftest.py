"""Fixtures of the form tests: a database with the deal fixture, the app, and users in three roles.

``editor`` is a Turkish deal editor in Istanbul (create and change deals, no
delete), ``reader`` an internal user who may only read deals, ``admin`` may
do everything. Each gets a `FormClient` logged in over HTTP.
"""

import pytest
from form_client import FormClient

from core.testing import cheap_hashing
from core.testing import make_user
from core.web import create_app

PASSWORD = "form-tests-password"
KEY = "f" * 40


@pytest.fixture(scope="module", autouse=True)
def fast_hashing():
    """Argon2 at its cheapest for the module: these tests are about pages, not hashing cost."""
    with cheap_hashing():
        yield


@pytest.fixture(scope="module")
def form_db(tessera_databases):
    with tessera_databases.installed("forms", ["base", "ui_forms"]) as db:
        yield db


@pytest.fixture(scope="module")
def app(form_db):
    return create_app(form_db, secret_key=KEY)


@pytest.fixture(scope="module")
def users(form_db):
    """The logins of the three roles, created once per module."""
    roles = {
        "admin": (["base.group_system"], {}),
        "editor": (["ui_forms.group_editor"], {"lang": "tr", "tz": "Europe/Istanbul"}),
        "reader": (["base.group_user"], {}),
    }
    with form_db.transaction() as env:
        for login, (groups, preferences) in roles.items():
            user = make_user(env, f"form_{login}", groups, password=PASSWORD)
            if preferences:
                user.write(preferences)
    return {role: f"form_{role}" for role in roles}


@pytest.fixture
def login(app, users):
    """``login("editor")``: a client logged in as that role."""
    return lambda role: FormClient(app, users[role], PASSWORD)


@pytest.fixture
def make_deal(form_db):
    """``make_deal(name="X", ...)``: a committed deal's id."""

    def make(**vals):
        with form_db.transaction() as env:
            return env["ui_forms.deal"].create({"name": "Deal", **vals}).id

    return make


@pytest.fixture
def read_deal(form_db):
    """``read_deal(id)``: the deal's values as the API reads them (``lines`` and ``tags`` as ids)."""

    def read(deal_id, *names):
        with form_db.transaction() as env:
            return (
                env["ui_forms.deal"]
                .search([("id", "=", deal_id), ("active", "in", [True, False])])
                .read(list(names) or None)[0]
            )

    return read
