"""The crm activity planned for each reminder of overdue invoices, for the customer's salesperson.

One activity per reminder, on the reminder's partner, due on its date: an
email at the company's first level, a call at the later ones, its summary
naming the level and the amount overdue. It is assigned to the customer's
salesperson: the salesperson of their most recent lead or opportunity (on
the customer or one of its contacts, in the reminder's company or in none),
else to nobody (crm managers see it and hand it out). Three queries and a
batch of inserts, whatever the number of reminders::

    plan_activities(env, followups)   # the activities planned
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from addons.accounting.followups import amount_text
from core.i18n import _
from core.orm.environment import Environment
from core.orm.records import RecordSet


def plan_activities(env: Environment, followups: RecordSet[Any]) -> RecordSet[Any]:
    """Plan the activities of ``followups`` (see the module), as the system; returns them."""
    with env.sudo():
        first = _first_days(env, {followup.company_id for followup in followups})
        salespeople = _salespeople(env, {followup.partner_id for followup in followups})
        values = [
            {
                "kind": "email" if followup.level.days <= first[followup.company_id] else "call",
                "summary": _(
                    "Payment reminder, %(level)s: %(amount)s overdue",
                    level=followup.level.name,
                    amount=amount_text(followup),
                ),
                "partner": followup.partner_id,
                "date_due": followup.date,
                "user": _salesperson(salespeople.get(followup.partner_id, []), followup.company_id),
            }
            for followup in followups
        ]
        return env["crm.activity"].create(values)


def _first_days(env: Environment, companies: set[int]) -> dict[int, int]:
    """Per company, the days of its first level: one query."""
    Level = env.registry["accounting.followup_level"]
    stmt = select(Level.company_id, func.min(Level.days)).where(Level.company_id.in_(companies))
    return {company: days for company, days in env.session.execute(stmt.group_by(Level.company_id))}


def _salespeople(env: Environment, partners: set[int]) -> dict[int, list[tuple[int | None, int]]]:
    """Per customer, the (company, salesperson) of their leads with one, newest first: one query."""
    Lead, Partner = env.registry["crm.lead"], env.registry["base.partner"]
    owner = func.coalesce(Partner.parent_id, Lead.partner_id)
    stmt = (
        select(owner, Lead.company_id, Lead.user_id)
        .join(Partner, Partner.id == Lead.partner_id)
        .where(owner.in_(partners), Lead.user_id.is_not(None))
        .order_by(Lead.id.desc())
    )
    found: dict[int, list[tuple[int | None, int]]] = {}
    for partner, company, user in env.session.execute(stmt):
        found.setdefault(partner, []).append((company, user))
    return found


def _salesperson(leads: list[tuple[int | None, int]], company: int) -> int | None:
    """The salesperson of the newest of ``leads`` in ``company`` or in none; None without one."""
    return next((user for lead_company, user in leads if lead_company in (company, None)), None)
