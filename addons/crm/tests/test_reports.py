"""Campaign and source figures against a small dataset counted by hand."""

import decimal

import pytest

from core.errors import ValidationError
from core.testing import as_user

pytestmark = pytest.mark.addons("crm")

D = decimal.Decimal


@pytest.fixture
def dataset(env, make_lead, selin, gabor):
    """Fair: 5 leads, 3 converted, 2 won (1000 + 500.50), 1 lost (Gábor's), 1 merged away (not counted).
    Newsletter: 2 leads, 1 won (300). No campaign: 1 open opportunity."""
    campaigns = env["crm.campaign"]
    fair = campaigns.create({"name": "Autumn fair 2026", "source": env.ref("crm.source_trade_fair").id})
    letter = campaigns.create({"name": "November newsletter"})
    website, referral = env.ref("crm.source_website"), env.ref("crm.source_referral")

    def lead(campaign, source, **values):
        return make_lead(campaign=campaign.id if campaign else None, source=source.id, **values)

    lead(fair, website)
    lead(fair, website, expected_revenue="1000", user=selin.id).action_won()
    lead(fair, referral, expected_revenue="500.50").action_won()
    lead(fair, referral, type="opportunity", expected_revenue="7000", user=gabor.id).action_lost()
    kept, merged = lead(fair, website), lead(fair, website)
    kept.merge([merged.id])
    lead(letter, website)
    lead(letter, referral, expected_revenue="300").action_won()
    lead(None, referral, type="opportunity", expected_revenue="50")
    env.flush()
    return {"fair": fair, "letter": letter, "website": website, "referral": referral}


def by_key(rows, key):
    return {(row[key]["display_name"] if row[key] else None): row for row in rows}


def test_per_campaign(env, dataset):
    rows = by_key(env["crm.lead"].campaign_stats(by="campaign"), "campaign")
    figures = {
        name: (r["leads"], r["opportunities"], r["won"], r["won_revenue"], r["conversion_rate"])
        for name, r in rows.items()
    }
    assert figures == {
        "Autumn fair 2026": (5, 3, 2, D("1500.50"), 40.0),
        "November newsletter": (2, 1, 1, D("300"), 50.0),
        None: (1, 1, 0, D("0"), 0.0),
    }


def test_per_source_with_a_domain(env, dataset):
    rows = env["crm.lead"].campaign_stats([("campaign", "!=", None)], by="source")
    figures = {name: (r["leads"], r["won"], r["won_revenue"]) for name, r in by_key(rows, "source").items()}
    assert figures == {"Website": (4, 1, D("1000")), "Referral": (3, 2, D("800.50"))}


def test_a_campaign_reports_its_own_row_over_the_api_method(env, dataset):
    assert dataset["fair"].stats() == {
        "campaign": {"id": dataset["fair"].id, "display_name": "Autumn fair 2026"},
        "leads": 5,
        "opportunities": 3,
        "won": 2,
        "won_revenue": "1500.50",
        "conversion_rate": 40.0,
    }


def test_a_salesperson_s_figures_count_only_the_leads_they_may_read(env, dataset, selin):
    with as_user(env, selin) as selin_env:
        rows = by_key(selin_env["crm.lead"].campaign_stats(), "campaign")
    # Gábor's lost opportunity is not hers.
    assert (rows["Autumn fair 2026"]["leads"], rows["Autumn fair 2026"]["won_revenue"]) == (4, D("1500.50"))


def test_an_unknown_key_is_refused(env):
    with pytest.raises(ValidationError):
        env["crm.lead"].campaign_stats(by="partner")
