"""The WSGI application: routing, one transaction per request, errors as responses.

Werkzeug maps a URL to an endpoint; the endpoint runs inside one database
transaction, committed when it returns a response and rolled back when it
raises. Kernel pages are ``/`` (installed addons, models, record counts) and
``/health``; addons add theirs with the ``register_routes`` hook::

    def orders(request: Request, **values: Any) -> Response:
        count = request.env["sales.order"].search_count([])
        return Response(f"{count} orders")

    @hookimpl
    def register_routes() -> list[Rule]:
        return [Rule("/sales/orders", endpoint=orders)]

The full user interface comes later; this module stays the thin seam
between HTTP and the database.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from jinja2 import Environment as Templates
from jinja2 import FileSystemLoader
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import Map
from werkzeug.routing import Rule
from werkzeug.wrappers import Request as BaseRequest
from werkzeug.wrappers import Response

from core.database import Database
from core.errors import ConfigError
from core.errors import TesseraError

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse
    from _typeshed.wsgi import WSGIEnvironment

    from core.orm.environment import Environment

TEMPLATES = Path(__file__).resolve().parent / "templates"


class Request(BaseRequest):
    """A Werkzeug request with ``env``: the environment of this request's transaction."""

    env: Environment


def json_response(data: Any, status: int = 200) -> Response:
    """``data`` as a JSON response."""
    return Response(json.dumps(data, default=str), status=status, mimetype="application/json")


class TesseraApp:
    """The WSGI application of one database (see `create_app`)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.templates = Templates(
            loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
        )
        self.url_map = Map([Rule("/", endpoint=self.index), Rule("/health", endpoint=self.health)])
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
        """Match the URL, run its endpoint in a transaction and turn errors into responses."""
        adapter = self.url_map.bind_to_environ(request.environ)
        try:
            endpoint, values = adapter.match()
            with self.db.transaction() as env:
                request.env = env
                return endpoint(request, **values)
        except HTTPException as error:
            return error.get_response(request.environ)
        except TesseraError as error:
            return json_response(error.as_dict(), error.code)
        except SQLAlchemyError:
            return json_response({"status": "unavailable", "message": "The database cannot be reached."}, 503)

    # -- kernel pages -------------------------------------------------------------

    def health(self, request: Request) -> Response:
        """Whether the database answers, which kind it is and which addons it runs."""
        addons = request.env["base.addon"].search([])
        return json_response(
            {
                "status": "ok",
                "database": self.db.dialect,
                "addons": {addon.name: addon.version for addon in addons},  # type: ignore[attr-defined]
            }
        )

    def index(self, request: Request) -> Response:
        """A plain page: the installed addons, and each model with its number of records."""
        env = request.env
        models = [
            {
                "name": name,
                "description": model._description or name,
                "addon": env.registry.model_owner[name],
                "count": env[name].search_count([]),
            }
            for name, model in sorted(env.registry.models.items())
        ]
        page = self.templates.get_template("index.html").render(
            addons=env["base.addon"].search([]), models=models, dialect=self.db.dialect
        )
        return Response(page, mimetype="text/html")


def create_app(db: Database) -> TesseraApp:
    """The WSGI application serving ``db``, with the routes of its installed addons.

    Raises:
        ConfigError: nothing is installed in ``db``, or an addon's
            ``register_routes`` returned something other than Werkzeug rules.
    """
    return TesseraApp(db)


def create_app_from_settings(config: str | None = None) -> TesseraApp:
    """The application for the database of a settings file, for WSGI servers::

        gunicorn --workers 4 "core.web.app:create_app_from_settings()"

    ``config`` defaults to ``$TESSERA_CONFIG`` or ``./addons.toml``; the
    ``TESSERA_*`` environment variables override it as for ``server.py``.
    """
    from core.config import load_settings
    from core.database import Database

    settings = load_settings(config)
    return create_app(Database(settings.database_url, settings.addons_paths))
