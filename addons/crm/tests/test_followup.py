"""Follow-up rules: an activity when a lead reaches a stage, and one from the job for idle leads."""

import datetime as dt

import pytest

from addons.crm import hooks
from core.jobs import registered_jobs
from core.testing import as_user

pytestmark = pytest.mark.addons("crm")


@pytest.fixture
def qualified_rule(env, stages):
    return env["crm.followup_rule"].create(
        {
            "name": "Call qualified leads",
            "trigger": "stage",
            "stage": stages["qualified"].id,
            "activity_kind": "call",
            "summary": "Qualification call",
            "delay_days": 2,
        }
    )


@pytest.fixture
def idle_rule(env):
    return env["crm.followup_rule"].create(
        {
            "name": "Wake up",
            "trigger": "idle",
            "idle_days": 14,
            "activity_kind": "email",
            "summary": "Check in",
        }
    )


def activities_of(env, lead):
    return env["crm.activity"].search([("lead", "=", lead.id)])


def test_reaching_the_stage_plans_the_activity_for_the_salesperson(
    env, make_lead, stages, selin, qualified_rule
):
    lead = make_lead(type="opportunity", user=selin.id)
    env.flush()
    assert not activities_of(env, lead)
    with as_user(env, selin) as selin_env:  # moved by the salesperson, as on the kanban board
        selin_env["crm.lead"].get(lead.id).write({"stage": stages["qualified"].id})
        selin_env.flush()
        [call] = activities_of(selin_env, lead)
        today = dt.datetime.now(dt.UTC).date()
        assert (call.kind, call.summary, call.user.id, call.rule.id) == (
            "call",
            "Qualification call",
            selin.id,
            qualified_rule.id,
        )
        assert call.date_due == today + dt.timedelta(days=2)


def test_a_lead_created_in_the_stage_gets_the_activity_too(env, make_lead, stages, qualified_rule):
    lead = make_lead(stage=stages["qualified"].id)
    assert [a.summary for a in activities_of(env, lead)] == ["Qualification call"]


def test_any_path_that_changes_the_stage_plans_the_activity(env, make_lead, stages, qualified_rule):
    by_write, by_batch, by_attribute = (
        make_lead(),
        env["crm.lead"].create([{"name": "B1"}, {"name": "B2"}]),
        make_lead(),
    )
    by_write.write({"stage": stages["qualified"].id})
    by_batch.write({"stage": stages["qualified"].id})
    by_attribute.stage = stages["qualified"]  # no write() at all: only the flush sees it
    env.flush()
    leads = [by_write, *by_batch, by_attribute]
    assert [len(activities_of(env, lead)) for lead in leads] == [1, 1, 1, 1]


def test_other_stages_and_other_teams_get_nothing(env, make_lead, stages, qualified_rule):
    ankara = env["crm.team"].create({"name": "Ankara"})
    qualified_rule.write({"team": ankara.id})
    elsewhere = make_lead(stage=stages["qualified"].id)
    proposition = make_lead(stage=stages["proposition"].id, team=ankara.id)
    ours = make_lead(stage=stages["qualified"].id, team=ankara.id)
    assert not activities_of(env, elsewhere) and not activities_of(env, proposition)
    assert len(activities_of(env, ours)) == 1


def test_the_job_plans_one_activity_for_an_idle_opportunity_and_not_twice(env, make_lead, selin, idle_rule):
    idle = make_lead(type="opportunity", user=selin.id)
    busy = make_lead(type="opportunity", user=selin.id)
    env["crm.activity"].create({"summary": "Already planned", "lead": busy.id})
    won = make_lead(type="opportunity")
    won.action_won()
    env.flush()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=15)
    assert idle_rule.plan_idle(env, now=later) == 1
    [planned] = activities_of(env, idle)
    assert (planned.kind, planned.summary, planned.user, planned.rule) == (
        "email",
        "Check in",
        selin,
        idle_rule,
    )
    assert planned.date_due == later.date()
    assert idle_rule.plan_idle(env, now=later) == 0
    assert len(activities_of(env, idle)) == 1 and not activities_of(env, won)


def test_a_lead_changed_or_worked_on_recently_is_not_idle(env, make_lead, idle_rule):
    lead = make_lead()
    call = env["crm.activity"].create({"summary": "Call", "lead": lead.id})
    call.action_done()
    env.flush()
    assert idle_rule.plan_idle(env, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=10)) == 0


def test_the_follow_up_job_is_registered_and_runs(db, env, make_lead, idle_rule):
    assert "crm.follow_up" in registered_jobs(db)
    hooks.follow_up(env)  # nothing is idle yet: it runs without planning anything
    assert env["crm.activity"].search_count([]) == 0
