"""The pipeline: stages and their probabilities, history of stage changes, won and lost, weighted revenue."""

import datetime as dt
import decimal

import pytest

from core.errors import ValidationError

pytestmark = pytest.mark.addons("crm")

D = decimal.Decimal


def test_a_new_lead_starts_in_the_first_stage_with_its_probability(env, make_lead, stages):
    lead = make_lead(expected_revenue="1000")
    env.flush()
    assert (lead.stage, lead.probability, lead.state, lead.status) == (stages["new"], 10.0, "open", "lead")
    assert lead.weighted_revenue == D("100")


def test_a_stage_change_is_kept_in_the_record_history(env, make_lead, stages):
    lead = make_lead(type="opportunity")
    env.flush()
    lead.write({"stage": stages["qualified"].id})
    env.flush()
    [change] = [entry for entry in lead.history() if entry["kind"] == "change"]
    assert change["changes"] == [{"field": "stage", "label": "Stage", "old": "New", "new": "Qualified"}]


def test_moving_to_a_stage_takes_its_probability_and_reweighs_the_revenue(env, make_lead, stages):
    lead = make_lead(type="opportunity", expected_revenue="2500")
    lead.write({"stage": stages["proposition"].id})
    env.flush()
    assert (lead.probability, lead.weighted_revenue) == (60.0, D("1500"))


def test_won_moves_to_the_won_stage_with_probability_100_and_a_closing_date(env, make_lead, stages):
    lead = make_lead(expected_revenue="800")
    lead.action_won()
    env.flush()
    assert (lead.state, lead.status, lead.type, lead.stage) == ("won", "won", "opportunity", stages["won"])
    assert (lead.probability, lead.weighted_revenue) == (100.0, D("800"))
    assert lead.date_closed is not None and lead.date_closed.date() == dt.datetime.now(dt.UTC).date()


def test_dropping_an_opportunity_in_the_won_stage_wins_it(env, make_lead, stages):
    lead = make_lead(type="opportunity")
    lead.write({"stage": stages["won"].id})
    env.flush()
    assert (lead.state, lead.probability) == ("won", 100.0)
    assert lead.date_closed is not None


def test_lost_gives_the_reason_probability_zero_and_archives(env, make_lead):
    reason = env.ref("crm.lost_reason_price")
    lead = make_lead(type="opportunity", expected_revenue="900")
    lead.action_lost(reason_id=reason.id)
    env.flush()
    assert (lead.state, lead.active, lead.lost_reason, lead.probability) == ("lost", False, reason, 0.0)
    assert lead.weighted_revenue == D("0")
    assert lead.date_closed is not None
    assert env["crm.lead"].search([("id", "=", lead.id)]).ids == ()
    assert env["crm.lead"].search([("state", "=", "lost"), ("active", "=", False)]).ids == (lead.id,)


def test_the_workflow_refuses_undeclared_transitions(env, make_lead):
    lead = make_lead(type="opportunity")
    lead.action_lost()
    with pytest.raises(ValidationError):
        lead.action_won()
    with pytest.raises(ValidationError):
        lead.action_lost()


def test_reopening_a_won_opportunity_brings_it_back_before_the_won_stage(env, make_lead, stages):
    lead = make_lead(type="opportunity")
    lead.action_won()
    env.flush()
    lead.action_reopen()
    env.flush()
    assert (lead.state, lead.stage, lead.probability, lead.date_closed) == (
        "open",
        stages["proposition"],
        60.0,
        None,
    )


def test_reopening_a_lost_lead_restores_it(env, make_lead):
    lead = make_lead(type="opportunity")
    lead.action_lost(reason_id=env.ref("crm.lost_reason_no_budget").id)
    lead.action_reopen()
    env.flush()
    assert (lead.state, lead.active, lead.lost_reason, lead.probability) == ("open", True, None, 10.0)


def test_weighted_revenue_sums_in_sql_match_the_hand_computed_values(env, make_lead, stages):
    # 10 % of 1000 + 10 % of 250 = 125; 30 % of 2000 = 600; 60 % of 500 + 60 % of 1234.56 = 1040.74
    for amount, stage in [("1000", "new"), ("250", "new"), ("2000", "qualified"), ("500", "proposition")]:
        make_lead(type="opportunity", expected_revenue=amount, stage=stages[stage].id, medium="event")
    make_lead(type="opportunity", expected_revenue="1234.56", stage=stages["proposition"].id, medium="event")
    groups = env["crm.lead"].read_group(
        [("medium", "=", "event")], ["stage"], ["weighted_revenue:sum", "expected_revenue_company:sum"]
    )
    sums = {group["stage"]["id"]: group["weighted_revenue:sum"] for group in groups}
    assert sums == {
        stages["new"].id: D("125.00"),
        stages["qualified"].id: D("600.00"),
        stages["proposition"].id: D("1040.74"),
    }
    [total] = env["crm.lead"].read_group([("medium", "=", "event")], [], ["weighted_revenue:sum"])
    assert total["weighted_revenue:sum"] == D("1765.74")


def test_amounts_in_another_currency_are_converted_at_the_rates(env, make_lead, stages):
    usd, eur = env.ref("base.currency_usd"), env.ref("base.currency_eur")
    env["base.currency_rate"].create({"currency": usd.id, "date": "2026-01-01", "rate": "1.25"})
    lead = make_lead(
        type="opportunity", expected_revenue="1000", currency=usd.id, stage=stages["qualified"].id
    )
    env.flush()
    assert lead.company_currency == eur
    assert (lead.expected_revenue_company, lead.weighted_revenue) == (D("800"), D("240"))


def test_without_a_rate_the_company_amount_stays_empty(env, make_lead):
    lead = make_lead(expected_revenue="1000", currency=env.ref("base.currency_jpy").id)
    env.flush()
    assert (lead.expected_revenue_company, lead.weighted_revenue) == (None, None)


def test_a_team_stage_is_used_by_that_team_only(env, make_lead, stages):
    ankara = env["crm.team"].create({"name": "Ankara"})
    izmir = env["crm.team"].create({"name": "İzmir"})
    intake = env["crm.stage"].create(
        {"name": "Intake", "sequence": 1, "probability": 5, "teams": [ankara.id]}
    )
    assert make_lead(team=ankara.id).stage == intake
    assert make_lead(team=izmir.id).stage == stages["new"]
    assert make_lead().stage == stages["new"]
