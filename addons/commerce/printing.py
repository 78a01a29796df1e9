"""Printable documents (quotations, orders, requests for quotation): one layout for sales and purchase.

An addon returns a `print_rule` from its ``register_routes`` hook; its
template extends ``commerce/document_print.html`` and fills the blocks
``title``, ``back`` and ``meta``::

    @hookimpl
    def register_routes() -> list[Rule]:
        return [print_rule("/sales/order/<int:record_id>/print", "sales.order", "sales/order_print.html")]

The document is read as the logged-in user, so one they may not read
(another company's, or none at all) answers 404 like a missing one.

The layout shows the partner's address, the lines with their taxes, the
untaxed amount, each tax's amount (`TaxedDocument.tax_totals`), the total,
and the installments of the payment terms when there are several. Its
stylesheet is ``static/print.css`` (the content security policy forbids
inline styles).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from werkzeug.exceptions import NotFound
from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from core.errors import AccessError
from core.errors import MissingError
from core.orm.environment import BoundModel
from core.web import Request


def print_rule(path: str, model: str, template: str, date_field: str = "date_order") -> Rule:
    """A ``GET`` rule at ``path`` (which has ``<int:record_id>``) printing that record of ``model``.

    ``date_field`` dates the document (the installments of its payment terms count from it).
    """

    def print_document(request: Request, record_id: int, **values: Any) -> Response:
        document = readable(request.env[model], record_id)
        return render_document(request, template, document, getattr(document, date_field))

    return Rule(path, endpoint=print_document, methods=["GET"])


def readable(model: BoundModel[Any], record_id: int) -> Any:
    """The record ``record_id`` of ``model``, read as the user.

    Raises:
        NotFound: it does not exist or the user may not read it (the same answer for both).
    """
    try:
        return model.get(record_id)
    except (MissingError, AccessError):
        raise NotFound() from None


def render_document(request: Request, template: str, document: Any, day: dt.date, **values: Any) -> Response:
    """The page of ``document`` (a taxed document dated ``day``) through ``template``, with ``values``."""
    lines = list(document.lines)
    currency = document.currency
    term = document.payment_term
    installments = term.installments(document.amount_total, day, currency) if term is not None else []
    return request.app.render(
        request,
        template,
        document=document,
        lines=lines,
        taxes={line.id: ", ".join(tax.name for tax in line.taxes) for line in lines},
        tax_totals=[(tax.name, amount) for tax, amount in document.tax_totals().items()],
        installments=installments if len(installments) > 1 else [],
        partner=document.partner,
        company=document.company,
        currency=currency.code,
        places=currency.decimal_places,
        **values,
    )
