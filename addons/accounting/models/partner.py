"""What accounting adds to partners: their credit limit, and what they owe now.

``receivable_balance`` and ``overdue_balance`` are read in SQL when shown
(`addons.accounting.balances.partner_balances`) for the company the user
works in, in its currency; the form shows them to accounting users only.
``credit_limit`` is the most a customer may owe, in ``credit_currency``;
only accounting users read and set it (sales checks new orders against it
as the system). Zero means no limit.
"""

from __future__ import annotations

from typing import Any

from addons.accounting.balances import partner_balances
from core.base.models.company import current_company
from core.orm import fields
from core.orm.compute import computes_batch
from core.orm.environment import Environment
from core.orm.model import Extension
from core.orm.records import RecordSet

ACCOUNTANTS = ("accounting.group_user",)


def company_currency(env: Environment) -> Any:
    company = current_company(env)
    return company.currency if company is not None else None


class Partner(Extension, extends="base.partner"):
    credit_limit = fields.Monetary(
        currency="credit_currency", default=0, groups=ACCOUNTANTS, help="The most they may owe; 0: no limit."
    )
    credit_currency = fields.Many2one("base.currency", "Credit limit currency", default=company_currency)
    balance_currency = fields.Many2one("base.currency", "Currency of the balances", groups=ACCOUNTANTS)
    receivable_balance = fields.Monetary("Owes us", currency="balance_currency", groups=ACCOUNTANTS)
    overdue_balance = fields.Monetary("Overdue", currency="balance_currency", groups=ACCOUNTANTS)

    @balance_currency.computed_from()
    @receivable_balance.computed_from()
    @overdue_balance.computed_from()
    @computes_batch
    def _compute_balances(self: RecordSet[Any]) -> None:  # type: ignore[misc]
        env = self.env
        company = current_company(env)
        ids = [partner.id for partner in self if partner.id is not None]
        balances = partner_balances(env, ids, company.id, env.today()) if company is not None and ids else {}
        for partner in self:
            balance = balances.get(partner.id)
            partner.balance_currency = company.currency if balance is not None else None
            partner.receivable_balance = balance.receivable if balance is not None else None
            partner.overdue_balance = balance.overdue if balance is not None else None
