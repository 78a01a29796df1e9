"""Stock against the books: the value of the goods on hand next to the balance of their stock accounts.

Per stock valuation account of a company: what the storable goods on hand in
its internal locations are worth (quantity × the product's average cost,
rounded to the currency; for FIFO products, what their open cost layers in
the company have left), summed per account the products book to, and the
account's balance in the posted entries (`addons.accounting.reporting`).
They differ when stock moved while the company kept no stock journal or
before accounting was installed, when someone booked on the account by
hand, and by the rounding of the average cost
(``tests/test_stock_accounting_consistency.py`` bounds that). Shown at
``/stock/valuation/check?company=<id>`` (Accounting › Reports)::

    rows = stock_against_ledger(env, company_id)
    rows[0].code, rows[0].stock_value, rows[0].balance, rows[0].difference

A fixed number of queries: the quantities and the open layers' values
grouped by product, the products, the accounts of their categories, the
balances.
"""

from __future__ import annotations

import dataclasses
import decimal
from collections import defaultdict
from typing import Any

from sqlalchemy import func
from sqlalchemy import select
from werkzeug.exceptions import NotFound
from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from addons.accounting.reporting import Filters
from addons.accounting.reporting import trial_balance
from addons.stock.accounting.accounts import Accounts
from addons.stock.ledger import to_quantity
from addons.stock.models.category import cost_method
from core.errors import UserError
from core.i18n import _
from core.orm.environment import Environment
from core.web import Request

ZERO = decimal.Decimal(0)
TEMPLATE = "stock/valuation_check.html"


@dataclasses.dataclass(frozen=True)
class CheckRow:
    """One stock valuation account (None: products that have none): stock value and book balance."""

    account_id: int | None
    code: str
    name: str
    stock_value: decimal.Decimal
    balance: decimal.Decimal

    @property
    def difference(self) -> decimal.Decimal:
        return self.balance - self.stock_value


def stock_against_ledger(env: Environment, company_id: int) -> list[CheckRow]:
    """The rows of the check for one company, by account code; the products without an account last.

    Runs as the user for the balances (accounting's rights and rules apply),
    and as the system for the quantities and the costs, which only add up.

    Raises:
        AccessError: the user may not read journal items.
    """
    if not env.su:
        env.access.check(env.registry["accounting.move_line"], "read")
    with env.sudo():
        company = env["base.company"].get(company_id)
        values = _values_by_account(env, company)
        default = company.default_stock_valuation_account
    if default is not None:
        values.setdefault(default.id, ZERO)
    accounts = {a.id: a for a in env["accounting.account"].search([("id", "in", [i for i in values if i])])}
    balances = {
        row.account_id: row.closing for row in trial_balance(env, Filters(company=company_id), list(accounts))
    }
    rows = [
        CheckRow(account.id, account.code, account.name, values[account.id], balances.get(account.id, ZERO))
        for account in sorted(accounts.values(), key=lambda account: account.code)
    ]
    if None in values:
        rows.append(CheckRow(None, "", _("No stock valuation account"), values[None], ZERO))
    return rows


def _values_by_account(env: Environment, company: Any) -> dict[int | None, decimal.Decimal]:
    """The value of the storable goods on hand in ``company``'s internal locations, per stock account id."""
    quants = env.registry["stock.quant"]._table
    locations = env.registry["stock.location"]._table
    products = env.registry["product.product"]._table
    stmt = (
        select(quants.c.product_id, func.sum(quants.c.quantity))
        .join(locations, locations.c.id == quants.c.location_id)
        .join(products, products.c.id == quants.c.product_id)
        .where(
            locations.c.usage == "internal",
            locations.c.company_id == company.id,
            products.c.type == "storable",
        )
        .group_by(quants.c.product_id)
    )
    on_hand = {product: to_quantity(quantity) for product, quantity in env.session.execute(stmt)}
    layers = env.registry["stock.cost_layer"]._table
    layered = dict(
        env.session.execute(
            select(layers.c.product_id, func.sum(layers.c.remaining_value))
            .where(layers.c.company_id == company.id, layers.c.remaining_quantity > 0)
            .group_by(layers.c.product_id)
        ).all()
    )
    found = env["product.product"].search([("id", "in", list(on_hand))])
    found.prefetch(["category"])
    resolver, currency = Accounts(env), company.currency
    values: dict[int | None, decimal.Decimal] = defaultdict(lambda: ZERO)
    for product in found:
        try:
            account = resolver.account("stock_valuation", product.category, company).id
        except UserError:
            account = None
        if cost_method(product.category) == "fifo":
            values[account] += currency.round(decimal.Decimal(str(layered.get(product.id) or 0)))
        else:
            values[account] += currency.round(on_hand[product.id] * decimal.Decimal(product.cost or 0))
    return values


# -- the page ------------------------------------------------------------------------------


def rules() -> list[Rule]:
    """The URL rule of the page, for the ``register_routes`` hook."""
    return [Rule("/stock/valuation/check", endpoint=show, methods=["GET"])]


def show(request: Request, **values: Any) -> Response:
    """The check for the company asked (``?company=<id>``, default the user's), as a table."""
    env = request.env
    allowed = env.access.values["@companies"]
    text = request.args.get("company", "")
    company_id = int(text) if text.isdigit() else env.access.values["@company"]
    if not env.su and company_id not in allowed:
        raise NotFound(_("You do not work in this company."))
    rows = stock_against_ledger(env, company_id)
    companies = env["base.company"].search([("id", "in", allowed)])
    return request.app.render(
        request,
        TEMPLATE,
        title=_("Stock against the books"),
        rows=rows,
        totals=(
            sum((row.stock_value for row in rows), ZERO),
            sum((row.balance for row in rows), ZERO),
            sum((row.difference for row in rows), ZERO),
        ),
        company=company_id,
        companies=[(c.id, c.name) for c in companies],
        places=env["base.company"].get(company_id).currency.decimal_places,
    )
