"""Fixtures of the JSON API tests: a database with orders, the app, and logged-in JSON clients."""

import pytest
from api_client import ApiClient
from api_client import make_user

from core.web import create_app

KEY = "a" * 40


@pytest.fixture(autouse=True)
def fast_hashing(cheap_password_hashing):
    """These tests are about HTTP, not hashing cost."""


@pytest.fixture(scope="module")
def api_db(tessera_databases):
    with tessera_databases.installed("api", ["base", "orm_orders"]) as db:
        yield db


@pytest.fixture(scope="module")
def app(api_db):
    return create_app(api_db, secret_key=KEY)


@pytest.fixture(scope="module")
def admin(app, api_db):
    """A client logged in as an administrator (every right on every model)."""
    return ApiClient(app, make_user(api_db, ("base.group_user", "base.group_system"))[1])


@pytest.fixture(scope="module")
def partner_id(api_db):
    with api_db.transaction() as env:
        return env["base.partner"].create({"name": "Acme API"}).id
