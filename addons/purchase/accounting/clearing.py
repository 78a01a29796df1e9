"""Bills of received goods clear the goods received not invoiced; a price difference revalues or costs.

In a company that keeps its stock in the books (it has a stock journal,
`addons.stock.accounting`), a receipt debited the stock and credited the
goods received not invoiced (329 in Tek Düzen) at the receipt's value. The
vendor bill's line of a storable product of a purchase order then books,
instead of its expense account (through ``accounting_invoice_line_items``):

* on the product category's goods received not invoiced account, the value
  the receipts booked for the quantity billed (the order line's received
  value pro rata, cumulated over its posted bills, so the last bill clears
  exactly what is left); a quantity billed beyond what was received goes
  there at the bill's value, for the receipt to clear later;
* the difference between the bill's amount for the received quantity (at
  the bill date's rate) and that value, split by what of the goods is still
  on hand (`addons.purchase.accounting.revaluation`): that share on the
  stock valuation account, the product's cost following; the share already
  delivered on the cost of goods sold account.

Receive 10 at 30.00, deliver 4, bill 10 at 33.00: 329 debited 300.00 (back
to zero), 153 18.00 (6 on hand × 3.00), 621 12.00; the 6 left cost 33.00.

A vendor credit note of such a line credits the goods received not invoiced
at its own amount (the return to the vendor debited it). Other lines, and
every line in a company without a stock journal, keep their expense account.
"""

from __future__ import annotations

import decimal
from typing import Any

from addons.purchase.accounting.models import billed_quantity
from addons.purchase.accounting.models import quantity_ordered_unit
from addons.purchase.accounting.revaluation import Revaluation
from addons.stock.accounting.accounts import Accounts
from core.i18n import _
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)
# What matching and clearing read of a bill's lines (loaded by `addons.purchase.accounting.hooks`).
PATHS = (
    "product.category",
    "purchase_line.order.currency",
    "purchase_line.moves.location",
    "purchase_line.moves.location_dest",
    "purchase_line.invoice_lines.invoice",
)


def rebook(env: Environment, invoice: Any, items: dict[int, list[dict[str, Any]]]) -> None:
    """Book ``invoice``'s lines of received goods as the module says, changing ``items`` in place.

    Raises:
        UserError: a product category (and the company) has no account of a role needed.
    """
    company = invoice.company
    if company.stock_journal is None or invoice.kind not in ("in_invoice", "in_refund"):
        return
    lines = [
        line
        for line in invoice.lines
        if line.id in items
        and line.purchase_line is not None
        and line.product is not None
        and line.product.type == "storable"
    ]
    if not lines:
        return
    accounts = Accounts(env)
    if invoice.kind == "in_refund":
        for line in lines:
            received = accounts.account("stock_received", line.product.category, company)
            for values in items[line.id]:
                values["account"] = received.id
        return
    revaluation = Revaluation(env, company, {line.product for line in lines}, invoice.date)
    for line in lines:
        items[line.id] = _line_items(accounts, revaluation, invoice, line, items[line.id])
    revaluation.finish()


def received(order_line: Any) -> tuple[decimal.Decimal, decimal.Decimal]:
    """What ``order_line``'s done receipts brought in, less returns: (quantity, value in company currency)."""
    quantity, value = ZERO, ZERO
    for move in order_line.moves:
        if move.state != "done":
            continue
        done = decimal.Decimal(move.quantity_done or 0)
        if move.location.usage == "supplier":
            quantity += done
        elif move.location_dest.usage == "supplier":
            quantity -= done
        else:
            continue
        value += decimal.Decimal(move.value or 0)
    return quantity, value


def _line_items(
    accounts: Accounts, revaluation: Revaluation, invoice: Any, line: Any, items: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The items of one bill line: goods received not invoiced, and the price difference's two shares."""
    currency, company = invoice.company.currency, invoice.company
    category, order_line = line.product.category, line.purchase_line
    balance = sum((decimal.Decimal(i["debit"]) - decimal.Decimal(i["credit"]) for i in items), ZERO)
    quantity = quantity_ordered_unit(line)
    got, value = received(order_line)
    before = billed_quantity(order_line.invoice_lines, posted_only=True, exclude=invoice)
    start, end = (max(min(x, got), ZERO) for x in (before, before + quantity))

    def value_of(part: decimal.Decimal) -> decimal.Decimal:
        return currency.round(value * part / got) if got > 0 else ZERO

    covered = end - start
    clearing = value_of(end) - value_of(start)
    billed_covered = currency.round(balance * covered / quantity)
    difference = billed_covered - clearing
    on_hand = revaluation.on_hand(order_line, covered)
    to_stock = currency.round(difference * on_hand / covered) if covered else ZERO
    revaluation.revalue(order_line, on_hand, to_stock)
    label = items[0]["name"]
    difference_label = _("%(line)s: price difference", line=label)
    shares = [
        (accounts.account("stock_received", category, company), clearing + balance - billed_covered, label),
        (accounts.account("stock_valuation", category, company), to_stock, difference_label),
        (accounts.account("cogs", category, company), difference - to_stock, difference_label),
    ]
    return _split(items[0], balance, [share for share in shares if share[1]], invoice.currency)


def _split(
    item: dict[str, Any],
    balance: decimal.Decimal,
    shares: list[tuple[Any, decimal.Decimal, str]],
    currency: Any,
) -> list[dict[str, Any]]:
    """Copies of ``item`` with each share's account, balance and label; the amount in currency split
    pro rata, the last share taking what rounding leaves."""
    foreign = item.get("amount_currency") is not None and item.get("currency") is not None
    total = decimal.Decimal(item["amount_currency"]) if foreign else ZERO
    rest, made = total, []
    for index, (account, amount, label) in enumerate(shares):
        values = {**item, "account": account.id, "name": label}
        values["debit"], values["credit"] = max(amount, ZERO), max(-amount, ZERO)
        if foreign:
            last = index == len(shares) - 1
            share = rest if last else currency.round(total * amount / balance)
            values["amount_currency"], rest = share, rest - share
        made.append(values)
    return made
