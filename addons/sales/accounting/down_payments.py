"""Down payments: an invoice of part of a confirmed order before its goods, deducted from the final invoice.

A down payment is a percentage of the order, or a fixed amount, before
taxes as the order's prices are. It bears the order's taxes: one line per
set of taxes on the order's lines, each that set's share (a 30 % down
payment of an order of 1,000.00 with 20 % KDV is a line of 300.00 with
60.00 KDV, 360.00 in all). Its lines book to the company's customer
advances account (340 Alınan Sipariş Avansları in the Tek Düzen, 2400
Customer advances in the generic chart) and point at the order
(``downpayment_order``); the invoice is one of the order's invoices::

    invoice = order.action_down_payment(percentage=Decimal("30"))
    invoice = order.action_down_payment(amount=Decimal("500.00"))

The next invoice of the order deducts what the posted down payments left
(less the credit notes of them, less what earlier invoices, posted or
draft, deducted): one line per set of taxes, quantity −1 at that amount, on
the advances account. Once the order is invoiced in full, its invoices add
up to its total exactly: 1,200.00 = 360.00 + (1,200.00 − 360.00).
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from addons.sales.accounting.rights import check_may_invoice
from core.errors import UserError
from core.errors import ValidationError
from core.i18n import _
from core.orm.environment import Environment
from core.orm.records import RecordSet

ZERO = decimal.Decimal(0)
HUNDRED = decimal.Decimal(100)
LAST = 10_000  # the sequence of deduction lines: after the order's lines
TaxKey = tuple[int, ...]


def priced_by_taxes(order: Any) -> dict[TaxKey, decimal.Decimal]:
    """The order's lines at their net prices (quantity × unit price less the discount), per set of taxes."""
    amounts: dict[TaxKey, decimal.Decimal] = defaultdict(lambda: ZERO)
    for line in order.lines:
        net = line.price_unit * line.quantity * (1 - line.discount / HUNDRED)
        amounts[tuple(sorted(tax.id for tax in line.taxes))] += decimal.Decimal(net)
    return dict(amounts)


def advance_account(order: Any) -> Any:
    """The order company's customer advances account (read as the system).

    Raises:
        UserError: the company has none.
    """
    with order.env.sudo():
        account = order.company.default_customer_advance_account
    if account is None:
        raise UserError(
            _(
                "%(company)s has no customer advances account for down payments: set one on the company "
                "(loading a chart of accounts sets it).",
                company=order.company.name,
            )
        )
    return account


def create_down_payment(
    order: Any, percentage: decimal.Decimal | None = None, amount: decimal.Decimal | None = None
) -> Any:
    """A draft down payment invoice of ``percentage`` of ``order``, or of ``amount`` before taxes.

    Raises:
        ValidationError: neither or both are given, or the percentage is not
            above 0 and at most 100, or the amount is not above 0 and at most
            the order's net amount.
        UserError: the order is not confirmed, or the company has no customer advances account.
        AccessError: the user may not change the order.
    """
    env = order.env
    env.flush()
    check_may_invoice(env, [order])
    percentage = _number(percentage, "percentage")
    amount = _number(amount, "amount")
    bases = priced_by_taxes(order)
    parts = _split(order, bases, percentage, amount)
    _check_room(order, bases, sum(parts.values(), ZERO))
    account = advance_account(order)
    share = f"{percentage.normalize():f} %" if percentage is not None else f"{amount} {order.currency.code}"
    description = _("Down payment of %(order)s: %(share)s", order=order.name, share=share)
    lines = [
        {
            "description": description,
            "quantity": decimal.Decimal(1),
            "price_unit": part,
            "taxes": list(key),
            "account": account.id,
            "downpayment_order": order.id,
        }
        for key, part in parts.items()
        if part
    ]
    with env.sudo():
        return env["accounting.invoice"].create(
            {
                "kind": "out_invoice",
                "partner": order.partner.id,
                "company": order.company.id,
                "currency": order.currency.id,
                "tax_rounding": order.tax_rounding,
                "origin": order.name,
                "user": order.user.id if order.user is not None else None,
                "sale_order": order.id,
                "lines": lines,
            }
        )


def _number(value: Any, name: str) -> decimal.Decimal | None:
    """``value`` (a number or its text, from the API or the dialog) as a finite `Decimal`, or None.

    Raises:
        ValidationError: it is not a number.
    """
    if value is None:
        return None
    number = None
    if isinstance(value, int | float | str | decimal.Decimal):
        try:
            number = decimal.Decimal(str(value))
        except decimal.InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        raise ValidationError(fields={name: _("Expected a number such as 30 or 500.00.")})
    return number


def _check_room(order: Any, bases: dict[TaxKey, decimal.Decimal], asked: decimal.Decimal) -> None:
    """Refuse a down payment that would take the order's down payments over its net amount.

    Raises:
        ValidationError: the down payments not cancelled (less their credit notes) and ``asked``
            add up to more than the order's net amount.
    """
    env = order.env
    with env.sudo():
        found = env["accounting.invoice_line"].search(
            [("downpayment_order", "=", order.id), ("quantity", ">", 0), ("invoice.state", "!=", "cancelled")]
        )
        taken = sum(
            (
                (-1 if line.invoice.kind == "out_refund" else 1) * line.quantity * line.price_unit
                for line in found
            ),
            ZERO,
        )
    total = order.currency.round(sum(bases.values(), ZERO))
    if taken + asked > total:
        raise ValidationError(
            _(
                "%(order)s already has down payments of %(taken)s: another of %(asked)s would take them over "
                "its net amount, %(total)s.",
                order=order.name,
                taken=order.currency.round(taken),
                asked=asked,
                total=total,
            ),
            fields={"amount": _("At most what the order has left.")},
        )


def _split(
    order: Any,
    bases: dict[TaxKey, decimal.Decimal],
    percentage: decimal.Decimal | None,
    amount: decimal.Decimal | None,
) -> dict[TaxKey, decimal.Decimal]:
    """The down payment's amount per set of taxes, rounded by the order's currency; they add up to
    ``amount`` exactly when it is given."""
    if (percentage is None) == (amount is None):
        raise ValidationError(
            _("Give a percentage of the order or an amount for the down payment, not both."),
            fields={"percentage": _("A percentage or an amount.")},
        )
    currency, total = order.currency, sum(bases.values(), ZERO)
    if percentage is not None:
        if not ZERO < percentage <= HUNDRED:
            raise ValidationError(
                _("A down payment is more than 0 and at most 100 % of the order."),
                fields={"percentage": _("Between 0 and 100.")},
            )
        return {key: currency.round(base * percentage / HUNDRED) for key, base in bases.items()}
    amount = currency.round(amount)
    if not ZERO < amount <= currency.round(total):
        raise ValidationError(
            _(
                "A down payment of %(order)s is more than 0 and at most its net amount, %(total)s.",
                order=order.name,
                total=currency.round(total),
            ),
            fields={"amount": _("Between 0 and the order's net amount.")},
        )
    keys = list(bases)
    parts = {key: currency.round(bases[key] * amount / total) for key in keys[:-1]}
    parts[keys[-1]] = amount - sum(parts.values(), ZERO)
    return parts


def deductions(env: Environment, orders: Sequence[Any]) -> dict[int, list[dict[str, Any]]]:
    """Per order id, the lines deducting what its posted down payments left to deduct, per set of taxes.

    Counts the down payment lines of posted invoices (less those of posted
    credit notes) and the deductions of posted and draft invoices. One
    query for all ``orders``, as the caller (the system, when invoicing).
    """
    found = env["accounting.invoice_line"].search(
        [("downpayment_order", "in", [order.id for order in orders])]
    )
    if not found:
        return {}
    RecordSet(env, type(found[0]), list(found)).prefetch(["invoice", "taxes"])
    left: dict[tuple[int, TaxKey], decimal.Decimal] = defaultdict(lambda: ZERO)
    for line in found:
        state, quantity = line.invoice.state, decimal.Decimal(line.quantity)
        if state == "posted" or (state == "draft" and quantity < 0):
            sign = -1 if line.invoice.kind == "out_refund" else 1
            key = (line.downpayment_order_id, tuple(sorted(tax.id for tax in line.taxes)))
            left[key] += sign * quantity * line.price_unit
    by_order = {order.id: order for order in orders}
    result: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for (order_id, taxes), rest in left.items():
        order = by_order[order_id]
        rest = order.currency.round(rest)
        if rest <= 0:
            continue
        result[order_id].append(
            {
                "sequence": LAST,
                "description": _("Down payments of %(order)s deducted", order=order.name),
                "quantity": decimal.Decimal(-1),
                "price_unit": rest,
                "taxes": list(taxes),
                "account": advance_account(order).id,
                "downpayment_order": order.id,
            }
        )
    return dict(result)
