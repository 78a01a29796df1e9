"""Scheduled jobs: functions addons run periodically, each run in its own transaction.

Addons return `Job` objects from the ``register_jobs`` hook::

    @hookimpl
    def register_jobs():
        return [Job("crm.follow_up", dt.timedelta(hours=1), create_follow_ups)]

`run_due_jobs` runs each job whose time has come, as the system, and records
the outcome in ``base.job``. Several workers may call it at once: on
PostgreSQL a job's row is locked with ``SKIP LOCKED``, so a run happens once.
A failing job rolls back its own work only, is recorded with its error, and
is tried again at its next interval.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.errors import ConfigError
from core.orm.environment import Environment

if TYPE_CHECKING:
    from core.database import Database


@dataclass(frozen=True)
class Job:
    """A function to run every ``interval``; ``name`` is unique, e.g. ``"crm.follow_up"``."""

    name: str
    interval: dt.timedelta
    run: Callable[[Environment], None]


@dataclass(frozen=True)
class JobOutcome:
    name: str
    ok: bool
    error: str = ""


def registered_jobs(db: Database) -> dict[str, Job]:
    """Every job the installed addons register, by name.

    Raises:
        ConfigError: two jobs share a name, or an implementation returns something else.
    """
    jobs: dict[str, Job] = {}
    for contribution in db.registry.plugins.hook.register_jobs():
        for job in contribution:
            if not isinstance(job, Job):
                raise ConfigError(f"register_jobs returned {job!r}, which is not a core.jobs.Job")
            if job.name in jobs:
                raise ConfigError(f"two addons register a job named {job.name!r}")
            jobs[job.name] = job
    return jobs


def run_due_jobs(db: Database, now: dt.datetime | None = None) -> list[JobOutcome]:
    """Run every job that is due at ``now`` (default: the current time); returns what ran."""
    now = now or dt.datetime.now(dt.UTC)
    jobs = registered_jobs(db)
    _ensure_states(db, list(jobs))
    outcomes = []
    for job in jobs.values():
        outcome = _run_if_due(db, job, now)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


def _ensure_states(db: Database, names: list[str]) -> None:
    """Create the missing ``base.job`` rows, tolerating workers that create them at the same time."""
    if not names:
        return
    dialect_insert = postgresql_insert if db.dialect == "postgresql" else sqlite_insert
    with db.transaction() as env:
        table = env.registry["base.job"]._table
        now = dt.datetime.now(dt.UTC)
        rows = [{"name": name, "created_at": now, "updated_at": now} for name in names]
        statement = dialect_insert(table).on_conflict_do_nothing(index_elements=["name"])
        env.session.execute(statement, rows)


def _run_if_due(db: Database, job: Job, now: dt.datetime) -> JobOutcome | None:
    with db.transaction() as env:
        State = env.registry["base.job"]
        stmt = select(State).where(State.name == job.name)  # type: ignore[attr-defined]
        if db.dialect == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        state = env.session.scalars(stmt).first()
        if state is None:  # locked: another worker is running it right now
            return None
        if state.next_run_at is not None and state.next_run_at > now:  # type: ignore[attr-defined]
            return None
        state.last_started_at = now  # type: ignore[attr-defined]
        savepoint = env.session.begin_nested()
        try:
            job.run(env)
            env.flush()
        except Exception as error:  # noqa: BLE001 - a job's failure is recorded, never propagated
            savepoint.rollback()
            outcome = JobOutcome(job.name, False, f"{type(error).__name__}: {error}")
        else:
            savepoint.commit()
            outcome = JobOutcome(job.name, True)
        state.write(  # type: ignore[attr-defined]
            {
                "last_finished_at": dt.datetime.now(dt.UTC),
                "last_status": "ok" if outcome.ok else "failed",
                "last_error": outcome.error or None,
                "next_run_at": now + job.interval,
            }
        )
        return outcome
