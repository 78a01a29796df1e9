"""accounting's hooks with crm installed: a planned activity for each new reminder of overdue invoices."""

from __future__ import annotations

from typing import Any

from addons.accounting.crm.activities import plan_activities
from core.hookspecs import hookimpl
from core.orm.environment import Environment
from core.orm.records import RecordSet


@hookimpl
def accounting_followups_created(env: Environment, followups: RecordSet[Any]) -> None:
    """Plan the reminders' crm activities (`addons.accounting.crm.activities`)."""
    plan_activities(env, followups)
