"""The printable quotation or order: ``GET /sales/order/<id>/print``, an HTML page to print or save as PDF.

The order is read as the logged-in user, so one they may not read (another
company's, or none at all) answers 404 like a missing one. The page links its
stylesheet from ``GET /sales/print.css`` (``static/print.css``): the content
security policy forbids inline styles, and the kernel serves only its own
``/static`` folder, so the addon serves its one file itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from werkzeug.exceptions import NotFound
from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from core.errors import AccessError
from core.errors import MissingError
from core.web import Request

TEMPLATE = "sales/order_print.html"
STYLESHEET = Path(__file__).resolve().parent / "static" / "print.css"


def rules() -> list[Rule]:
    """The URL rules, for the ``register_routes`` hook."""
    return [
        Rule("/sales/order/<int:order_id>/print", endpoint=print_order, methods=["GET"]),
        Rule("/sales/print.css", endpoint=stylesheet, methods=["GET"]),
    ]


def print_order(request: Request, order_id: int, **values: Any) -> Response:
    """The order ``order_id`` as a document; 404 when the user may not read it."""
    orders = request.env["sales.order"]
    try:
        order = orders.get(order_id)
    except (MissingError, AccessError):
        raise NotFound() from None
    lines = list(order.lines)
    taxes = {line.id: ", ".join(tax.name for tax in line.taxes) for line in lines}
    partner = order.partner
    return request.app.render(
        request,
        TEMPLATE,
        order=order,
        lines=lines,
        taxes=taxes,
        partner=partner,
        company=order.company,
        currency=order.currency.code,
        places=order.currency.decimal_places,
        is_quotation=order.state in ("draft", "sent"),
    )


def stylesheet(request: Request, **values: Any) -> Response:
    """The print stylesheet, cacheable for a day."""
    response = Response(STYLESHEET.read_bytes(), mimetype="text/css")
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response
