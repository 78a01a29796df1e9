"""Scheduled jobs run when due, once per interval, and a failure rolls back only its own work."""

import datetime as dt

import pytest
from sqlalchemy import select

from core.jobs import run_due_jobs
from core.loader.lifecycle import install

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def job_events(db):
    with db.transaction() as env:
        return [
            (e.subject, e.details)
            for e in env["hooks_probe.event"].search([("hook", "=", "job")], order="id")
        ]


def test_hook_register_jobs(empty_db):
    install(empty_db, ["hooks_probe"])
    outcomes = [o for o in run_due_jobs(empty_db, NOW) if o.name.startswith("hooks_probe.")]
    assert sorted((o.name, o.ok) for o in outcomes) == [
        ("hooks_probe.count", True),
        ("hooks_probe.fail", False),
    ]
    with empty_db.transaction() as env:
        partners = env["base.partner"].search_count()
    assert job_events(empty_db) == [("count", {"partners": partners})]


def test_a_job_runs_again_only_when_its_interval_has_passed(empty_db):
    install(empty_db, ["hooks_probe"])
    run_due_jobs(empty_db, NOW)
    later = run_due_jobs(empty_db, NOW + dt.timedelta(minutes=30))
    assert [o.name for o in later if o.name.startswith("hooks_probe.")] == ["hooks_probe.fail"]
    hour = run_due_jobs(empty_db, NOW + dt.timedelta(hours=1))
    assert len([o for o in hour if o.name.startswith("hooks_probe.")]) == 2


def test_a_failed_job_is_recorded_with_its_error(empty_db):
    install(empty_db, ["hooks_probe"])
    run_due_jobs(empty_db, NOW)
    with empty_db.transaction() as env:
        state = env["base.job"].search([("name", "=", "hooks_probe.fail")]).ensure_one()
        assert state.last_status == "failed"
        assert state.last_error == "RuntimeError: the job failed on purpose"
        assert state.next_run_at == NOW + dt.timedelta(minutes=5)


@pytest.mark.requires_postgresql
def test_a_job_another_worker_is_running_is_skipped_and_the_others_still_run(empty_db):
    install(empty_db, ["hooks_probe"])
    run_due_jobs(empty_db, NOW)
    later = NOW + dt.timedelta(hours=2)
    with empty_db.transaction() as busy:
        State = busy.registry["base.job"]
        locked = select(State).where(State.name == "hooks_probe.count").with_for_update()
        busy.session.scalars(locked).one()  # a worker holds this job's row
        outcomes = run_due_jobs(empty_db, later)
    assert [o.name for o in outcomes if o.name.startswith("hooks_probe.")] == ["hooks_probe.fail"]
