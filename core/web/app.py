"""The WSGI application: routing, sessions, one transaction per request, errors as responses.

Werkzeug maps a URL to an endpoint; the endpoint runs inside one database
transaction, committed when it returns a response and rolled back when it
raises. ``request.env`` acts as the logged-in user, so every query obeys the
user's access rights and rules. Routes need a logged-in user unless their
endpoint is marked `public`; anonymous requests to the others are sent to
``/login`` (or get 401 JSON). Every POST, PUT, PATCH and DELETE must carry the
session's CSRF token (`core.web.csrf`), unless it is authenticated by an API key
(``Authorization: Bearer``, `core.api.keys`). The pages of the generated UI
(home, lists, boards, forms, dashboards: `core.web.pages`), ``/health``,
``/login`` and ``/logout`` are the kernel's; addons add theirs with the
``register_routes`` hook::

    def orders(request: Request, **values: Any) -> Response:
        count = request.env["sales.order"].search_count([])
        return Response(f"{count} orders")

    @hookimpl
    def register_routes() -> list[Rule]:
        return [Rule("/sales/orders", endpoint=orders)]

Every page is rendered by `TesseraApp.render` in the user's language
(`core.i18n`), with the menus they may see. An installed addon's
``templates/`` folder can replace a kernel template whole by giving a file
the same name (``list.html``); later addons win. Its ``static/`` folder is
served at ``/static/<addon>/<path>``, the URL templates build with
``static_url("commerce", "print.css")``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Callable
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any
from typing import TypeVar
from urllib.parse import urlencode

from jinja2 import BaseLoader
from jinja2 import ChoiceLoader
from jinja2 import Environment as Templates
from jinja2 import FileSystemLoader
from sqlalchemy.exc import InterfaceError
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map
from werkzeug.routing import Rule
from werkzeug.utils import cached_property
from werkzeug.utils import redirect
from werkzeug.utils import send_from_directory
from werkzeug.wrappers import Request as BaseRequest
from werkzeug.wrappers import Response

from core import api
from core.api import keys as api_keys
from core.api import openapi
from core.database import Database
from core.errors import ConfigError
from core.errors import TesseraError
from core.i18n import LANGUAGES
from core.i18n import Translator
from core.i18n import translator
from core.i18n import using
from core.i18n.jinja import prepare_environment
from core.i18n.jinja import template_globals
from core.orm.environment import Environment
from core.web import auth
from core.web import csrf
from core.web.session import DEFAULT_IDLE
from core.web.session import SessionCookies
from core.web.session import WebSession
from core.web.session import database_secret_key

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse
    from _typeshed.wsgi import WSGIEnvironment

    from core.web.pages.menus import Navigation

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
STATIC_MAX_AGE = 3600
TEMPLATE_FOLDER = "templates"  # an addon's templates overriding the kernel's
STATIC_FOLDER = "static"  # an addon's files, served at /static/<addon>/<path>
log = logging.getLogger("tessera.web")

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

E = TypeVar("E", bound=Callable[..., Response])


def public(endpoint: E) -> E:
    """Mark an endpoint as served without login.

    Its ``request.env`` acts as the logged-in user if there is one, else as
    the system (beyond access rules): a public endpoint decides itself what
    it may show to anyone::

        @public
        def status(request: Request) -> Response: ...
    """
    endpoint.public = True  # type: ignore[attr-defined]
    return endpoint


MAX_REQUEST_BYTES = 32 * 1024 * 1024


class Request(BaseRequest):
    """A Werkzeug request with what Tessera knows about it.

    Attributes:
        env: the environment of this request's transaction, as ``user``
            (as the system on a public page without login).
        user: the logged-in user, or None.
        session: the session cookie's content (`core.web.session`).
        app: the application serving the request.
    """

    env: Environment
    user: auth.SessionUser | None
    session: WebSession
    app: TesseraApp

    # A bigger body is refused with 413 as it arrives, before anything reads it (the CSRF check reads
    # forms first): uploads and imports stay well under it, and no request can fill the disk.
    max_content_length = MAX_REQUEST_BYTES

    @property
    def csrf_token(self) -> str:
        """The token a form of this page must send back (`core.web.csrf`)."""
        return self.session.csrf_token()

    @cached_property
    def translator(self) -> Translator:
        """The user's language, or the browser's best shipped match before logging in."""
        lang = self.user.lang if self.user else self.accept_languages.best_match(list(LANGUAGES))
        return translator(self.app.db.registry, lang)

    @property
    def tz(self) -> str:
        """The user's time zone (UTC before logging in)."""
        return self.user.tz if self.user else "UTC"

    def prefers_html(self) -> bool:
        """Whether the client is a browser wanting a page rather than JSON (never under ``/api/``)."""
        if self.path.startswith("/api/"):
            return False
        accept = self.accept_mimetypes
        return accept["text/html"] > accept["application/json"]


def json_response(data: Any, status: int = 200) -> Response:
    """``data`` as a JSON response."""
    return Response(json.dumps(data, default=str), status=status, mimetype="application/json")


class TesseraApp:
    """The WSGI application of one database (see `create_app`)."""

    def __init__(self, db: Database, sessions: SessionCookies) -> None:
        self.db = db
        self.sessions = sessions
        # Imported here, not at the top: the pages import this module (`json_response`).
        from core.web import pages

        self.templates = Templates(
            loader=template_loader(db), autoescape=True, trim_blocks=True, lstrip_blocks=True
        )
        prepare_environment(self.templates)
        self.templates.globals["static_url"] = self.static_url
        self.static_folders = static_folders(db)
        self.url_map = Map(
            [
                *pages.rules(),
                Rule("/health", endpoint=self.health),
                Rule("/login", endpoint=public(auth.login), methods=["GET", "POST"]),
                Rule("/logout", endpoint=auth.logout, methods=["POST"]),
                Rule("/static/<path:filename>", endpoint="static"),
                *api.rules(),
                *openapi.rules(),
            ]
        )
        if self.static_folders:
            addons = ", ".join(self.static_folders)
            self.url_map.add(Rule(f"/static/<any({addons}):addon>/<path:filename>", endpoint="addon_static"))
        for rules in db.registry.plugins.hook.register_routes():
            for rule in rules:
                if not isinstance(rule, Rule) or not callable(rule.endpoint):
                    raise ConfigError(
                        f"register_routes returned {rule!r}: expected a Rule with a callable endpoint"
                    )
                self.url_map.add(rule)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        response = self.dispatch(Request(environ))
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        """Answer ``request``: route, check the session, run the endpoint, turn errors into responses."""
        request.app = self
        request.user = None
        request.session = self.sessions.load(request)
        try:
            response = self.handle(request)
            self.sessions.save(request, response, request.session)
        except HTTPException as error:
            response = self.http_error(request, error)
        except TesseraError as error:
            response = self.tessera_error(request, error)
        except (OperationalError, InterfaceError):
            log.exception("database unavailable serving %s %s", request.method, request.path)
            response = self.error_page(request, 503, "Unavailable", "The database cannot be reached.")
        except Exception:
            log.exception("unexpected error serving %s %s", request.method, request.path)
            response = self.error_page(request, 500, "InternalError", "Something went wrong on our side.")
        response.headers.update(SECURITY_HEADERS)
        response.headers.setdefault("Cache-Control", "no-store")
        return response

    def handle(self, request: Request) -> Response:
        """Run the matched endpoint in a transaction as the session's user, or refuse it."""
        endpoint, values = self.url_map.bind_to_environ(request.environ).match()
        if endpoint in ("static", "addon_static"):
            folder = self.static_folders[values["addon"]] if endpoint == "addon_static" else STATIC
            return send_from_directory(folder, values["filename"], request.environ, max_age=STATIC_MAX_AGE)
        with self.db.transaction() as env:
            key_user = api_keys.request_user(env, request)  # Authorization: Bearer <API key>
            request.user = key_user or auth.session_user(env, self.sessions, request.session)
            if request.user is None and request.session.user_id is not None:
                request.session = WebSession(modified=True)  # stale: replace the cookie
            if request.user is None:
                if not getattr(endpoint, "public", False):
                    return self.login_required(request)
                request.env = env
            else:
                request.env = Environment(
                    env.registry, env.session, user_id=request.user.id, context=request.user.context()
                )
            if key_user is None:  # browsers never send a key by themselves: no forgery to fear
                csrf.check(request, request.session)
            with using(request.translator):
                return endpoint(request, **values)  # type: ignore[no-any-return]

    def render(self, request: Request, template: str, status: int = 200, **values: Any) -> Response:
        """The HTML page ``template`` in the user's language: the one place pages are rendered.

        Templates see ``request``, ``user``, ``nav`` (the user's menus, or None
        outside a transaction, as on error pages), the i18n globals (``_``,
        ``ngettext``, ``fmt``, ``lang``, ``rtl``: `core.i18n.jinja`) and ``values``.
        """
        user = getattr(request, "user", None)
        page = self.templates.get_template(template).render(
            **template_globals(request.translator),
            request=request,
            user=user,
            nav=self.navigation(request),
            languages=LANGUAGES,
            **values,
        )
        return Response(page, status=status, mimetype="text/html")

    def static_url(self, addon: str, path: str) -> str:
        """The URL of ``path`` in the ``static/`` folder of ``addon``; templates call it as
        ``{{ static_url("commerce", "print.css") }}``.

        Raises:
            ConfigError: ``addon`` is not installed, or has no ``static/`` folder.
        """
        if addon not in self.static_folders:
            raise ConfigError(
                f"static_url({addon!r}, {path!r}): {addon} is not an installed addon with static files"
            )
        return self.url_map.bind("localhost").build("addon_static", {"addon": addon, "filename": path})

    def navigation(self, request: Request) -> Navigation | None:
        """The menus of the logged-in user, while the request's transaction is open."""
        from core.web.pages.menus import navigation

        env: Environment | None = getattr(request, "env", None)
        if (
            getattr(request, "user", None) is None
            or env is None
            or env.su
            or not env.session.in_transaction()
        ):
            return None
        return navigation(env, env.registry.ui, request.translator, request.path, request.args)

    # -- refusals and errors ------------------------------------------------------

    def login_required(self, request: Request) -> Response:
        """Send a browser to the login page, and answer anything else with 401."""
        if request.prefers_html():
            target = request.path + (f"?{request.query_string.decode()}" if request.query_string else "")
            return redirect("/login?" + urlencode({"next": target}), 303)
        return json_response({"error": "LoginRequired", "message": "Log in first."}, 401)

    def error_page(self, request: Request, status: int, error: str, message: str) -> Response:
        """``message`` as an HTML page for browsers, else as JSON ``{"error", "message"}``."""
        if request.prefers_html():
            return self.render(request, "error.html", status, code=status, message=message)
        return json_response({"error": error, "message": message}, status)

    def http_error(self, request: Request, error: HTTPException) -> Response:
        if error.code is None or error.code < 400:  # e.g. the redirect to a URL with a trailing slash
            return error.get_response(request.environ)
        response = self.error_page(request, error.code, type(error).__name__, error.description or "")
        for name, value in error.get_headers(request.environ):
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    def tessera_error(self, request: Request, error: TesseraError) -> Response:
        if error.code >= 500:
            log.error("%s serving %s %s: %s", type(error).__name__, request.method, request.path, error)
            return self.error_page(request, error.code, "InternalError", "Something went wrong on our side.")
        if request.prefers_html():
            return self.render(request, "error.html", error.code, code=error.code, message=error.message)
        return json_response(error.as_dict(), error.code)

    # -- kernel pages -------------------------------------------------------------

    @public
    def health(self, request: Request) -> Response:
        """Whether the database answers, which kind it is and which addons it runs."""
        with request.env.sudo() as env:
            addons = env["base.addon"].search([])
            versions = {addon.name: addon.version for addon in addons}  # type: ignore[attr-defined]
        return json_response({"status": "ok", "database": self.db.dialect, "addons": versions})


def template_loader(db: Database) -> BaseLoader:
    """The kernel's templates, behind each installed addon's ``templates/`` folder (later addons first)."""
    folders = [
        db.available[name].path / TEMPLATE_FOLDER
        for name in reversed(db.registry.addons)
        if name in db.available
    ]
    loaders: list[BaseLoader] = [FileSystemLoader(folder) for folder in folders if folder.is_dir()]
    return ChoiceLoader([*loaders, FileSystemLoader(TEMPLATES)])


def static_folders(db: Database) -> dict[str, Path]:
    """The ``static/`` folder of each installed addon that has one, by addon name.

    Raises:
        ConfigError: an addon is named like an entry of the kernel's ``static/``
            folder (``vendor``), whose URLs its files would take.
    """
    folders = {
        name: db.available[name].path / STATIC_FOLDER
        for name in db.registry.addons
        if name in db.available and (db.available[name].path / STATIC_FOLDER).is_dir()
    }
    clashing = sorted(folders.keys() & {entry.name for entry in STATIC.iterdir()})
    if clashing:
        raise ConfigError(
            f"addon {clashing[0]}: its static files would hide the kernel's /static/{clashing[0]}"
        )
    return folders


def create_app(
    db: Database,
    *,
    secret_key: str | None = None,
    secure_cookies: bool = False,
    session_idle: dt.timedelta = DEFAULT_IDLE,
) -> TesseraApp:
    """The WSGI application serving ``db``, with the routes of its installed addons.

    Args:
        db: the database to serve.
        secret_key: signs the session cookies; None uses the key kept in the
            database (created on first use, shared by every worker).
        secure_cookies: mark cookies Secure even on plain-HTTP requests
            (behind a proxy that terminates TLS).
        session_idle: how long an unused session stays logged in.

    Raises:
        ConfigError: nothing is installed in ``db``, or an addon's
            ``register_routes`` returned something other than Werkzeug rules.
    """
    key = secret_key or database_secret_key(db)
    return TesseraApp(db, SessionCookies(key, idle=session_idle, secure=secure_cookies))


def create_app_from_settings(config: str | None = None) -> TesseraApp:
    """The application for the database of a settings file, for WSGI servers::

        gunicorn --workers 4 "core.web.app:create_app_from_settings()"

    ``config`` defaults to ``$TESSERA_CONFIG`` or ``./addons.toml``; the
    ``TESSERA_*`` environment variables override it as for ``server.py``.
    """
    from core.config import load_settings

    settings = load_settings(config)
    return create_app(
        Database(settings.database_url, settings.addons_paths),
        secret_key=settings.secret_key,
        secure_cookies=settings.secure_cookies,
        session_idle=dt.timedelta(days=settings.session_idle_days),
    )
