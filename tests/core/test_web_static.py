"""Addons' static files: served at /static/<addon>/<path> like the kernel's, only for installed addons.

The fixture addon ``web_assets`` has ``static/assets.css``, ``static/img/logo.svg``
and a page whose template links both with ``static_url``.
"""

from types import SimpleNamespace

import pytest
from werkzeug.test import Client

from core.errors import ConfigError
from core.web import create_app
from core.web.app import static_folders

pytestmark = pytest.mark.addons("web_assets")


@pytest.fixture
def app(db):
    return create_app(db, secret_key="s" * 32)


@pytest.fixture
def client(app):
    """A visitor who has not logged in: static files need no session, as the login page's do not."""
    return Client(app)


def test_an_addons_static_file_is_served_under_its_name(client):
    response = client.get("/static/web_assets/assets.css")

    assert response.status_code == 200
    assert response.mimetype == "text/css"
    assert response.get_data(as_text=True) == ".web-assets { color: teal; }\n"


def test_files_in_subfolders_are_served_with_their_type(client):
    response = client.get("/static/web_assets/img/logo.svg")

    assert (response.status_code, response.mimetype) == (200, "image/svg+xml")


def test_an_addons_static_files_have_the_kernels_caching_and_security_headers(client):
    kernel = client.get("/static/tessera.css").headers
    addon = client.get("/static/web_assets/assets.css").headers

    assert "max-age=3600" in addon["Cache-Control"]
    assert addon["Cache-Control"] == kernel["Cache-Control"]
    for header in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"):
        assert addon[header] == kernel[header]


def test_an_unchanged_file_is_not_sent_again(client):
    etag = client.get("/static/web_assets/assets.css").headers["ETag"]

    assert client.get("/static/web_assets/assets.css", headers={"If-None-Match": etag}).status_code == 304


def test_the_kernels_static_files_are_still_served_beside_them(client):
    assert client.get("/static/tessera.css").status_code == 200
    assert client.get("/static/vendor/htmx.min.js").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/static/web_assets/missing.css",
        "/static/web_assets/../addon.toml",
        "/static/web_assets/%2e%2e/hooks.py",
        "/static/web_assets/img/../../__init__.py",
        "/static/web_assets//etc/passwd",
    ],
)
def test_nothing_outside_the_static_folder_is_served(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.addons()
def test_an_addon_that_is_not_installed_serves_nothing(client):
    assert client.get("/static/web_assets/assets.css").status_code == 404


def test_templates_link_static_files_with_static_url(client):
    page = client.get("/web-assets/page").get_data(as_text=True)

    assert '<link rel="stylesheet" href="/static/web_assets/assets.css">' in page
    assert '<img src="/static/web_assets/img/logo.svg" alt="">' in page


def test_static_url_refuses_an_addon_without_static_files(app):
    with pytest.raises(ConfigError) as caught:
        app.static_url("base", "base.css")

    assert caught.value.message == (
        "static_url('base', 'base.css'): base is not an installed addon with static files"
    )


def test_an_addon_named_like_a_kernel_static_folder_is_refused(tmp_path):
    (tmp_path / "vendor" / "static").mkdir(parents=True)
    db = SimpleNamespace(
        available={"vendor": SimpleNamespace(path=tmp_path / "vendor")},
        registry=SimpleNamespace(addons=["base", "vendor"]),
    )

    with pytest.raises(ConfigError) as caught:
        static_folders(db)

    assert caught.value.message == "addon vendor: its static files would hide the kernel's /static/vendor"
