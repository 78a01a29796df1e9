"""``POST /sales/orders/invoice``: **Create invoices** on the list of orders, one draft per selected order.

The list of sales orders (``templates/sales/order_list.html``) posts its
selection (``ids``, the list's batch form) here; the invoices are made in
the request's transaction by `addons.sales.accounting.invoicing.create_invoices`,
all or none: an order the user may not change, or with nothing left to
invoice, refuses the batch with its name. One invoice opens its form; several
open the list of customer invoices::

    <button form="batch" formaction="/sales/orders/invoice">Create invoices</button>
"""

from __future__ import annotations

from typing import Any

from werkzeug.exceptions import BadRequest
from werkzeug.routing import Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from addons.sales.accounting.invoicing import create_invoices
from core.i18n import _
from core.web import Request

PATH = "/sales/orders/invoice"


def rules() -> list[Rule]:
    """The URL rule of the batch invoicing, for the ``register_routes`` hook."""
    return [Rule(PATH, endpoint=invoice_selected, methods=["POST"])]


def selected(request: Request) -> list[int]:
    """The ids of the selected orders (``ids``, repeated or comma-separated).

    Raises:
        BadRequest: none is selected, or one is not a record id.
    """
    parts = [
        part.strip() for value in request.form.getlist("ids") for part in value.split(",") if part.strip()
    ]
    if not parts or not all(part.isascii() and part.isdigit() for part in parts):
        raise BadRequest(_("Select the orders to invoice."))
    return list(dict.fromkeys(int(part) for part in parts))


def invoice_selected(request: Request, **values: Any) -> Response:
    """Invoice the selected orders, then open the invoice (or the customer invoices when several)."""
    env = request.env
    orders = list(env["sales.order"].browse(selected(request)))
    invoices = create_invoices(env, orders)
    if len(invoices) == 1:
        return redirect(f"/web/accounting.invoice/{invoices[0].id}", 303)
    return redirect("/web/accounting.invoice?action=accounting.customer_invoices", 303)
