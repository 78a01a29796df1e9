"""sales' hook implementations: the printable order's route (``/sales/order/<id>/print``).

The layout is commerce's (`addons.commerce.printing`); ``templates/sales/order_print.html``
adds the title and the sales details.
"""

from __future__ import annotations

from werkzeug.routing import Rule

from addons.commerce.printing import print_rule
from core.hookspecs import hookimpl


@hookimpl
def register_routes() -> list[Rule]:
    return [print_rule("/sales/order/<int:record_id>/print", "sales.order", "sales/order_print.html")]
