"""crm's hook implementations: duplicate counts and stage follow-ups on lead changes, the job, the web form.

The records hooks run inside the flush that wrote the leads, in the user's
transaction: duplicate counts are updated there with Core statements, and
follow-up activities are added to the session for the next flush (a flush
cannot start inside another).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from werkzeug.routing import Rule

from addons.crm import duplicates
from addons.crm import web_form
from core.hookspecs import hookimpl
from core.jobs import Job
from core.orm.environment import Environment
from core.orm.records import RecordSet

LEAD = "crm.lead"
# Fields whose change can change which leads are duplicates of which.
MATCHING = frozenset({*duplicates.KEYS, "active", "company"})


@hookimpl
def records_created(env: Environment, records: RecordSet[Any]) -> None:
    if records.model._name == LEAD:
        duplicates.refresh(env, records.ids)
        env.registry["crm.followup_rule"].plan_for_stages(env, records)  # type: ignore[attr-defined]


@hookimpl
def records_written(env: Environment, records: RecordSet[Any], fields: list[str]) -> None:
    if records.model._name != LEAD:
        return
    if MATCHING.intersection(fields):
        duplicates.refresh(env, records.ids)
    if "stage" in fields:
        env.registry["crm.followup_rule"].plan_for_stages(env, records)  # type: ignore[attr-defined]


def follow_up(env: Environment) -> None:
    """The hourly job: plan activities for idle leads, and recount duplicates that may have gone stale."""
    env.registry["crm.followup_rule"].plan_idle(env)  # type: ignore[attr-defined]
    duplicates.refresh_flagged(env)


@hookimpl
def register_jobs() -> list[Job]:
    return [Job("crm.follow_up", dt.timedelta(hours=1), follow_up)]


@hookimpl
def register_routes() -> list[Rule]:
    return web_form.rules()
