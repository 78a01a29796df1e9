"""stock's hook implementations: the replenishment job, and the demo's opening stock."""

from __future__ import annotations

import datetime as dt

from addons.stock import demo
from addons.stock import replenish
from core.hookspecs import hookimpl
from core.jobs import Job
from core.orm.environment import Environment


def replenish_job(env: Environment) -> None:
    """The hourly job: order what the reorder rules find missing."""
    replenish.run(env)


@hookimpl
def register_jobs() -> list[Job]:
    return [Job("stock.replenish", dt.timedelta(hours=1), replenish_job)]


@hookimpl
def addon_installed(env: Environment, addon: str) -> None:
    """With stock's demo loaded, count the opening stock (`addons.stock.demo.run`)."""
    if addon == "stock":
        demo.run(env)
