"""What sales adds to accounting's records and to products, with accounting installed.

* ``accounting.invoice_line.sale_line``: the order line a line invoices
  (counted by `addons.sales.accounting.order.OrderLine.qty_invoiced`);
  ``downpayment_order``: the order a down payment line (or its deduction)
  is an advance on;
* ``accounting.invoice.sale_order``: the order an invoice bills, down
  payments included; a credit note of an invoice keeps its links
  (`Invoice.new`), so crediting reduces what the order counts as invoiced;
* ``product.product.invoice_policy``: invoice what was ordered, or what was
  delivered;
* ``base.company.default_customer_advance_account``: where down payments
  book (340 Alınan Sipariş Avansları, 2400 Customer advances), set from
  the chart template's ``[extras.sales.defaults]``.

Links are many2ones on accounting's side and one2manys on sales' side: an
invoice made by accounting (a credit note) changes no order field a
bookkeeper would need the right to change, and the flush recomputes the
orders' quantities and statuses from the new lines in one batch.
Bookkeepers read the orders their invoices come from
(``security/accounting_access.toml``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.orm import fields
from core.orm.environment import Environment
from core.orm.model import Extension

BOOKKEEPERS = ("accounting.group_user",)
POLICIES = [("order", "Ordered quantities"), ("delivery", "Delivered quantities")]


class Company(Extension, extends="base.company"):
    default_customer_advance_account = fields.Many2one(
        "accounting.account",
        "Customer advances account",
        copy=False,
        ondelete="restrict",
        groups=BOOKKEEPERS,
        help="Where down payments received on sales orders book until the final invoice deducts them.",
    )


class Product(Extension, extends="product.product"):
    invoice_policy = fields.Selection(
        POLICIES,
        "Invoicing policy",
        default="order",
        required=True,
        help="Invoice the quantities ordered, or only those delivered.",
    )


class InvoiceLine(Extension, extends="accounting.invoice_line"):
    sale_line = fields.Many2one(
        "sales.order_line", "Sales order line", readonly=True, copy=False, index=True, ondelete="restrict"
    )
    downpayment_order = fields.Many2one(
        "sales.order", "Down payment of", readonly=True, copy=False, index=True, ondelete="restrict"
    )


class Invoice(Extension, extends="accounting.invoice"):
    sale_order = fields.Many2one(
        "sales.order", "Sales order", readonly=True, copy=False, index=True, ondelete="restrict"
    )

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Any:
        """A credit note of an order's invoice credits the same order, line for line.

        Accounting's credit note copies the invoice's lines in their order
        (`addons.accounting.invoicing.credit_note`); each copy keeps the
        order line (or the down payment) its original line invoiced.
        """
        original = env.record("accounting.invoice", vals.get("reversed_invoice"))
        if original is not None and original.sale_order is not None and "sale_order" not in vals:
            vals = {**vals, "sale_order": original.sale_order.id}
            lines = list(vals.get("lines") or ())
            if len(lines) == len(original.lines):
                vals["lines"] = [
                    _linked(line, source) for line, source in zip(lines, original.lines, strict=True)
                ]
        return super().new(env, vals)


def _linked(line: Any, source: Any) -> Any:
    """The values of a credit note's line copied from ``source``, with ``source``'s links to the order."""
    if not isinstance(line, Mapping) or "sale_line" in line or "downpayment_order" in line:
        return line
    return {**line, "sale_line": source.sale_line_id, "downpayment_order": source.downpayment_order_id}
