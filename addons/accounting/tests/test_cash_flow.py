"""The cash flow statement against a hand-computed quarter (EUR, Tek Düzen accounts).

    E0 2025-12-15 MAH  capital before the period   102 D 10,000            500 C 10,000
    E1 01-08 SAT  a sale                           120 D 1,200             600 C 1,000, 391 C 200
    E2 01-10 KSA  the sale collected in cash       100 D 1,200             120 C 1,200
    E3 01-12 ALS  a vendor bill                    153 D 5,000, 191 D 1,000   320 C 6,000
    E4 01-20 BNK  the bill paid by bank            320 D 6,000             102 C 6,000
    E5 01-25 BNK  capital contribution             102 D 20,000            500 C 20,000
    E6 02-05 BNK  a machine bought                 255 D 8,000             102 C 8,000
    E7 02-28 BNK  bank fee                         780 D 25                102 C 25
    E8 03-01 MAH  bank to cash transfer            100 D 500               102 C 500
    E9 03-20 KSA  a draft                          770 D 100               100 C 100
    E10 04-02 BNK after the period                 102 D 999               500 C 999

Opening cash 10,000; received from customers 1,200, paid to vendors -6,000,
expenses -25 (operating -4,825), fixed assets -8,000, capital 20,000: net
change 7,175, closing cash 17,175 = 102 (15,475) + 100 (1,700).
"""

import datetime as dt
from decimal import Decimal

import pytest

from addons.accounting.cash_flow import cash_flow
from addons.accounting.reporting import Filters
from addons.accounting.reporting import trial_balance
from core.testing import as_user
from core.testing import assert_max_queries

pytestmark = pytest.mark.addons("accounting")

Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def d(value):
    return Decimal(value).quantize(Decimal("0.01"))


@pytest.fixture
def quarter(env, company, make_entry):
    make_entry(("102", 10_000, 0), ("500", 0, 10_000), date=dt.date(2025, 12, 15), post=True)
    make_entry(
        ("120", 1_200, 0),
        ("600", 0, 1_000),
        ("391", 0, 200),
        journal="SAT",
        date=dt.date(2026, 1, 8),
        post=True,
    )
    make_entry(("100", 1_200, 0), ("120", 0, 1_200), journal="KSA", date=dt.date(2026, 1, 10), post=True)
    make_entry(
        ("153", 5_000, 0),
        ("191", 1_000, 0),
        ("320", 0, 6_000),
        journal="ALS",
        date=dt.date(2026, 1, 12),
        post=True,
    )
    make_entry(("320", 6_000, 0), ("102", 0, 6_000), journal="BNK", date=dt.date(2026, 1, 20), post=True)
    make_entry(("102", 20_000, 0), ("500", 0, 20_000), journal="BNK", date=dt.date(2026, 1, 25), post=True)
    make_entry(("255", 8_000, 0), ("102", 0, 8_000), journal="BNK", date=dt.date(2026, 2, 5), post=True)
    make_entry(("780", 25, 0), ("102", 0, 25), journal="BNK", date=dt.date(2026, 2, 28), post=True)
    make_entry(("100", 500, 0), ("102", 0, 500), date=dt.date(2026, 3, 1), post=True)
    make_entry(("770", 100, 0), ("100", 0, 100), journal="KSA", date=dt.date(2026, 3, 20))
    make_entry(("102", 999, 0), ("500", 0, 999), journal="BNK", date=dt.date(2026, 4, 2), post=True)
    return company


def test_cash_flow_of_the_quarter_by_activity(env, quarter):
    filters = Filters(company=quarter.id, date_from=Q1[0], date_to=Q1[1])
    with assert_max_queries(env, 3):
        flow = cash_flow(env, filters)
    amounts = {line.key: line.amount for line in flow.lines}
    assert amounts == {
        "customers": d(1_200),
        "vendors": d(-6_000),
        "income": d(0),
        "expenses": d(-25),
        "current": d(0),
        "fixed_assets": d(-8_000),
        "borrowing": d(0),
        "equity": d(20_000),
    }
    assert (flow.total("operating"), flow.total("investing"), flow.total("financing")) == (
        d(-4_825),
        d(-8_000),
        d(20_000),
    )
    assert (flow.opening, flow.net_change, flow.closing) == (d(10_000), d(7_175), d(17_175))
    liquidity = {row.code: row.closing for row in trial_balance(env, filters) if row.type in ("bank", "cash")}
    assert liquidity == {"100": d(1_700), "102": d(15_475)}
    assert flow.opening + flow.net_change == flow.closing == sum(liquidity.values())


def test_drafts_count_when_asked_for_and_transfers_never(env, quarter):
    filters = Filters(company=quarter.id, date_from=dt.date(2026, 3, 1), date_to=Q1[1], include_drafts=True)
    flow = cash_flow(env, filters)
    assert {line.key: line.amount for line in flow.lines if line.amount} == {"expenses": d(-100)}
    assert (flow.opening, flow.closing) == (d(17_175), d(17_075))


def test_another_company_sees_no_cash_of_this_one(env, quarter):
    other = env["base.company"].create({"name": "Başka Şirket", "currency": quarter.currency.id})
    flow = cash_flow(env, Filters(company=other.id, date_from=Q1[0], date_to=Q1[1]))
    assert flow.opening == flow.closing == flow.net_change == d(0)


def test_a_bookkeeper_gets_the_same_statement_under_the_company_rules(env, quarter, bookkeeper):
    """As a user the rules restrict every alias of items and accounts, the cash-moving subquery's too."""
    filters = Filters(company=quarter.id, date_from=Q1[0], date_to=Q1[1])
    with as_user(env, bookkeeper) as user_env:
        cash_flow(user_env, filters)  # loads the user's rights and rules
        with assert_max_queries(user_env, 3):
            flow = cash_flow(user_env, filters)
    assert {line.key: line.amount for line in flow.lines if line.amount} == {
        "customers": d(1_200),
        "vendors": d(-6_000),
        "expenses": d(-25),
        "fixed_assets": d(-8_000),
        "equity": d(20_000),
    }
    assert (flow.opening, flow.net_change, flow.closing) == (d(10_000), d(7_175), d(17_175))
