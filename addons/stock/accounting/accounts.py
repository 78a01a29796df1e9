"""Which accounts a move of goods books to: the stock account on one side, a counterpart on the other.

A move into the company's stock (a location of usage ``internal``) debits the
stock valuation account; a move out of it credits it. The other side depends
on where the goods come from or go to:

==============  ===============================  ===============================
other location  goods come in (debit stock)      goods go out (credit stock)
==============  ===============================  ===============================
vendor          credit goods received not        debit goods received not
                invoiced (receipt)               invoiced (return to the vendor)
customer        credit cost of goods sold        debit cost of goods sold
                (customer return)                (delivery)
inventory loss  credit inventory gain (count)    debit inventory loss (count)
==============  ===============================  ===============================

Each account is the product category's, else its parent's and so up, else
the company's default; a category's account counts only for moves of the
account's company (categories are shared, accounts are not)::

    resolver = Accounts(env)
    debit, credit = resolver.sides(move)
"""

from __future__ import annotations

from typing import Any

from addons.stock.accounting.models import ROLES
from core.errors import UserError
from core.i18n import _
from core.orm.environment import Environment

# The counterpart's role by the other location's usage: (goods coming in, goods going out).
COUNTERPARTS = {
    "supplier": ("stock_received", "stock_received"),
    "customer": ("cogs", "cogs"),
    "inventory": ("inventory_gain", "inventory_loss"),
}


class Accounts:
    """Finds the accounts of moves, remembering each (role, category, company) it looked up."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._found: dict[tuple[str, int | None, int], Any] = {}

    def account(self, role: str, category: Any, company: Any) -> Any:
        """The account of ``role`` for products of ``category`` moved by ``company``.

        Raises:
            UserError: neither the category, its parents nor the company name one.
        """
        key = (role, category.id if category is not None else None, company.id)
        if key not in self._found:
            self._found[key] = self._look_up(role, category, company)
        return self._found[key]

    def _look_up(self, role: str, category: Any, company: Any) -> Any:
        for node in category.ancestry() if category is not None else ():
            account = getattr(node, f"{role}_account")
            if account is not None and account.company_id == company.id:
                return account
        account = getattr(company, f"default_{role}_account")
        if account is None:
            raise UserError(
                _(
                    "%(company)s has no “%(role)s” for %(category)s: set one on the product category "
                    "or on the company.",
                    company=company.name,
                    role=_(ROLES[role][0]),
                    category=category.complete_name
                    if category is not None
                    else _("products without a category"),
                )
            )
        return account

    def sides(self, move: Any) -> tuple[Any, Any]:
        """The (debit, credit) accounts of a move whose ``value`` is not zero.

        Raises:
            UserError: the move crosses into a location whose usage has no
                counterpart (production, transit), or an account is missing.
        """
        incoming = move.location_dest.usage == "internal"
        other = move.location if incoming else move.location_dest
        roles = COUNTERPARTS.get(other.usage)
        if roles is None:
            raise UserError(
                _(
                    "%(product)s: moves between %(source)s and %(destination)s have no account to book "
                    "their value against.",
                    product=move.product.display_name,
                    source=move.location.display_name,
                    destination=move.location_dest.display_name,
                )
            )
        category, company = move.product.category, move.company
        stock = self.account("stock_valuation", category, company)
        counterpart = self.account(roles[0] if incoming else roles[1], category, company)
        return (stock, counterpart) if incoming else (counterpart, stock)
