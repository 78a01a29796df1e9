"""The three-way match: a bill of a purchase order against what was ordered and what was received.

When a vendor bill with lines of purchase orders is posted, each such line is
compared with its order line:

* **quantity**: for products billed on received quantities, what the posted
  bills of the line then bill (the earlier ones and this one, less credit
  notes) must not exceed what was received;
* **price**: the bill's unit price after discount, in the order's currency
  at the bill date, must be the order's, rounded to the order currency.

A bookkeeper's posting is refused with a message naming the line, the
ordered, received and billed quantities and both prices; an accounting
adviser's goes through: the adviser is who approves a bill that does not
match (``docs/decisions.md``). Vendor credit notes are not checked.
"""

from __future__ import annotations

import decimal
from typing import Any

from addons.accounting.locks import is_adviser
from addons.purchase.accounting.models import bill_policy
from addons.purchase.accounting.models import billed_quantity
from addons.purchase.accounting.models import quantity_ordered_unit
from addons.stock.ledger import plain
from core.base.models.currency import Rates
from core.errors import ValidationError
from core.i18n import _
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)
HUNDRED = decimal.Decimal(100)


def net_price(line: Any) -> decimal.Decimal:
    """A line's unit price less its discount."""
    return decimal.Decimal(line.price_unit or 0) * (HUNDRED - decimal.Decimal(line.discount or 0)) / HUNDRED


def net_price_ordered_unit(line: Any) -> decimal.Decimal:
    """A bill line's unit price less its discount, per unit of its order line (a dozen's price / 12)."""
    price, order_uom = net_price(line), line.purchase_line.uom
    if line.uom is not None and order_uom is not None and order_uom != line.uom:
        return price * decimal.Decimal(line.uom.factor) / decimal.Decimal(order_uom.factor)
    return price


def mismatches(env: Environment, invoice: Any, rates: Rates | None = None) -> list[str]:
    """What does not match on ``invoice``'s lines of purchase orders, one message per line."""
    if invoice.kind != "in_invoice":
        return []
    rates = {} if rates is None else rates
    found = []
    for line in invoice.lines:
        order_line = line.purchase_line
        if order_line is None:
            continue
        quantity = quantity_ordered_unit(line)
        before = billed_quantity(order_line.invoice_lines, posted_only=True, exclude=invoice)
        received = decimal.Decimal(order_line.qty_received or 0)
        order_currency = order_line.order.currency
        billed_price = invoice.currency.convert(
            net_price_ordered_unit(line), order_currency, invoice.date, rates
        )
        over = bill_policy(line.product) == "received" and before + quantity > received
        if over or order_currency.round(billed_price) != order_currency.round(net_price(order_line)):
            found.append(
                _(
                    "Line “%(line)s” of %(order)s: ordered %(ordered)s, received %(received)s, billed "
                    "%(billed)s with this bill; unit price %(price)s on the bill, %(order_price)s on "
                    "the order.",
                    line=line.display_name,
                    order=order_line.order.name,
                    ordered=plain(order_line.quantity),
                    received=plain(received),
                    billed=plain(before + quantity),
                    price=str(order_currency.round(billed_price)),
                    order_price=str(order_currency.round(net_price(order_line))),
                )
            )
    return found


def check_match(env: Environment, invoice: Any, rates: Rates | None = None) -> None:
    """Refuse posting ``invoice`` when a line does not match its order line, unless the user advises.

    Raises:
        ValidationError: a line bills more than was received, or at another price, and the user
            is not an accounting adviser.
    """
    found = mismatches(env, invoice, rates)
    if found and not is_adviser(env):
        raise ValidationError(
            _(
                "%(invoice)s does not match its purchase order; an accounting adviser can post it "
                "anyway. %(lines)s",
                invoice=invoice.display_name,
                lines=" ".join(found),
            ),
            fields={"lines": _("Check the quantities and prices against the order and the receipts.")},
        )
