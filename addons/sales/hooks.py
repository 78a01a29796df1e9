"""sales' hook implementations: the printable order's routes."""

from __future__ import annotations

from werkzeug.routing import Rule

from addons.sales import printing
from core.hookspecs import hookimpl


@hookimpl
def register_routes() -> list[Rule]:
    return printing.rules()
