"""sales' hooks when crm is installed too: confirming an order wins its opportunity.

Registered only inside ``addon.extra("crm")``. Winning is a consequence of
the confirmation, not a change the salesperson makes by hand, so it runs as
the system: a salesperson may confirm an order whose opportunity belongs to
a colleague. Opportunities already won or lost are left as they are.
"""

from __future__ import annotations

from typing import Any

from core.hookspecs import hookimpl
from core.orm.environment import Environment
from core.orm.records import RecordSet


@hookimpl
def sales_order_confirmed(env: Environment, orders: RecordSet[Any]) -> None:
    lead_ids = sorted({order.opportunity_id for order in orders if order.opportunity_id})
    if not lead_ids:
        return
    with env.sudo():
        for lead in env["crm.lead"].search([("id", "in", lead_ids), ("state", "=", "open")]):
            lead.action_won()
