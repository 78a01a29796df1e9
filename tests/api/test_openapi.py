"""The OpenAPI document: valid, built from the installed addons, cut to what the caller may read."""

import pytest
from openapi_spec_validator import validate
from werkzeug.test import Client

from core.api import openapi
from core.web import create_app

SECRET = "k" * 40


@pytest.fixture(scope="module")
def api_db(tessera_databases):
    with tessera_databases.installed("api_openapi", ["base", "orm_orders"]) as db:
        yield db


@pytest.fixture(scope="module")
def client(api_db):
    return Client(create_app(api_db, secret_key=SECRET))


_users = iter(range(10_000))


def key_for(db, group):
    login = f"docuser{next(_users)}"
    with db.transaction() as env:
        uid = env["base.user"].create({"login": login, "name": login, "groups": [env.ref(group).id]}).id
    with db.transaction(user_id=uid) as env:
        return {"Authorization": f"Bearer {env.registry['base.api_key'].generate(env, 'docs')}"}


@pytest.fixture(scope="module")
def admin(api_db):
    return key_for(api_db, "base.group_system")


@pytest.fixture(scope="module")
def plain(api_db):
    return key_for(api_db, "base.group_user")


@pytest.fixture(scope="module")
def admin_doc(client, admin):
    response = client.get("/api/v1/openapi.json", headers=admin)
    assert response.status_code == 200
    return response.json


def test_the_document_is_valid_openapi_3(admin_doc, client, plain):
    validate(admin_doc)
    validate(client.get("/api/v1/openapi.json", headers=plain).json)
    assert admin_doc["openapi"].startswith("3.")


def test_an_admin_sees_every_operation_on_partners(admin_doc):
    paths = admin_doc["paths"]
    assert set(paths["/api/v1/base.partner"]) == {"get", "post"}
    assert {"get", "patch", "delete"} <= set(paths["/api/v1/base.partner/{record_id}"])
    assert "post" in paths["/api/v1/base.partner/read_group"]
    partner = admin_doc["components"]["schemas"]["base.partner"]
    assert partner["properties"]["name"]["type"] == "string"
    assert "name" in admin_doc["components"]["schemas"]["base.partner.input"]["required"]
    assert partner["properties"]["created_at"]["readOnly"] is True


def test_errors_share_one_schema_and_keys_are_a_bearer_scheme(admin_doc):
    components = admin_doc["components"]
    assert components["securitySchemes"]["apiKey"] == {
        "type": "http",
        "scheme": "bearer",
        "description": components["securitySchemes"]["apiKey"]["description"],
    }
    for code in ("400", "401", "403", "404", "409"):
        schema = components["responses"][code]["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/Error"}
    create = admin_doc["paths"]["/api/v1/base.partner"]["post"]["responses"]
    assert create["409"] == {"$ref": "#/components/responses/409"}


def test_a_plain_users_document_leaves_out_what_they_cannot_read_or_change(client, plain):
    doc = client.get("/api/v1/openapi.json", headers=plain).json
    schemas = doc["components"]["schemas"]
    assert "base.partner" in schemas
    assert "base.access" not in schemas and "/api/v1/base.access" not in doc["paths"]
    assert "base.config_parameter" not in schemas
    assert "delete" not in doc["paths"]["/api/v1/base.partner/{record_id}"]  # no delete right
    assert "post" not in doc["paths"]["/api/v1/base.company"]  # read only
    assert "password_hash" not in schemas["base.user"]["properties"]  # a field of administrators


def test_an_installed_addons_models_and_methods_appear(admin_doc, api_db):
    schemas = admin_doc["components"]["schemas"]
    assert "orm_orders.order" in schemas and "/api/v1/orm_orders.order" in admin_doc["paths"]
    with api_db.transaction() as env:
        methods = openapi.api_methods(env.registry["orm_orders.order"])
    for method in methods:
        assert f"/api/v1/orm_orders.order/{{record_id}}/call/{method}" in admin_doc["paths"]


def test_the_document_is_cached_per_registry_and_groups(api_db):
    with api_db.transaction() as env:
        first = openapi.document(env)
    with api_db.transaction() as env:
        assert openapi.document(env) is first


def test_anonymous_callers_get_401(client):
    assert client.get("/api/v1/openapi.json").status_code == 401


def test_the_docs_page_lists_models_fields_and_endpoints_without_scripts(client, admin):
    response = client.get("/api/v1/docs", headers=admin)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "<code>base.partner</code>" in page and "/api/v1/base.partner/read_group" in page
    assert "<script" not in page and "http://" not in page and "https://" not in page
