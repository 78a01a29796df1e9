"""Activities: marking one done logs it in the history; the search view's filters find what is due."""

import datetime as dt

import pytest

from core.errors import ValidationError
from core.testing import as_user
from core.views.resolve import date_values
from core.views.resolve import substitute

pytestmark = pytest.mark.addons("crm")


def test_done_logs_the_call_with_feedback_in_the_lead_history_and_closes_it(env, make_lead):
    lead = make_lead()
    call = env["crm.activity"].create({"kind": "call", "summary": "Discuss the offer", "lead": lead.id})
    call.action_done(feedback="Wants a discount of 5 %")
    env.flush()
    assert (call.state, call.feedback) == ("done", "Wants a discount of 5 %")
    assert call.date_done is not None
    [note] = [entry for entry in lead.history() if entry["kind"] == "note"]
    assert note["body"] == "Call done: Discuss the offer — Wants a discount of 5 %"


def test_done_without_feedback_logs_only_the_summary(env, make_lead):
    lead = make_lead()
    meeting = env["crm.activity"].create({"kind": "meeting", "summary": "Demo", "lead": lead.id})
    meeting.action_done()
    assert [e["body"] for e in lead.history() if e["kind"] == "note"] == ["Meeting done: Demo"]


def test_an_activity_on_a_partner_logs_in_the_partner_history(env):
    partner = env["base.partner"].create({"name": "Ege Tekstil", "is_company": True})
    todo = env["crm.activity"].create(
        {"kind": "todo", "summary": "Send the catalogue", "partner": partner.id}
    )
    todo.action_done()
    assert [e["body"] for e in partner.history() if e["kind"] == "note"] == ["To-do done: Send the catalogue"]
    assert list(partner.activities) == [todo]


def test_an_activity_is_done_once(env, make_lead):
    email = env["crm.activity"].create({"kind": "email", "summary": "Offer", "lead": make_lead().id})
    email.action_done()
    with pytest.raises(ValidationError):
        email.action_done()


def test_an_activity_belongs_to_a_lead_or_a_partner(env):
    with pytest.raises(ValidationError):
        env["crm.activity"].create({"summary": "About nothing"})


def filter_domain(db, env, name):
    """The domain of the activity search view's filter ``name`` as the web layer fills it in."""
    search = db.registry.ui.views["crm.activity.search"]
    domain = next(option.domain for option in search.filters if option.name == name)
    today = dt.datetime.now(env.tz).date()
    return substitute(domain, {**env.access.values, **date_values(today)})


def test_the_my_activities_overdue_and_today_filters(db, env, make_lead, selin, gabor):
    today = dt.datetime.now(dt.UTC).date()  # the users here have no time zone: UTC
    lead = make_lead(user=selin.id)
    activities = env["crm.activity"]

    def plan(summary, due, user, **values):
        return activities.create(
            {"summary": summary, "date_due": due, "user": user.id, "lead": lead.id, **values}
        )

    late = plan("Late", today - dt.timedelta(days=3), selin)
    now = plan("Now", today, selin)
    plan("Later", today + dt.timedelta(days=2), selin)
    plan("Late but done", today - dt.timedelta(days=1), selin, state="done")
    theirs = plan("Theirs, late", today - dt.timedelta(days=1), gabor)
    with as_user(env, selin) as selin_env:
        found = {
            name: {a.summary for a in selin_env["crm.activity"].search(filter_domain(db, selin_env, name))}
            for name in ("mine", "overdue", "today")
        }
    assert found["mine"] == {"Late", "Now", "Later"}
    assert found["overdue"] == {late.summary, theirs.summary}  # on her lead, so she sees Gábor's too
    assert found["today"] == {now.summary}
