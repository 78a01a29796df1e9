"""The web layer's defences: CSRF tokens, security headers, access rules on pages, error pages."""

import logging
import re

import pytest
from werkzeug.routing import Rule
from werkzeug.test import Client
from werkzeug.wrappers import Response

from core.errors import ValidationError
from core.testing import make_user as shipped_make_user
from core.web import create_app
from core.web.app import Request

KEY = "s" * 40
PASSWORD = "correct horse battery"
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
JSON = {"Accept": "application/json"}


@pytest.fixture(autouse=True)
def fast_hashing(cheap_password_hashing):
    """These tests are about HTTP, not hashing cost."""


@pytest.fixture(scope="module")
def web_db(tessera_databases):
    with tessera_databases.installed("web_security", ["base"]) as db:
        yield db


def create_partner(request):
    request.env["base.partner"].create({"name": request.values["name"]})
    return Response("created")


def fail(request, kind):
    if kind == "validation":
        raise ValidationError(fields={"name": "Refused <b>here</b>."})
    raise RuntimeError("secret internal detail")


@pytest.fixture(scope="module")
def app(web_db):
    app = create_app(web_db, secret_key=KEY)
    app.url_map.add(
        Rule("/partners/new", endpoint=create_partner, methods=["POST", "PUT", "PATCH", "DELETE"])
    )
    app.url_map.add(Rule("/fail/<kind>", endpoint=fail))
    return app


@pytest.fixture
def client(app):
    return Client(app)


_users = iter(range(10_000))


def make_user(db, groups=("base.group_user",)):
    login = f"sec{next(_users)}"
    with db.transaction() as env:
        return shipped_make_user(env, login, groups, password=PASSWORD).id, login


@pytest.fixture
def user(web_db):
    return make_user(web_db)


def csrf_token(page):
    return re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)


def log_in(client, login):
    token = csrf_token(client.get("/login", headers=HTML))
    response = client.post("/login", data={"login": login, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303
    return csrf_token(client.get("/", headers=HTML))


def partner_names(db, name):
    with db.transaction() as env:
        return [p.name for p in env["base.partner"].search([("name", "=", name)])]


# -- CSRF ---------------------------------------------------------------------------------


def test_a_login_post_without_the_token_is_refused_and_not_counted(client, user, web_db):
    client.get("/login", headers=HTML)
    response = client.post("/login", data={"login": user[1], "password": "wrong"}, headers=HTML)
    assert response.status_code == 403
    assert "did not come from this site" in response.get_data(as_text=True)
    with web_db.transaction() as env:
        assert env["base.login_attempt"].search_count([("login", "=", user[1])]) == 0


def test_a_login_post_with_another_sessions_token_is_refused(app, client, user):
    token = csrf_token(Client(app).get("/login", headers=HTML))
    client.get("/login", headers=HTML)
    response = client.post("/login", data={"login": user[1], "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 403
    assert client.get("/", headers=HTML).status_code == 303


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_unsafe_requests_without_the_right_token_are_refused_and_change_nothing(
    client, user, web_db, method, token
):
    log_in(client, user[1])
    name = f"Forged {method} {token}"
    data = {"name": name} if token is None else {"name": name, "csrf_token": token}
    response = client.open("/partners/new", method=method, data=data, headers=JSON)
    assert response.status_code == 403
    assert response.json["error"] == "CSRFError"
    assert partner_names(web_db, name) == []


def test_the_token_is_accepted_as_a_form_field_or_a_header(client, user, web_db):
    token = log_in(client, user[1])
    assert client.post("/partners/new", data={"name": "By form", "csrf_token": token}).status_code == 200
    by_header = client.put("/partners/new?name=By+header", headers={"X-CSRF-Token": token})
    assert by_header.status_code == 200
    assert partner_names(web_db, "By form") == ["By form"]
    assert partner_names(web_db, "By header") == ["By header"]


def test_a_body_over_the_limit_is_refused_with_413_and_changes_nothing(client, user, web_db, monkeypatch):
    monkeypatch.setattr(Request, "max_content_length", 1024)
    token = log_in(client, user[1])
    data = {"name": "Too big", "csrf_token": token, "note": "x" * 2048}
    response = client.post("/partners/new", data=data, headers=JSON)
    assert response.status_code == 413
    assert partner_names(web_db, "Too big") == []
    assert client.post("/partners/new", data={"name": "Small", "csrf_token": token}).status_code == 200


def test_logging_in_gives_a_new_token(client, user):
    before = csrf_token(client.get("/login", headers=HTML))
    assert log_in(client, user[1]) != before


def test_logout_without_the_token_is_refused(client, user):
    log_in(client, user[1])
    assert client.post("/logout", headers=HTML).status_code == 403
    assert client.get("/", headers=HTML).status_code == 200


# -- headers ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/login", "/health", "/nowhere", "/static/tessera.css"])
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path, headers=HTML).headers
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_pages_are_not_stored_by_caches_but_static_files_may_be(client, user):
    log_in(client, user[1])
    assert client.get("/", headers=HTML).headers["Cache-Control"] == "no-store"
    assert client.get("/login", headers=HTML).headers["Cache-Control"] == "no-store"
    assert "max-age=3600" in client.get("/static/tessera.css").headers["Cache-Control"]


def test_pages_have_no_inline_script_or_style(client, user):
    log_in(client, user[1])
    for path in ("/", "/login"):
        page = client.get(path, headers=HTML).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # scripts are files, never inline
        assert "<style" not in page and "style=" not in page


# -- pages obey access rules -----------------------------------------------------------------


def list_total(page):
    """The number of records a list page says it has ("1–80 of 312" → "312"), or "0"."""
    found = re.search(r'<span class="pager-range">[^<]* of (\d+)</span>', page)
    return found.group(1) if found else "0"


def test_a_plain_user_sees_counts_only_of_what_the_rules_let_them_read(client, user, web_db):
    with web_db.transaction() as env:
        currency = env.ref("base.main_company").currency
        beta = env["base.company"].create({"name": "Beta (security)", "currency": currency.id})
        env["base.partner"].create({"name": "Hidden in Beta", "company": beta.id})
    with web_db.transaction() as env:
        all_partners = env["base.partner"].search_count([])
    with web_db.transaction(user_id=user[0]) as env:
        visible = env["base.partner"].search_count([])
    assert visible < all_partners
    log_in(client, user[1])
    partners = client.get("/web/base.partner", headers=HTML).get_data(as_text=True)
    assert list_total(partners) == str(visible)
    assert client.get("/web/base.access", headers=HTML).status_code == 403  # no right to read it
    companies = client.get("/web/base.company", headers=HTML).get_data(as_text=True)
    assert list_total(companies) == "1"  # the rule: my companies only
    assert client.get("/web/technical/models", headers=HTML).status_code == 403


def test_an_administrator_sees_every_count(client, web_db):
    admin = make_user(web_db, groups=("base.group_system",))
    log_in(client, admin[1])
    page = client.get("/web/technical/models", headers=HTML).get_data(as_text=True)
    with web_db.transaction() as env:
        count = env["base.access"].search_count([])
    assert re.search(rf'<code>base\.access</code></td>\s*<td>base</td><td class="num">{count}</td>', page)


def test_a_user_without_any_group_gets_the_home_page_without_apps(client, web_db):
    nobody = make_user(web_db, groups=())
    log_in(client, nobody[1])
    response = client.get("/", headers=HTML)
    assert response.status_code == 200
    assert "app-tile" not in response.get_data(as_text=True)
    assert client.get("/web/base.partner", headers=HTML).status_code == 403


# -- errors ---------------------------------------------------------------------------------


def test_user_errors_are_pages_for_browsers_and_json_for_programs(client, user):
    log_in(client, user[1])
    page = client.get("/fail/validation", headers=HTML)
    assert (page.status_code, page.mimetype) == (400, "text/html")
    assert "Refused &lt;b&gt;here&lt;/b&gt;." in page.get_data(as_text=True)  # escaped
    data = client.get("/fail/validation", headers=JSON)
    assert data.status_code == 400
    assert data.json["fields"] == {"name": "Refused <b>here</b>."}


def test_unexpected_errors_are_a_generic_500_with_the_traceback_only_in_the_log(client, user, caplog):
    log_in(client, user[1])
    with caplog.at_level(logging.ERROR, logger="tessera.web"):
        page = client.get("/fail/crash", headers=HTML)
        data = client.get("/fail/crash", headers=JSON)
    assert page.status_code == data.status_code == 500
    assert "secret internal detail" not in page.get_data(as_text=True)
    assert data.json == {"error": "InternalError", "message": "Something went wrong on our side."}
    assert "secret internal detail" in caplog.text and "Traceback" in caplog.text


def test_http_errors_follow_the_same_rule(client, user):
    log_in(client, user[1])
    missing = client.get("/nowhere", headers=HTML)
    assert (missing.status_code, missing.mimetype) == (404, "text/html")
    wrong_method = client.get("/logout", headers=JSON)
    assert wrong_method.status_code == 405
    assert wrong_method.json["error"] == "MethodNotAllowed"
    assert wrong_method.headers["Allow"] == "POST"
