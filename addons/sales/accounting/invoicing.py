"""The invoices of confirmed orders: what is left to invoice on each line, at the order's prices and taxes.

One draft customer invoice per order (``origin`` its number), created
through accounting's invoice model (`addons.accounting.invoicing`), with
the order's customer, currency, payment terms, company, tax rounding and
salesperson, and per line with something left to invoice
(``qty_to_invoice`` > 0) a line of the same product, description, unit,
unit price, discount and taxes for that quantity, linked to the order line
(``sale_line``). An order invoiced in full in one go therefore has the
invoice's totals to the cent. Down payments posted on the order and not
deducted yet are deducted (`addons.sales.accounting.down_payments`)::

    invoice = order.action_create_invoice()       # one order, its form opens
    invoices = create_invoices(env, orders)       # several, one invoice each

The user must be allowed to change the orders (their own, for a
salesperson); the invoices are then made as the system, since salespeople
only read invoices. A fixed number of queries whatever the number of lines
or orders: the lines and what they refer to load together, the invoices
are created in one batch.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from typing import Any

from addons.sales.accounting import down_payments
from addons.sales.accounting.rights import check_may_invoice
from core.errors import UserError
from core.i18n import _
from core.orm.environment import Environment
from core.orm.records import RecordSet

ZERO = decimal.Decimal(0)
LINE_PATHS = ["lines.product", "lines.uom", "lines.taxes", "partner", "currency", "payment_term", "company"]


def create_invoices(env: Environment, orders: Sequence[Any]) -> list[Any]:
    """One draft customer invoice per order of ``orders`` of what it has left to invoice, in their order.

    Raises:
        UserError: an order is not confirmed, or has nothing left to invoice
            (the message names it and says why).
        AccessError: the user may not change one of the orders.
    """
    env.flush()
    orders = list(orders)
    check_may_invoice(env, orders)
    if not orders:
        return []
    RecordSet(env, type(orders[0]), orders).prefetch(LINE_PATHS)
    with env.sudo():
        deductions = down_payments.deductions(env, orders)
        values = [invoice_values(order, deductions.get(order.id, [])) for order in orders]
        created = env["accounting.invoice"].create(values)
    return list(created)


def invoice_values(order: Any, deductions: list[dict[str, Any]]) -> dict[str, Any]:
    """The values creating the invoice of what ``order`` has left to invoice, with ``deductions``.

    Raises:
        UserError: nothing is left to invoice on the order.
    """
    lines = [line_values(line) for line in order.lines if decimal.Decimal(line.qty_to_invoice or 0) > 0]
    if not lines:
        raise UserError(
            _(
                "%(order)s has nothing left to invoice: every line is invoiced, or waits for its "
                "delivery (products invoiced on delivered quantities).",
                order=order.name,
            )
        )
    return {
        "kind": "out_invoice",
        "partner": order.partner.id,
        "company": order.company.id,
        "currency": order.currency.id,
        "payment_term": order.payment_term.id if order.payment_term is not None else None,
        "tax_rounding": order.tax_rounding,
        "origin": order.name,
        "user": order.user.id if order.user is not None else None,
        "sale_order": order.id,
        "lines": lines + capped(order, lines, deductions),
    }


def capped(order: Any, lines: list[dict[str, Any]], deductions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``deductions`` of down payments, each at most what ``lines`` invoice with the same taxes: an
    invoice of part of the order never goes below zero, and what it could not deduct waits for the
    next invoice."""
    net: dict[tuple[int, ...], decimal.Decimal] = {}
    for line in lines:
        key = tuple(sorted(line["taxes"]))
        price = line["price_unit"] * line["quantity"] * (1 - line["discount"] / 100)
        net[key] = net.get(key, decimal.Decimal(0)) + decimal.Decimal(price)
    kept = []
    for deduction in deductions:
        most = order.currency.round(net.get(tuple(sorted(deduction["taxes"])), decimal.Decimal(0)))
        price = min(deduction["price_unit"], most)
        if price > 0:
            kept.append({**deduction, "price_unit": price})
    return kept


def line_values(line: Any) -> dict[str, Any]:
    """An invoice line of what ``line`` has left to invoice, at its price, discount and taxes."""
    return {
        "sequence": line.sequence,
        "product": line.product.id if line.product is not None else None,
        "description": line.description,
        "quantity": decimal.Decimal(line.qty_to_invoice),
        "uom": line.uom.id if line.uom is not None else None,
        "price_unit": line.price_unit,
        "discount": line.discount,
        "taxes": [tax.id for tax in line.taxes],
        "sale_line": line.id,
    }
