"""The reports' figures against a small hand-computed quarter.

The first quarter of 2026 (EUR, Tek Düzen Hesap Planı accounts):

    E1 01-05 MAH  capital           102 D 50,000            500 C 50,000
    E2 01-20 ALS  goods bought      153 D 10,000            320 C 10,000
    E3 02-10 SAT  goods sold        120 D 12,000 (Anadolu)  600 C 12,000 (İzmir)
    E4 02-10 MAH  their cost        621 D  7,000            153 C  7,000
    E5 02-28 BNK  rent              770 D  1,500 (İzmir)    102 C  2,000
                                    770 D    500 (Ankara)
    E6 03-15 BNK  collection        102 D 12,000            120 C 12,000 (Anadolu)
    E7 03-20 MAH  a draft           770 D    100            100 C    100
"""

import datetime as dt
from decimal import Decimal

import pytest

from addons.accounting.reporting import Filters
from addons.accounting.reporting import balance_sheet
from addons.accounting.reporting import general_ledger
from addons.accounting.reporting import profit_and_loss
from addons.accounting.reporting import trial_balance
from core.testing import assert_max_queries

pytestmark = pytest.mark.addons("accounting")

Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def d(value):
    return Decimal(value).quantize(Decimal("0.01"))


@pytest.fixture
def quarter(env, company, make_entry):
    anadolu = env["base.partner"].create({"name": "Anadolu Makine A.Ş.", "is_company": True})
    izmir = env["accounting.analytic_account"].create({"name": "İzmir şubesi", "code": "IZM"})
    ankara = env["accounting.analytic_account"].create({"name": "Ankara şubesi", "code": "ANK"})
    make_entry(("102", 50_000, 0), ("500", 0, 50_000), date=dt.date(2026, 1, 5), post=True)
    make_entry(("153", 10_000, 0), ("320", 0, 10_000), journal="ALS", date=dt.date(2026, 1, 20), post=True)
    make_entry(
        ("120", 12_000, 0, {"partner": anadolu.id}),
        ("600", 0, 12_000, {"analytic_account": izmir.id}),
        journal="SAT",
        date=dt.date(2026, 2, 10),
        post=True,
    )
    make_entry(("621", 7_000, 0), ("153", 0, 7_000), date=dt.date(2026, 2, 10), post=True)
    make_entry(
        ("770", 1_500, 0, {"analytic_account": izmir.id, "name": "Kira İzmir"}),
        ("770", 500, 0, {"analytic_account": ankara.id, "name": "Kira Ankara"}),
        ("102", 0, 2_000),
        journal="BNK",
        date=dt.date(2026, 2, 28),
        post=True,
    )
    make_entry(
        ("102", 12_000, 0),
        ("120", 0, 12_000, {"partner": anadolu.id}),
        journal="BNK",
        date=dt.date(2026, 3, 15),
        post=True,
    )
    make_entry(("770", 100, 0), ("100", 0, 100), date=dt.date(2026, 3, 20))
    return {"company": company, "anadolu": anadolu, "izmir": izmir, "ankara": ankara}


def figures(rows):
    return {row.code: (row.opening, row.debit, row.credit, row.closing) for row in rows}


def test_trial_balance_of_february(env, quarter):
    rows = trial_balance(
        env,
        Filters(company=quarter["company"].id, date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 28)),
    )
    assert figures(rows) == {
        "102": (d(50_000), d(0), d(2_000), d(48_000)),
        "120": (d(0), d(12_000), d(0), d(12_000)),
        "153": (d(10_000), d(0), d(7_000), d(3_000)),
        "320": (d(-10_000), d(0), d(0), d(-10_000)),
        "500": (d(-50_000), d(0), d(0), d(-50_000)),
        "600": (d(0), d(0), d(12_000), d(-12_000)),
        "621": (d(0), d(7_000), d(0), d(7_000)),
        "770": (d(0), d(2_000), d(0), d(2_000)),
    }
    assert sum(row.debit for row in rows) == sum(row.credit for row in rows) == d(21_000)
    assert sum(row.closing for row in rows) == 0
    assert [row.items for row in rows if row.code in ("102", "770")] == [1, 2]


def test_trial_balance_filters_by_journal_and_includes_drafts_on_request(env, quarter):
    company = quarter["company"].id
    bank = env["accounting.journal"].search([("code", "=", "BNK")])[0]
    rows = trial_balance(env, Filters(company=company, date_from=Q1[0], date_to=Q1[1], journals=(bank.id,)))
    assert figures(rows) == {
        "102": (d(0), d(12_000), d(2_000), d(10_000)),
        "120": (d(0), d(0), d(12_000), d(-12_000)),
        "770": (d(0), d(2_000), d(0), d(2_000)),
    }
    with_drafts = figures(
        trial_balance(env, Filters(company=company, date_from=Q1[0], date_to=Q1[1], include_drafts=True))
    )
    assert with_drafts["770"] == (d(0), d(2_100), d(0), d(2_100)) and with_drafts["100"] == (
        d(0),
        d(0),
        d(100),
        d(-100),
    )


def test_general_ledger_gives_each_item_its_running_balance(env, quarter, accounts):
    filters = Filters(company=quarter["company"].id, date_from=dt.date(2026, 2, 1), date_to=Q1[1])
    ledger = general_ledger(env, filters, [accounts["102"].id])
    assert [(row.code, row.opening, row.closing) for row in ledger.accounts] == [
        ("102", d(50_000), d(60_000))
    ]
    assert [
        (item.date, item.entry, item.debit, item.credit, item.running_balance) for item in ledger.items
    ] == [
        (dt.date(2026, 2, 28), "BNK/2026/00001", d(0), d(2_000), d(48_000)),
        (dt.date(2026, 3, 15), "BNK/2026/00002", d(12_000), d(0), d(60_000)),
    ]
    assert ledger.total_items == 2


def test_a_general_ledger_page_in_the_middle_carries_the_balance_of_the_items_before(env, quarter):
    filters = Filters(company=quarter["company"].id, date_from=Q1[0], date_to=Q1[1])
    whole = general_ledger(env, filters, limit=100)
    assert whole.total_items == 13 and len(whole.items) == 13
    page = general_ledger(env, filters, offset=4, limit=3)
    assert page.items == whole.items[4:7]
    receivable = [item for item in whole.items if item.account_id == page.items[0].account_id]
    assert [item.running_balance for item in receivable] == [d(12_000), d(0)]
    assert receivable[0].partner == "Anadolu Makine A.Ş."


def test_profit_and_loss_of_the_quarter(env, quarter):
    pnl = profit_and_loss(env, Filters(company=quarter["company"].id, date_from=Q1[0], date_to=Q1[1]))
    assert [(section.key, section.total) for section in pnl.sections] == [
        ("income", d(12_000)),
        ("cost_of_goods_sold", d(7_000)),
        ("expense", d(2_000)),
    ]
    assert (pnl.income, pnl.expenses, pnl.gross_profit, pnl.net_result) == (
        d(12_000),
        d(9_000),
        d(5_000),
        d(3_000),
    )


def test_profit_and_loss_of_one_cost_centre(env, quarter):
    filters = Filters(
        company=quarter["company"].id,
        date_from=Q1[0],
        date_to=Q1[1],
        analytic_accounts=(quarter["izmir"].id,),
    )
    pnl = profit_and_loss(env, filters)
    assert (pnl.income, pnl.expenses, pnl.net_result) == (d(12_000), d(1_500), d(10_500))


def test_balance_sheet_at_the_end_of_the_quarter(env, quarter):
    sheet = balance_sheet(env, Filters(company=quarter["company"].id, date_to=Q1[1]))
    assert [(s.key, [(row.code, amount) for row, amount in s.rows]) for s in sheet.assets] == [
        ("receivable", [("120", d(0))]),
        ("bank", [("102", d(60_000))]),
        ("current_assets", [("153", d(3_000))]),
    ]
    assert [(s.key, s.total) for s in sheet.liabilities] == [("payable", d(10_000))]
    assert [(s.key, s.total) for s in sheet.equity] == [("equity", d(50_000))]
    assert (sheet.total_assets, sheet.total_liabilities, sheet.total_equity) == (
        d(63_000),
        d(10_000),
        d(50_000),
    )
    assert (sheet.current_result, sheet.previous_result, sheet.year_start) == (
        d(3_000),
        d(0),
        dt.date(2026, 1, 1),
    )
    assert sheet.total_assets == sheet.total_liabilities + sheet.total_equity + sheet.current_result


def test_an_unclosed_earlier_year_shows_as_previous_result(env, quarter, make_entry):
    make_entry(("100", 400, 0), ("602", 0, 400), date=dt.date(2025, 12, 30), post=True)
    sheet = balance_sheet(env, Filters(company=quarter["company"].id, date_to=Q1[1]))
    assert (sheet.current_result, sheet.previous_result) == (d(3_000), d(400))
    assert (
        sheet.total_assets
        == sheet.total_liabilities + sheet.total_equity + sheet.current_result + sheet.previous_result
    )


def test_reports_cost_a_fixed_number_of_queries(env, quarter, make_entry):
    filters = Filters(company=quarter["company"].id, date_from=Q1[0], date_to=Q1[1])
    for day in range(1, 29):
        make_entry(("102", day, 0), ("600", 0, day), date=dt.date(2026, 2, day), post=True)
    env.flush()
    with assert_max_queries(env, 2):
        trial_balance(env, filters)
    with assert_max_queries(env, 4):
        general_ledger(env, filters, limit=50)
    with assert_max_queries(env, 2):
        profit_and_loss(env, filters)
    with assert_max_queries(env, 4):
        balance_sheet(env, filters)
