"""``GET /``: the home page, the apps (top-level menus) and dashboards the user may see.

And ``GET /web/technical/models``, the administrators' table of every model
with its addon and number of records::

    GET /                        → app tiles: Contacts, CRM, Settings (for administrators) ...
    GET /web/technical/models    → 403 unless the user is in base.group_system
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from werkzeug.wrappers import Response

from core.errors import AccessError
from core.i18n import _
from core.web.pages.menus import dashboard_visible
from core.web.pages.menus import navigation
from core.web.pages.urls import dashboard_url

if TYPE_CHECKING:
    from core.web.app import Request

ADMIN_GROUP = "base.group_system"


def home(request: Request) -> Response:
    """App tiles leading to each app's first screen, and the dashboards the user may open."""
    env, fmt = request.env, request.translator
    ui = env.registry.ui
    apps = navigation(env, ui, fmt, request.path, request.args).apps
    dashboards = sorted(
        (
            (fmt.gettext(board.label), dashboard_url(board.name))
            for board in ui.dashboards.values()
            if dashboard_visible(env, board)
        ),
    )
    return request.app.render(
        request,
        "home.html",
        apps=apps,
        dashboards=dashboards,
        technical=ADMIN_GROUP in env.access.group_names,
    )


def technical_models(request: Request) -> Response:
    """Every model: its name, description, addon and record count (administrators only).

    Raises:
        AccessError: the user is not an administrator.
    """
    env = request.env
    if ADMIN_GROUP not in env.access.group_names:
        raise AccessError(_("Only administrators see the technical pages."))
    models = [
        {
            "name": name,
            "description": request.translator.model_label(model),
            "addon": env.registry.model_owner[name],
            "count": env[name].search_count([]),
        }
        for name, model in sorted(env.registry.models.items())
    ]
    addons = env["base.addon"].search([])
    return request.app.render(
        request, "technical_models.html", addons=addons, models=models, dialect=request.app.db.dialect
    )
