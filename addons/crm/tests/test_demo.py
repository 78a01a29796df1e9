"""The demo data installs: fifty leads in every stage, won and lost, teams, salespeople, activities."""

import datetime as dt

import pytest

from core.loader.lifecycle import install


@pytest.fixture(scope="module")
def demo_db(tessera_databases):
    db = tessera_databases.create("crm_demo")
    try:
        install(db, ["crm"], demo=True)  # base without its own demo: crm's demo must not need it
        yield db
    finally:
        tessera_databases.release(db)


@pytest.fixture
def demo(demo_db):
    with demo_db.transaction() as env:
        yield env


EVERYTHING = [("active", "in", [True, False])]


def test_fifty_leads_and_opportunities(demo):
    leads = demo["crm.lead"]
    assert leads.search_count(EVERYTHING) == 50
    assert leads.search_count([("type", "=", "lead")]) >= 10
    assert leads.search_count([("state", "=", "won")]) >= 5
    assert leads.search_count([("state", "=", "lost"), *EVERYTHING]) >= 3


def test_every_stage_has_open_opportunities(demo):
    groups = demo["crm.lead"].read_group([("state", "=", "open")], ["stage"], ["id:count"])
    stages = {group["stage"]["display_name"] for group in groups}
    assert {"New", "Qualified", "Proposition"} <= stages
    [won] = demo["crm.lead"].read_group([("state", "=", "won")], ["stage"], ["id:count"])
    assert won["stage"]["display_name"] == "Won"


def test_amounts_are_in_three_currencies_and_all_converted(demo):
    groups = demo["crm.lead"].read_group([("expected_revenue", "!=", None)], ["currency"], ["id:count"])
    assert {group["currency"]["display_name"] for group in groups} == {"TRY", "EUR", "USD"}
    unconverted = [("expected_revenue", "!=", None), ("expected_revenue_company", "=", None), *EVERYTHING]
    assert demo["crm.lead"].search_count(unconverted) == 0


def test_teams_salespeople_and_their_groups(demo):
    assert demo["crm.team"].search_count([]) == 3
    salespeople = demo["base.user"].search([("login", "!=", "admin")])
    assert len(salespeople) == 5
    for user in salespeople:
        assert user.has_group("crm.group_user") and user.partner is not None
    assert demo.ref("crm.demo_user_elif").has_group("crm.group_manager")


def test_activities_some_overdue_and_duplicates_detected(demo):
    today = dt.datetime.now(dt.UTC).date()
    activities = demo["crm.activity"]
    assert activities.search_count([("state", "=", "planned"), ("date_due", "<", today)]) >= 3
    assert activities.search_count([("state", "=", "done")]) == 2
    assert demo.ref("crm.demo_lead_13").duplicate_count >= 1  # the same person wrote twice


def test_follow_up_rules_and_campaigns(demo):
    assert demo["crm.followup_rule"].search_count([]) == 3
    assert demo["crm.campaign"].search_count([]) == 3
