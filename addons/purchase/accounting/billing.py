"""Bills from purchase orders: a draft vendor bill of what an order has to bill.

**Create bill** on a confirmed (or locked) order, or ``order.action_create_bill()``,
``POST /api/v1/purchase.order/<id>/call/action_create_bill``, makes a draft
vendor bill (``in_invoice``) of the order's vendor, company, currency, payment
terms and tax rounding, with the order's number as its source document and the
vendor's reference as its reference. Each line with something to bill
(``qty_to_bill``: received or ordered by the product's bill policy, less what
bills in draft or posted already bill) gives a bill line with its product,
description, unit, unit price, discount and taxes, linked to the order line
(``purchase_line``), so billing everything gives the order's totals to the
cent::

    bill = order.action_create_bill()   # a draft: check it against the vendor's paper, post it

Accounting users may prepare the bill of an order they read, buyers (who
read vendor bills but do not keep the books) of one they may change
(`addons.accounting.invoicing.check_may_invoice_from`). The draft is made as
the system, as receipts are: it is a consequence of the order, it books
nothing, and posting it stays an accountant's act.
"""

from __future__ import annotations

from typing import Any

from addons.accounting.invoicing import check_may_invoice_from
from core.errors import UserError
from core.errors import ValidationError
from core.i18n import _


def create_bill(order: Any) -> Any:
    """The draft vendor bill of what ``order`` has to bill; returns it.

    Raises:
        AccessError: the user is neither an accounting user who reads the order nor one who may change it.
        ValidationError: the order is not a confirmed or locked purchase order.
        UserError: none of its lines has anything to bill.
    """
    env = order.env
    check_may_invoice_from(env, [order])
    if order.state not in ("purchase", "done"):
        raise ValidationError(
            _("%(name)s is not a confirmed purchase order: confirm it before billing it.", name=order.name),
            fields={"state": _("Confirm the order first.")},
        )
    env.flush()
    env["purchase.order_line"].browse([line.id for line in order.lines]).prefetch(["product", "taxes"])
    lines = [line for line in order.lines if line.qty_to_bill > 0]
    if not lines:
        raise UserError(
            _(
                "%(name)s has nothing to bill: its bills already cover what was received "
                "(or ordered, for products billed on ordered quantities).",
                name=order.name,
            )
        )
    with env.sudo():
        return _bill_of(env, order, lines)


def _bill_of(env: Any, order: Any, lines: list[Any]) -> Any:
    """The draft bill of ``lines`` of ``order``."""
    return env["accounting.invoice"].create(
        {
            "kind": "in_invoice",
            "partner": order.partner.id,
            "company": order.company.id,
            "currency": order.currency.id,
            "payment_term": order.payment_term.id if order.payment_term is not None else None,
            "tax_rounding": order.tax_rounding,
            "origin": order.name,
            "ref": order.partner_ref,
            "purchase_order": order.id,
            "lines": [
                {
                    "sequence": line.sequence,
                    "product": line.product.id if line.product is not None else None,
                    "description": line.description,
                    "quantity": line.qty_to_bill,
                    "uom": line.uom.id if line.uom is not None else None,
                    "price_unit": line.price_unit,
                    "discount": line.discount,
                    "taxes": [tax.id for tax in line.taxes],
                    "purchase_line": line.id,
                }
                for line in lines
            ],
        }
    )
