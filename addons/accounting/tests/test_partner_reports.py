"""Aged receivables and payables at a date, and the tax report of a period, against hand-computed books.

The books (company in lira):

=====  ==========  ======================  =========================  ===============================
doc    dated       to                      amount (due)               settled by
=====  ==========  ======================  =========================  ===============================
INV1   2026-01-05  Anadolu                 1,200 (01-05)              500 paid 03-10
INV2   2026-02-10  Anadolu                 600 (30 days: 03-12)       300 paid 04-05, after the report
INV3   2026-03-20  Anadolu                 2,400: 720 (03-20), 1,680 (05-19)
INV4   2025-12-01  Ege                     360 (12-01)                credit note of 120 on 03-25
BILL   2026-03-01  Ege (vendor)            600 (30 days: 03-31)
=====  ==========  ======================  =========================  ===============================

At 2026-03-31 Anadolu owes 700 of INV1 (85 days late), 600 of INV2 (19 days), 720 of INV3 (11 days)
and 1,680 not yet due; Ege 240 of INV4 (120 days late).
"""

import datetime as dt
import decimal

import pytest

from addons.accounting.aging import aged_balance
from addons.accounting.balances import PartnerBalance
from addons.accounting.balances import partner_balances
from addons.accounting.reporting import Filters
from addons.accounting.reporting import trial_balance
from addons.accounting.tax_report import tax_report
from core.testing import assert_max_queries

pytestmark = pytest.mark.addons("accounting")
D = decimal.Decimal


@pytest.fixture
def books(env, lira, company, customer, vendor, make_invoice, kdv20, kdv20_purchase):
    ege = vendor
    term30 = env.ref("commerce.payment_term_30").id
    split = env.ref("commerce.payment_term_30_now_70_60").id
    inv1 = make_invoice((1000, 1, [kdv20]), date=dt.date(2026, 1, 5), post=True)
    inv2 = make_invoice((500, 1, [kdv20]), date=dt.date(2026, 2, 10), payment_term=term30, post=True)
    make_invoice((2000, 1, [kdv20]), date=dt.date(2026, 3, 20), payment_term=split, post=True)
    inv4 = make_invoice((300, 1, [kdv20]), date=dt.date(2025, 12, 1), partner=ege.id, post=True)
    Payment = env["accounting.payment"]
    Payment.register([inv1], amount=D("500"), date=dt.date(2026, 3, 10))
    Payment.register([inv2], amount=D("300"), date=dt.date(2026, 4, 5))
    note = inv4.action_credit_note(dt.date(2026, 3, 25))
    note.write({"lines": [{"id": note.lines[0].id, "price_unit": "100"}]})
    note.action_post()
    make_invoice(
        (500, 1, [kdv20_purchase]),
        kind="in_invoice",
        partner=ege.id,
        date=dt.date(2026, 3, 1),
        payment_term=term30,
        post=True,
    )
    return {"anadolu": customer, "ege": ege, "company": company}


def amounts(row):
    return [f"{amount:.2f}" for amount in row.amounts]


def test_the_aged_receivable_at_the_end_of_march(env, books):
    aged = aged_balance(env, Filters(company=books["company"].id, date_to=dt.date(2026, 3, 31)))
    assert [(row.partner, amounts(row)) for row in aged.rows] == [
        ("Anadolu Makine A.Ş.", ["1680.00", "1320.00", "0.00", "700.00", "0.00"]),
        ("Ege Döküm Ltd.", ["0.00", "0.00", "0.00", "0.00", "240.00"]),
    ]
    assert [f"{total:.2f}" for total in aged.totals] == ["1680.00", "1320.00", "0.00", "700.00", "240.00"]
    receivable = [
        row.closing
        for row in trial_balance(env, Filters(company=books["company"].id, date_to=dt.date(2026, 3, 31)))
        if row.code == "120"
    ]
    assert receivable == [aged.total] == [D("3940.00")]


def test_matches_count_from_their_later_date_not_from_when_they_were_made(env, books):
    # On March 5th the 500 paid on the 10th, matched since, did not count yet.
    aged = aged_balance(env, Filters(company=books["company"].id, date_to=dt.date(2026, 3, 5)))
    assert [(row.partner, amounts(row)) for row in aged.rows] == [
        ("Anadolu Makine A.Ş.", ["600.00", "0.00", "1200.00", "0.00", "0.00"]),
        ("Ege Döküm Ltd.", ["0.00", "0.00", "0.00", "0.00", "360.00"]),
    ]
    # At the end of April INV2 is half paid (300, 49 days late), INV3's first part 41 days late.
    april = aged_balance(env, Filters(company=books["company"].id, date_to=dt.date(2026, 4, 30)))
    assert amounts(april.rows[0]) == ["1680.00", "0.00", "1020.00", "0.00", "700.00"]


def test_the_aged_payable_shows_what_is_owed_to_vendors_as_positive(env, books):
    aged = aged_balance(env, Filters(company=books["company"].id, date_to=dt.date(2026, 3, 31)), "payable")
    assert [(row.partner, amounts(row)) for row in aged.rows] == [
        ("Ege Döküm Ltd.", ["600.00", "0.00", "0.00", "0.00", "0.00"])
    ]
    late = aged_balance(env, Filters(company=books["company"].id, date_to=dt.date(2026, 4, 1)), "payable")
    assert amounts(late.rows[0]) == ["0.00", "600.00", "0.00", "0.00", "0.00"]


def test_the_tax_report_of_a_month_by_tax_and_by_line_of_the_return(
    env, lira, company, make_invoice, kdv20, kdv20_purchase
):
    grid = {
        code: env.ref(f"accounting.grid_tr_{code}")
        for code in ("base_10", "base_20", "output", "input_base", "input", "sale_return_base", "sale_return")
    }
    kdv20.write(
        {
            "base_grid": grid["base_20"].id,
            "tax_grid": grid["output"].id,
            "refund_base_grid": grid["sale_return_base"].id,
            "refund_tax_grid": grid["sale_return"].id,
        }
    )
    kdv20_purchase.write({"base_grid": grid["input_base"].id, "tax_grid": grid["input"].id})
    kdv10 = env["commerce.tax"].create(
        {"name": "KDV %10", "amount": "10", "base_grid": grid["base_10"].id, "tax_grid": grid["output"].id}
    )
    sold = make_invoice((1000, 1, [kdv20]), post=True)
    make_invoice((500, 1, [kdv10]), post=True)
    note = sold.action_credit_note(dt.date(2026, 1, 20))
    note.write({"lines": [{"id": note.lines[0].id, "price_unit": "100"}]})
    note.action_post()
    make_invoice((400, 1, [kdv20_purchase]), kind="in_invoice", post=True)
    make_invoice((300, 1, [kdv20]), post=True).action_cancel(dt.date(2026, 1, 25))  # reversed: out
    make_invoice((999, 1, [kdv20]), date=dt.date(2026, 2, 1), post=True)  # next month
    make_invoice((777, 1, [kdv20]))  # a draft
    report = tax_report(
        env, Filters(company=company.id, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 1, 31))
    )
    assert [(row.name, f"{row.base:.2f}", f"{row.amount:.2f}") for row in report.taxes] == [
        ("KDV %10", "500.00", "50.00"),
        ("KDV %20", "900.00", "180.00"),
        ("İndirilecek KDV %20", "400.00", "80.00"),
    ]
    assert [(row.code, f"{row.amount:.2f}") for row in report.grids] == [
        ("TR-M10", "500.00"),
        ("TR-M20", "1000.00"),
        ("TR-HK", "250.00"),
        ("TR-IM", "400.00"),
        ("TR-IK", "80.00"),
        ("TR-SIM", "100.00"),
        ("TR-SIK", "20.00"),
    ]


def test_what_partners_owe_counts_their_contacts_and_what_is_overdue(env, books, make_invoice, kdv20):
    anadolu, ege, company = books["anadolu"], books["ege"], books["company"]
    buyer = env["base.partner"].create({"name": "Selin Kaya", "parent": anadolu.id})
    make_invoice((100, 1, [kdv20]), partner=buyer.id, date=dt.date(2026, 3, 30), post=True)
    balances = partner_balances(env, [anadolu.id, ege.id, buyer.id], company.id, dt.date(2026, 3, 31))
    # Anadolu: 3,700 − 300 paid on 04-05 + 120 of their buyer; overdue: 700 + 300 + 720 + 120.
    assert balances[anadolu.id] == PartnerBalance(D("3520.00"), D("1840.00"))
    assert balances[ege.id] == PartnerBalance(D("240.00"), D("240.00"))
    assert balances[buyer.id] == PartnerBalance(D("120.00"), D("120.00"))
    anadolu.write({"credit_limit": "5000"})
    assert (anadolu.receivable_balance, anadolu.balance_currency, anadolu.credit_limit) == (
        D("3520.00"),
        company.currency,
        D("5000.00"),
    )


def test_the_reports_run_a_fixed_number_of_queries_whatever_the_number_of_items(
    env, books, make_invoice, kdv20
):
    company = books["company"].id
    day = Filters(company=company, date_to=dt.date(2026, 3, 31))
    period = Filters(company=company, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 3, 31))
    partners = [books["anadolu"].id, books["ege"].id]
    env.flush()
    counts = []
    for _more in range(2):
        with assert_max_queries(env, 4) as aged:
            aged_balance(env, day)
        with assert_max_queries(env, 5) as taxes:
            tax_report(env, period)
        with assert_max_queries(env, 2) as balances:
            partner_balances(env, partners, company, dt.date(2026, 3, 31))
        counts.append((aged.count, taxes.count, balances.count))
        for index in range(5):  # more invoices of both partners: the same statements
            make_invoice(
                (10 + index, 1, [kdv20]), partner=partners[index % 2], date=dt.date(2026, 2, 1), post=True
            )
        env.flush()
        env.session.expire_all()
    assert counts[0] == counts[1]
