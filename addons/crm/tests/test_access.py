"""Who sees which leads: salespeople their own and the unassigned ones, managers all, by every path."""

import pytest

from core.errors import AccessError
from core.errors import MissingError
from core.testing import as_user
from core.testing import make_user

pytestmark = pytest.mark.addons("crm")


@pytest.fixture
def leads(env, make_lead, selin, gabor):
    partner = env["base.partner"].create({"name": "Anadolu Makine A.Ş.", "is_company": True})
    common = {"type": "opportunity", "partner": partner.id, "expected_revenue": "1000"}
    return {
        "selin": make_lead(name="Selin's", user=selin.id, **common),
        "gabor": make_lead(name="Gábor's", user=gabor.id, **common),
        "nobody": make_lead(name="Unassigned", **common),
        "partner": partner,
    }


def names(records):
    return sorted(record.name for record in records)


def test_a_salesperson_finds_only_their_own_and_unassigned_leads(env, selin, leads):
    with as_user(env, selin) as selin_env:
        assert names(selin_env["crm.lead"].search([])) == ["Selin's", "Unassigned"]
        assert selin_env["crm.lead"].search_count([("name", "=", "Gábor's")]) == 0


def test_read_group_counts_only_what_the_salesperson_may_read(env, selin, leads):
    with as_user(env, selin) as selin_env:
        [group] = selin_env["crm.lead"].read_group([], [], ["id:count", "expected_revenue_company:sum"])
    assert (group["id:count"], str(group["expected_revenue_company:sum"])) == (2, "2000.000000")


def test_the_partner_s_opportunities_hide_another_salesperson_s(env, selin, leads):
    with as_user(env, selin) as selin_env:
        partner = selin_env["base.partner"].get(leads["partner"].id)
        assert names(partner.opportunities) == ["Selin's", "Unassigned"]


def test_another_salesperson_s_lead_cannot_be_opened_or_changed(env, selin, leads):
    with as_user(env, selin) as selin_env:
        with pytest.raises(MissingError):
            selin_env["crm.lead"].get(leads["gabor"].id)


def test_a_salesperson_cannot_hand_their_lead_to_someone_else(env, selin, gabor, leads):
    with as_user(env, selin) as selin_env:
        lead = selin_env["crm.lead"].get(leads["selin"].id)
        lead.write({"user": gabor.id})
        with pytest.raises(AccessError):
            selin_env.flush()


def test_a_salesperson_may_create_a_lead_round_robin_gives_to_a_colleague(env, selin, gabor):
    team = env["crm.team"].create({"name": "Solo", "members": [gabor.id]})
    with as_user(env, selin) as selin_env:
        lead = selin_env["crm.lead"].create({"name": "For the team", "team": team.id})
        selin_env.flush()
        assert lead.user.id == gabor.id


def test_a_manager_sees_every_lead_by_every_path(env, manager, leads):
    with as_user(env, manager) as manager_env:
        assert names(manager_env["crm.lead"].search([])) == ["Gábor's", "Selin's", "Unassigned"]
        [group] = manager_env["crm.lead"].read_group([], [], ["id:count"])
        assert group["id:count"] == 3
        partner = manager_env["base.partner"].get(leads["partner"].id)
        assert len(partner.opportunities) == 3


def test_salespeople_see_their_activities_and_those_on_their_leads(env, selin, gabor, leads):
    activities = env["crm.activity"]
    activities.create({"summary": "Mine", "user": selin.id, "lead": leads["gabor"].id})
    activities.create({"summary": "On my lead", "user": gabor.id, "lead": leads["selin"].id})
    activities.create({"summary": "Not mine", "user": gabor.id, "lead": leads["gabor"].id})
    with as_user(env, selin) as selin_env:
        assert sorted(a.summary for a in selin_env["crm.activity"].search([])) == ["Mine", "On my lead"]


def test_configuration_is_for_managers(env, selin, manager):
    with as_user(env, selin) as selin_env, pytest.raises(AccessError):
        selin_env["crm.stage"].create({"name": "Mine"})
    with as_user(env, manager) as manager_env:
        manager_env["crm.stage"].create({"name": "Negotiation", "sequence": 40, "probability": 80})


def test_an_employee_without_crm_reads_partners_without_their_opportunities(env, leads):
    clerk = make_user(env, "clerk", groups=["base.group_user"])
    partner = env["base.partner"].create({"name": "Deniz Lojistik"})
    with as_user(env, clerk) as clerk_env:
        [row] = clerk_env["base.partner"].browse([partner.id]).read()
        assert row["name"] == "Deniz Lojistik"
        assert "opportunities" not in row and "activities" not in row
        with pytest.raises(AccessError):
            clerk_env["base.partner"].browse([partner.id]).read(["opportunities"])
