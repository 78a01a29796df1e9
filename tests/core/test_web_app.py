"""The minimal WSGI app: /health, the home page, addon routes, one transaction per request."""

from types import SimpleNamespace

import pytest
from jinja2 import Environment
from werkzeug.routing import Rule
from werkzeug.test import Client
from werkzeug.wrappers import Response

from core.errors import ConfigError
from core.errors import ValidationError
from core.loader.lifecycle import install
from core.web import create_app
from core.web.app import template_loader
from core.web.session import COOKIE
from core.web.session import WebSession


def logged_in_client(app, db):
    """A client with the administrator's session cookie (logging in over HTTP: test_web_auth.py)."""
    with db.transaction() as env:
        admin = env.ref("base.user_admin")
        session = WebSession()
        session.log_in(admin.id, app.sessions.fingerprint(admin.id, admin.password_hash))
    client = Client(app)
    client.set_cookie(COOKIE, app.sessions.encode(session))
    return client


@pytest.fixture
def client(db):
    return logged_in_client(create_app(db, secret_key="t" * 32), db)


def test_health_reports_the_database_and_its_addons(client, db):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.json == {"status": "ok", "database": db.dialect, "addons": {"base": "1.0.0"}}


def test_the_technical_page_lists_addons_and_models_with_counts(client, db):
    response = client.get("/web/technical/models")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "<td>base</td><td>1.0.0</td>" in page
    assert "The kernel&#39;s own models" in page  # autoescaped
    with db.transaction() as env:
        currencies = env["base.currency"].search_count([])
    assert (
        '<td><a href="/web/base.currency">Currency</a></td><td><code>base.currency</code></td>\n'
        f'        <td>base</td><td class="num">{currencies}</td>'
    ) in page


def test_the_home_page_shows_the_apps(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<a class="app-tile" href="/web/base.partner?action=base.contacts">' in page
    assert '<a href="/web/technical/models">' in page  # for administrators


def test_an_addons_templates_override_the_kernels_later_addons_first(tmp_path):
    folders = {}
    for name in ("base", "sales", "crm"):
        folders[name] = tmp_path / name
        (folders[name] / "templates").mkdir(parents=True)
    (folders["sales"] / "templates" / "list.html").write_text("sales list")
    (folders["crm"] / "templates" / "list.html").write_text("crm list")
    (folders["crm"] / "templates" / "kanban.html").write_text("crm kanban")
    db = SimpleNamespace(
        available={name: SimpleNamespace(path=path) for name, path in folders.items()},
        registry=SimpleNamespace(addons=["base", "sales", "crm"]),
    )
    templates = Environment(loader=template_loader(db))
    assert templates.get_template("list.html").render() == "crm list"
    assert templates.get_template("kanban.html").render() == "crm kanban"
    assert "{% block content %}" in templates.loader.get_source(templates, "layout.html")[0]


def test_unknown_paths_are_404(client):
    assert client.get("/nowhere").status_code == 404


@pytest.mark.addons("hooks_probe")
def test_addon_routes_are_mounted(client):
    response = client.get("/hooks-probe")
    assert (response.status_code, response.get_data(as_text=True)) == (200, "probe")


def test_an_endpoint_commits_its_work_or_rolls_back_on_error(empty_db):
    install(empty_db, ["base"])
    app = create_app(empty_db)

    def create(request):
        request.env["base.partner"].create({"name": request.args["name"]})
        if request.args.get("fail"):
            raise ValidationError(fields={"name": "Refused."})
        return Response("created")

    app.url_map.add(Rule("/partners/new", endpoint=create))
    client = logged_in_client(app, empty_db)
    assert client.get("/partners/new?name=Kept").status_code == 200
    refused = client.get("/partners/new?name=Dropped&fail=1")
    assert refused.status_code == 400
    assert refused.json == {
        "error": "ValidationError",
        "message": "name: Refused.",
        "fields": {"name": "Refused."},
    }
    with empty_db.transaction() as env:
        names = {p.name for p in env["base.partner"].search([("name", "in", ["Kept", "Dropped"])])}
    assert names == {"Kept"}


def test_an_empty_database_cannot_be_served(empty_db):
    with pytest.raises(ConfigError, match="no addons installed"):
        create_app(empty_db)


def test_create_app_from_settings_serves_the_configured_database(tmp_path, empty_db, monkeypatch):
    from werkzeug.test import Client

    from core.loader.lifecycle import install
    from core.web.app import create_app_from_settings

    install(empty_db, ["base"])
    config = tmp_path / "acme.toml"
    config.write_text(f'[database]\nurl = "{empty_db.url}"\n', encoding="utf-8")
    response = Client(create_app_from_settings(str(config))).get("/health")
    assert response.status_code == 200
    assert response.json["addons"] == {"base": "1.0.0"}
