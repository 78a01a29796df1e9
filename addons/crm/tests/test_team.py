"""Sales teams: round-robin hand-out of new leads among the members, and the salesperson's team."""

import pytest

from core.testing import make_user
from core.testing.queries import count_queries

pytestmark = pytest.mark.addons("crm")


def members_in_order(team):
    return sorted(team.members, key=lambda user: user.id)


def test_seven_leads_go_round_three_members_in_order(env, team, make_lead):
    first, second, third = members_in_order(team)
    assigned = [make_lead(team=team.id).user for _ in range(7)]
    assert assigned == [first, second, third, first, second, third, first]
    assert team.last_assigned == first


def test_a_batch_is_handed_out_the_same_way_and_continues_where_the_last_stopped(env, team, make_lead):
    first, second, third = members_in_order(team)
    make_lead(team=team.id)
    leads = env["crm.lead"].create([{"name": f"Batch {i}", "team": team.id} for i in range(4)])
    assert [lead.user for lead in leads] == [second, third, first, second]


def test_leads_with_a_salesperson_or_without_a_team_are_left_alone(env, team, make_lead, gabor):
    first, _, _ = members_in_order(team)
    assert make_lead(team=team.id, user=gabor.id).user == gabor
    assert make_lead().user is None
    assert make_lead(team=team.id).user == first  # the pointer did not move for the others


def test_archived_members_are_skipped(env, team, make_lead):
    first, second, third = members_in_order(team)
    second.write({"active": False})
    assert [make_lead(team=team.id).user for _ in range(3)] == [first, third, first]


def test_a_team_without_members_leaves_leads_unassigned(env, make_lead):
    empty = env["crm.team"].create({"name": "Empty"})
    assert make_lead(team=empty.id).user is None


def test_a_lead_with_a_salesperson_gets_the_salesperson_s_team(env, team, make_lead, gabor):
    assert make_lead(user=gabor.id).team == team
    loner = make_user(env, "loner", groups=["crm.group_user"])
    assert make_lead(user=loner.id).team is None


@pytest.mark.requires_postgresql
def test_the_team_row_is_locked_while_handing_out_leads(env, team, make_lead):
    with count_queries(env) as counter:
        make_lead(team=team.id)
    assert any("FROM crm_team" in s and "FOR UPDATE" in s for s in counter.statements)
