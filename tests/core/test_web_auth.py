"""Logging in and out over HTTP: sessions, throttling, redirects, what needs a login."""

import re
import time

import pytest
from itsdangerous import TimestampSigner
from itsdangerous import URLSafeTimedSerializer
from werkzeug.routing import Rule
from werkzeug.test import Client
from werkzeug.wrappers import Response

from core.errors import AccessError
from core.web import create_app
from core.web.app import public
from core.web.auth import safe_next
from core.web.session import COOKIE
from core.web.session import SALT
from core.web.session import SECRET_KEY_PARAMETER

KEY = "k" * 40
PASSWORD = "correct horse battery"
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.fixture(autouse=True)
def fast_hashing(cheap_password_hashing):
    """These tests are about HTTP, not hashing cost."""


@pytest.fixture(scope="module")
def web_db(tessera_databases):
    with tessera_databases.installed("web_auth", ["base", "hooks_probe"]) as db:
        yield db


@pytest.fixture(scope="module")
def app(web_db):
    return create_app(web_db, secret_key=KEY)


@pytest.fixture
def client(app):
    return Client(app)


_users = iter(range(10_000))


@pytest.fixture
def user(web_db):
    """A new internal user of the main company, with `PASSWORD`: (id, login)."""
    login = f"user{next(_users)}"
    with web_db.transaction() as env:
        company = env.ref("base.main_company")
        record = env["base.user"].create(
            {
                "login": login,
                "name": f"User {login}",
                "company": company.id,
                "companies": [company.id],
                "groups": [env.ref("base.group_user").id],
            }
        )
        record.set_password(PASSWORD)
        env.flush()
        return record.id, login


def csrf_token(page):
    return re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)


def log_in(client, login, password=PASSWORD, next_=None):
    form = client.get("/login" + (f"?next={next_}" if next_ else ""), headers=HTML)
    data = {"login": login, "password": password, "csrf_token": csrf_token(form)}
    if next_ is not None:
        data["next"] = next_
    return client.post("/login", data=data, headers=HTML)


def set_password(db, user_id, password):
    with db.transaction() as env:
        env["base.user"].get(user_id).set_password(password)


# -- logging in -------------------------------------------------------------------


def test_the_login_page_is_a_form_with_a_csrf_token_and_sets_a_session_cookie(client):
    response = client.get("/login", headers=HTML)
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert 'name="password" type="password"' in response.get_data(as_text=True)
    assert csrf_token(response)
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_a_right_password_logs_in_and_the_home_page_greets_the_user(client, user):
    response = log_in(client, user[1])
    assert response.status_code == 303
    assert response.headers["Location"] == "/"
    home = client.get("/", headers=HTML)
    assert home.status_code == 200
    page = home.get_data(as_text=True)
    assert f"User {user[1]}" in page
    assert 'action="/logout"' in page


def test_a_wrong_password_shows_the_form_again_with_401_and_one_generic_error(client, user):
    response = log_in(client, user[1], "wrong password")
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert page.count('class="error"') == 1
    assert "Wrong login or password." in page
    assert f'value="{user[1]}"' in page  # the login is kept, the password is not
    assert client.get("/", headers=HTML).status_code == 303


def test_an_unknown_login_gets_the_same_answer_as_a_wrong_password(client, user):
    unknown = log_in(client, "nobody-at-all", "wrong password")
    wrong = log_in(client, user[1], "wrong password")
    assert unknown.status_code == wrong.status_code == 401
    assert "Wrong login or password." in unknown.get_data(as_text=True)


def test_five_failures_lock_the_login_so_the_sixth_attempt_fails_even_with_the_right_password(
    client, user, web_db
):
    for _ in range(5):
        assert log_in(client, user[1], "wrong password").status_code == 401
    sixth = log_in(client, user[1])
    assert sixth.status_code == 401
    assert "Too many failed attempts" in sixth.get_data(as_text=True)
    assert client.get("/", headers=HTML).status_code == 303
    with web_db.transaction() as env:
        (attempt,) = env["base.login_attempt"].search([("login", "=", user[1])])
        assert attempt.failures == 5  # committed over HTTP, one per failed request
        with pytest.raises(AccessError):
            env.registry["base.user"].authenticate(env, user[1], PASSWORD)


def test_an_archived_user_cannot_log_in(client, user, web_db):
    with web_db.transaction() as env:
        env["base.user"].get(user[0]).active = False
    assert log_in(client, user[1]).status_code == 401


# -- where to go after logging in ---------------------------------------------------


def test_login_goes_back_to_the_page_asked_for(client, user):
    response = log_in(client, user[1], next_="/hooks-probe")
    assert response.headers["Location"] == "/hooks-probe"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "evil.example",
    ],
)
def test_next_is_never_another_site(target):
    assert safe_next(target) == "/"


def test_login_never_redirects_to_another_site(client, user):
    form = client.get("/login", headers=HTML)
    response = client.post(
        "/login",
        data={
            "login": user[1],
            "password": PASSWORD,
            "csrf_token": csrf_token(form),
            "next": "//evil.example/",
        },
        headers=HTML,
    )
    assert (response.status_code, response.headers["Location"]) == (303, "/")


def test_paths_with_a_query_are_kept_as_targets():
    assert safe_next("/sales/orders?state=draft") == "/sales/orders?state=draft"


def test_a_logged_in_user_visiting_the_login_page_goes_on_to_next(client, user):
    log_in(client, user[1])
    response = client.get("/login?next=/hooks-probe", headers=HTML)
    assert (response.status_code, response.headers["Location"]) == (303, "/hooks-probe")


# -- what needs a login ---------------------------------------------------------------


def test_anonymous_browsers_are_sent_to_the_login_page_with_next(client):
    response = client.get("/?tab=models", headers=HTML)
    assert response.status_code == 303
    assert response.headers["Location"] == "/login?next=%2F%3Ftab%3Dmodels"


def test_anonymous_json_clients_get_401(client):
    response = client.get("/", headers={"Accept": "application/json"})
    assert response.status_code == 401
    assert response.json == {"error": "LoginRequired", "message": "Log in first."}


def test_health_and_static_files_are_public(client):
    assert client.get("/health").status_code == 200
    css = client.get("/static/tessera.css")
    assert css.status_code == 200
    assert css.mimetype == "text/css"
    assert client.get("/static/../app.py").status_code == 404


def test_addon_routes_need_a_login(client, user):
    assert client.get("/hooks-probe", headers=HTML).headers["Location"] == "/login?next=%2Fhooks-probe"
    log_in(client, user[1])
    response = client.get("/hooks-probe")
    assert (response.status_code, response.get_data(as_text=True)) == (200, "probe")


def test_public_routes_are_served_without_login_and_act_as_the_system(web_db):
    app = create_app(web_db, secret_key=KEY)

    @public
    def partner_count(request):
        return Response(str(request.env["base.partner"].search_count([])))

    app.url_map.add(Rule("/public-count", endpoint=partner_count))
    response = Client(app).get("/public-count")
    with web_db.transaction() as env:
        assert response.get_data(as_text=True) == str(env["base.partner"].search_count([]))


# -- the session cookie -------------------------------------------------------------------


def test_a_tampered_cookie_is_logged_out(client, user):
    log_in(client, user[1])
    value = client.get_cookie(COOKIE).value
    client.set_cookie(COOKIE, value[:-2] + ("AA" if not value.endswith("AA") else "BB"))
    assert client.get("/", headers=HTML).status_code == 303


def test_a_cookie_signed_with_another_key_is_logged_out(client, user):
    forged = URLSafeTimedSerializer("x" * 40, salt=SALT).dumps({"c": "t", "u": user[0], "v": "f", "t": 0})
    client.set_cookie(COOKIE, forged)
    assert client.get("/", headers=HTML).status_code == 303


def signed_ago(value, seconds):
    """``value``'s session, signed again with the app's key ``seconds`` ago."""

    class Past(TimestampSigner):
        def get_timestamp(self):
            return int(time.time()) - seconds

    serializer = URLSafeTimedSerializer(KEY, salt=SALT)
    data = serializer.loads(value)
    return URLSafeTimedSerializer(KEY, salt=SALT, signer=Past).dumps(data)


def test_a_session_unused_for_longer_than_the_idle_time_is_logged_out(client, user):
    log_in(client, user[1])
    value = client.get_cookie(COOKIE).value
    client.set_cookie(COOKIE, signed_ago(value, 13 * 86400))
    assert client.get("/", headers=HTML).status_code == 200
    client.set_cookie(COOKIE, signed_ago(value, 15 * 86400))
    assert client.get("/", headers=HTML).status_code == 303


def test_a_session_in_use_is_renewed_at_most_hourly(client, user):
    log_in(client, user[1])
    assert "Set-Cookie" not in client.get("/", headers=HTML).headers
    client.set_cookie(COOKIE, signed_ago(client.get_cookie(COOKIE).value, 2 * 3600))
    assert client.get("/", headers=HTML).headers["Set-Cookie"].startswith(f"{COOKIE}=")


def test_changing_the_password_ends_existing_sessions(app, user, web_db):
    elsewhere, here = Client(app), Client(app)
    log_in(elsewhere, user[1])
    assert elsewhere.get("/", headers=HTML).status_code == 200
    set_password(web_db, user[0], "a new password!")
    assert elsewhere.get("/", headers=HTML).status_code == 303
    assert log_in(here, user[1], "a new password!").status_code == 303


def test_cookies_are_secure_over_https_or_when_configured(web_db, client):
    assert "Secure" in client.get("/login", base_url="https://localhost").headers["Set-Cookie"]
    strict = Client(create_app(web_db, secret_key=KEY, secure_cookies=True))
    assert "Secure" in strict.get("/login").headers["Set-Cookie"]


def test_logging_out_clears_the_cookie(client, user):
    log_in(client, user[1])
    token = csrf_token(client.get("/", headers=HTML))
    response = client.post("/logout", data={"csrf_token": token}, headers=HTML)
    assert (response.status_code, response.headers["Location"]) == (303, "/login")
    assert client.get_cookie(COOKIE) is None
    assert client.get("/", headers=HTML).status_code == 303


# -- the secret key ----------------------------------------------------------------------


def test_without_a_configured_key_every_app_of_a_database_shares_one_stored_key(web_db, user):
    first, second = create_app(web_db), create_app(web_db)
    client = Client(first)
    log_in(client, user[1])
    other = Client(second)
    other.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    assert other.get("/", headers=HTML).status_code == 200
    with web_db.transaction() as env:
        (stored,) = env["base.config_parameter"].search([("key", "=", SECRET_KEY_PARAMETER)])
        assert len(stored.value) >= 48
    with web_db.transaction(user_id=user[0]) as env, pytest.raises(AccessError):
        env["base.config_parameter"].search([])


def test_the_settings_key_signs_the_cookies_and_must_be_long(web_db, tmp_path, user):
    from core.config import load_settings
    from core.errors import ConfigError
    from core.web.app import create_app_from_settings

    config = tmp_path / "web.toml"
    config.write_text(f'[database]\nurl = "{web_db.url}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="TESSERA_SECRET_KEY: use at least 32"):
        load_settings(config, {"TESSERA_SECRET_KEY": "short"})
    settings = load_settings(config, {"TESSERA_SECRET_KEY": KEY})
    assert settings.secret_key == KEY and KEY not in repr(settings)
    client = Client(create_app(web_db, secret_key=KEY))
    log_in(client, user[1])
    config.write_text(
        f'[database]\nurl = "{web_db.url}"\n[addons]\npaths = {[str(p) for p in web_db.addons_paths]!r}\n'
        f'[server]\nsecret_key = "{KEY}"\nsession_idle_days = 1\n',
        encoding="utf-8",
    )
    from_settings = Client(create_app_from_settings(str(config)))
    from_settings.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    assert from_settings.get("/", headers=HTML).status_code == 200
