"""What purchase adds to accounting's records, and accounting to purchase's.

* ``product.product``: ``bill_policy``, which quantity of an order is billed:
  what was received (goods) or what was ordered (services), `bill_policy`;
* ``accounting.invoice``: ``purchase_order``, the order a bill was made from;
* ``accounting.invoice_line``: ``purchase_line``, the order line it bills
  (locked once the bill is posted, like the line's other fields, and kept by
  its credit notes), and the
  three-way match read from it: ordered, received, billed on the other bills,
  the order's unit price;
* ``purchase.order_line``: ``invoice_lines``, ``qty_billed`` (bills in draft or
  posted, less vendor credit notes; cancelled ones do not count) and
  ``qty_to_bill`` (received or ordered, by the policy, less billed), stored;
* ``purchase.order``: its ``bills``, ``bill_status`` (stored, filterable) and
  **Create bill** (`addons.purchase.accounting.billing`).
"""

from __future__ import annotations

import decimal
from typing import Any

from addons.purchase.accounting import billing
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Extension
from core.orm.model import api_method

ZERO = decimal.Decimal(0)
QUANTITY = (16, 4)
QUANTUM = decimal.Decimal(1).scaleb(-QUANTITY[1])
POLICIES = [("received", "Received quantities"), ("ordered", "Ordered quantities")]
BILL_STATUSES = [("nothing", "Nothing to bill"), ("to_bill", "To bill"), ("billed", "Fully billed")]
BILLED_STATES = ("draft", "posted")
# Who sees a bill's order and match: not salespeople reading customer invoices (they cannot read orders).
MATCHERS = ("accounting.group_user", "purchase.group_user")


def bill_policy(product: Any) -> str:
    """The product's bill policy; when not set, ``received`` for goods and ``ordered`` for services
    (and for lines without a product)."""
    if product is None:
        return "ordered"
    return product.bill_policy or ("ordered" if product.type == "service" else "received")


def billed_quantity(lines: Any, posted_only: bool = False, exclude: Any = None) -> decimal.Decimal:
    """What bill ``lines`` bill, in their order line's unit: vendor bills add, vendor credit notes
    subtract; drafts count unless ``posted_only``; cancelled documents and the invoice ``exclude`` do not."""
    total = ZERO
    for line in lines:
        invoice = line.invoice
        if invoice is exclude or invoice.state not in (("posted",) if posted_only else BILLED_STATES):
            continue
        sign = -1 if invoice.kind == "in_refund" else 1
        total += sign * quantity_ordered_unit(line)
    return total


def quantity_ordered_unit(line: Any) -> decimal.Decimal:
    """A bill line's quantity in the unit of its order line (the vendor may bill dozens of units)."""
    quantity = decimal.Decimal(line.quantity or 0)
    order_line = line.purchase_line
    if line.uom is not None and order_line is not None and order_line.uom not in (None, line.uom):
        # As the order line's quantities are stored (4 decimals): 2 dozens are 24 units, not 24.0000000096.
        return line.uom.convert(quantity, order_line.uom).quantize(QUANTUM)
    return quantity


class Product(Extension, extends="product.product"):
    bill_policy = fields.Selection(
        POLICIES,
        "Bill policy",
        help="Which quantity of a purchase order is billed. Empty: received quantities for goods, "
        "ordered quantities for services.",
    )


class Invoice(Extension, extends="accounting.invoice"):
    purchase_order = fields.Many2one(
        "purchase.order",
        "Purchase order",
        readonly=True,
        copy=False,
        ondelete="restrict",
        index=True,
        groups=MATCHERS,
    )


class InvoiceLine(Extension, extends="accounting.invoice_line"):
    purchase_line = fields.Many2one(
        "purchase.order_line",
        "Purchase order line",
        readonly=True,
        ondelete="restrict",
        index=True,
        groups=MATCHERS,
    )
    purchase_qty_ordered = fields.Decimal("Ordered", digits=QUANTITY, groups=MATCHERS)
    purchase_qty_received = fields.Decimal("Received", digits=QUANTITY, groups=MATCHERS)
    purchase_qty_billed = fields.Decimal("Billed on other bills", digits=QUANTITY, groups=MATCHERS)
    purchase_price_unit = fields.Decimal("Order price", digits=(16, 6), groups=MATCHERS)

    @purchase_qty_ordered.computed_from("purchase_line.quantity")
    @purchase_qty_received.computed_from("purchase_line.qty_received")
    @purchase_qty_billed.computed_from("purchase_line.qty_billed")
    @purchase_price_unit.computed_from("purchase_line.price_unit")
    def _compute_match(self) -> None:
        """The order line's ordered and received quantities, what its other bills bill, its price."""
        line = self.purchase_line
        if line is None:
            self.purchase_qty_ordered = self.purchase_qty_received = None
            self.purchase_qty_billed = self.purchase_price_unit = None
            return
        self.purchase_qty_ordered = line.quantity
        self.purchase_qty_received = line.qty_received
        own = billed_quantity([self]) if self.invoice is not None else ZERO
        self.purchase_qty_billed = decimal.Decimal(line.qty_billed or 0) - own
        self.purchase_price_unit = line.price_unit

    @constrains("purchase_line")
    def _check_purchase_line_locked(self) -> None:
        self._check_invoice_draft()

    def copy_values(self) -> dict[str, Any]:
        """A copy (a credit note of the bill) bills the same order line."""
        return {**super().copy_values(), "purchase_line": self.purchase_line}


class OrderLine(Extension, extends="purchase.order_line"):
    invoice_lines = fields.One2many("accounting.invoice_line", inverse="purchase_line", label="Bill lines")
    qty_billed = fields.Decimal("Billed", digits=QUANTITY, store=True, readonly=True)
    qty_to_bill = fields.Decimal("To bill", digits=QUANTITY, store=True, readonly=True)

    @qty_billed.computed_from(
        "invoice_lines.quantity",
        "invoice_lines.uom",
        "invoice_lines.invoice.state",
        "invoice_lines.invoice.kind",
    )
    def _compute_qty_billed(self) -> None:
        self.qty_billed = billed_quantity(self.invoice_lines)

    @qty_to_bill.computed_from(
        "quantity", "qty_received", "qty_billed", "order.state", "product.bill_policy", "product.type"
    )
    def _compute_qty_to_bill(self) -> None:
        if self.order is None or self.order.state not in ("purchase", "done"):
            self.qty_to_bill = ZERO
            return
        basis = self.qty_received if bill_policy(self.product) == "received" else self.quantity
        self.qty_to_bill = decimal.Decimal(basis or 0) - decimal.Decimal(self.qty_billed or 0)


class Order(Extension, extends="purchase.order"):
    bills = fields.One2many("accounting.invoice", inverse="purchase_order", label="Bills")
    bill_status = fields.Selection(BILL_STATUSES, "Billing", store=True, readonly=True, index=True)

    @bill_status.computed_from("state", "lines.qty_to_bill", "lines.qty_billed", "lines.quantity")
    def _compute_bill_status(self) -> None:
        if self.state not in ("purchase", "done"):
            self.bill_status = "nothing"
        elif any(line.qty_to_bill > 0 for line in self.lines):
            self.bill_status = "to_bill"
        elif self.lines and all(line.qty_billed >= line.quantity for line in self.lines):
            self.bill_status = "billed"
        else:
            self.bill_status = "nothing"

    @api_method
    def action_create_bill(self) -> Any:
        """A draft vendor bill of what is to bill on this order (`addons.purchase.accounting.billing`).

        Raises:
            ValidationError: the order is not confirmed.
            UserError: nothing is to bill.
        """
        return billing.create_bill(self)
