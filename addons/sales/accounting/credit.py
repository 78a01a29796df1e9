"""The customer's credit when quoting: what they owe, what is overdue, their limit, and this order on top.

Salespeople may not read accounting's balances or the credit limit; the
check reads them as the system (`addons.accounting.balances.partner_balances`,
``partner.credit_limit``), for the customer's commercial partner (the
company a contact works for), in the order company's currency::

    check = credit.check(order)
    check.receivable, check.overdue, check.limit, check.exposure, check.over

``exposure`` is what the customer owes now (posted, not yet paid), plus
their other confirmed orders not invoiced yet (each order's total less its
posted invoices, which the receivable already counts), plus what this
order has not invoiced yet (a quotation's whole total), each converted at
today's rate, as the receivable is what is owed today. An order is over
the limit when the limit is not zero and the exposure is strictly above
it: an order reaching the limit exactly passes.
A few queries whatever the customer's history: the limit and its
currency, the balances, the open orders grouped by currency; `checks` runs
them once for many orders (an order list's credit columns). Confirming for
a customer without a limit reads only the limit (`limit_of`).
"""

from __future__ import annotations

import dataclasses
import decimal
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from addons.accounting.balances import partner_balances
from core.base.models.currency import Rates
from core.errors import ValidationError
from core.i18n import _

ZERO = decimal.Decimal(0)


@dataclasses.dataclass(frozen=True)
class CreditCheck:
    """A customer's credit in the company currency, with one order on top."""

    receivable: decimal.Decimal
    overdue: decimal.Decimal
    open_orders: decimal.Decimal
    this_order: decimal.Decimal
    limit: decimal.Decimal

    @property
    def exposure(self) -> decimal.Decimal:
        return self.receivable + self.open_orders + self.this_order

    @property
    def over(self) -> bool:
        """Whether the order takes the customer over a limit that is set (not zero)."""
        return self.limit > 0 and self.exposure > self.limit


def customer_of(order: Any) -> Any:
    """The partner whose credit the order uses: the company its customer works for, else the customer."""
    partner = order.partner
    return partner.parent if partner.parent is not None else partner


def limit_of(order: Any, rates: Rates | None = None) -> decimal.Decimal:
    """The credit limit of ``order``'s customer in the order company's currency (0: none), as the system.

    Raises:
        UserError: the limit's currency has no exchange rate for today.
    """
    env = order.env
    with env.sudo():
        customer, currency = customer_of(order), order.company.currency
        limit = decimal.Decimal(customer.credit_limit or 0)
        if limit and customer.credit_currency is not None:
            limit = currency.round(customer.credit_currency.convert(limit, currency, env.today(), rates))
        return limit


def check(order: Any) -> CreditCheck:
    """The credit of ``order``'s customer in its company, as the system, with this order's total.

    Raises:
        UserError: a currency involved has no exchange rate for the day.
    """
    return checks([order])[order]


def checks(orders: Sequence[Any]) -> dict[Any, CreditCheck]:
    """`check` of each of ``orders``, by order, in a few queries per company whatever their number
    (the balances and the open orders of all their customers at once).

    Raises:
        UserError: a currency involved has no exchange rate for the day.
    """
    if not orders:
        return {}
    env = orders[0].env
    rates: Rates = {}
    limits = {order: limit_of(order, rates) for order in orders}
    found: dict[Any, CreditCheck] = {}
    with env.sudo():
        day = env.today()
        by_company: dict[Any, list[Any]] = defaultdict(list)
        for order in orders:
            by_company[order.company].append(order)
        for company, sold in by_company.items():
            currency = company.currency
            customers = {customer_of(order).id for order in sold}
            balances = partner_balances(env, customers, company.id, day)
            open_amounts = _open_amounts(env, company, customers)
            for order in sold:
                customer = customer_of(order).id
                unbilled = decimal.Decimal(order.amount_total or 0) - decimal.Decimal(
                    order.amount_invoiced or 0
                )
                mine = max(unbilled, ZERO)
                others = dict(open_amounts.get(customer, {}))
                counted = order.invoice_status != "invoiced" or unbilled > 0  # as `_open_amounts` selects
                if order.id is not None and order.state == "confirmed" and counted:
                    others[order.currency] = others.get(order.currency, ZERO) - unbilled  # counted there
                open_orders = sum(
                    (
                        source.convert(amount, currency, day)
                        for source, amount in others.items()
                        if amount > 0
                    ),
                    ZERO,
                )
                this_order = (
                    order.currency.convert(mine, currency, day, rates)
                    if order.state in ("draft", "sent", "confirmed")
                    else ZERO
                )
                balance = balances[customer]
                found[order] = CreditCheck(
                    receivable=balance.receivable,
                    overdue=balance.overdue,
                    open_orders=currency.round(open_orders),
                    this_order=currency.round(this_order),
                    limit=limits[order],
                )
    return found


def _open_amounts(env: Any, company: Any, customers: set[int]) -> dict[int, dict[Any, decimal.Decimal]]:
    """Per customer of ``customers`` (their contacts' orders included), what their confirmed orders in
    ``company`` have not invoiced yet, per currency."""
    Order, Partner = env.registry["sales.order"], env.registry["base.partner"]
    customer = func.coalesce(Partner.parent_id, Partner.id)
    stmt = (
        select(
            customer,
            Order.currency_id,
            func.sum(Order.amount_total - func.coalesce(Order.amount_invoiced, 0)),
        )
        .join(Partner, Partner.id == Order.partner_id)
        .where(
            or_(Order.partner_id.in_(customers), Partner.parent_id.in_(customers)),
            Order.company_id == company.id,
            Order.state == "confirmed",
            # Invoiced in draft is not owed yet: only posted invoices leave the open amount.
            or_(
                Order.invoice_status != "invoiced",
                func.coalesce(Order.amount_invoiced, 0) < Order.amount_total,
            ),
        )
        .group_by(customer, Order.currency_id)
    )
    amounts: dict[int, dict[Any, decimal.Decimal]] = defaultdict(dict)
    for owner, currency_id, amount in env.session.execute(stmt):
        amounts[owner][env["base.currency"].get(currency_id)] = decimal.Decimal(amount or 0)
    return amounts


def refusal(order: Any, credit: CreditCheck) -> str:
    """Why ``order`` waits for credit approval, with the figures, in the user's language."""
    currency = order.company.currency.code
    return _(
        "%(order)s waits for credit approval: %(customer)s owes %(owed)s (%(overdue)s overdue), other open "
        "orders %(open)s, this order %(this)s: %(total)s in all, over the credit limit of %(limit)s "
        "%(currency)s. A sales manager approves it.",
        order=order.name,
        customer=customer_of(order).display_name,
        owed=credit.receivable,
        overdue=credit.overdue,
        open=credit.open_orders,
        this=credit.this_order,
        total=credit.exposure,
        limit=credit.limit,
        currency=currency,
    )


def check_waiting(order: Any) -> None:
    """Refuse to approve the credit of an order that is not waiting for it.

    Raises:
        ValidationError: ``order`` is not on credit hold.
    """
    if not order.credit_hold:
        raise ValidationError(
            _("%(order)s is not waiting for credit approval: confirm it.", order=order.name),
            fields={"credit_hold": _("Not waiting.")},
        )
