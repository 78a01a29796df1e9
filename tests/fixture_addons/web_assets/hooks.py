"""A page whose template links the addon's stylesheet and image."""

from typing import Any

from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from core.hookspecs import hookimpl
from core.web import Request
from core.web import public


@public
def page(request: Request, **values: Any) -> Response:
    return request.app.render(request, "web_assets/page.html")


@hookimpl
def register_routes() -> list[Rule]:
    return [Rule("/web-assets/page", endpoint=page)]
