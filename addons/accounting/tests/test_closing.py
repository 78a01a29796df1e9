"""Year-end closing against a hand-computed year: the closing entry, the lock, the reports afterwards.

The year 2026 of a small trading company (TRY amounts, Tek Düzen Hesap Planı):

    capital paid in       102 D 100,000   500 C 100,000
    goods bought          153 D  40,000   320 C  40,000
    goods sold            120 D  60,000   600 C  60,000
    their cost            621 D  35,000   153 C  35,000
    rent                  770 D   8,000   102 C   8,000
    interest received     102 D     500   642 C     500
    exchange loss         656 D     300   102 C     300

Income 60,500 (600 + 642), expenses 43,300 (621 + 770 + 656): a profit of 17,200,
which closing moves to 590 Dönem Net Karı.
"""

import datetime as dt
from decimal import Decimal

import pytest

from addons.accounting.reporting import Filters
from addons.accounting.reporting import balance_sheet
from addons.accounting.reporting import profit_and_loss
from core.errors import AccessError
from core.errors import UserError
from core.errors import ValidationError
from core.testing import as_user

pytestmark = pytest.mark.addons("accounting")

YEAR = [
    (dt.date(2026, 1, 2), ("102", 100_000, 0), ("500", 0, 100_000)),
    (dt.date(2026, 2, 3), ("153", 40_000, 0), ("320", 0, 40_000)),
    (dt.date(2026, 3, 4), ("120", 60_000, 0), ("600", 0, 60_000)),
    (dt.date(2026, 3, 4), ("621", 35_000, 0), ("153", 0, 35_000)),
    (dt.date(2026, 4, 30), ("770", 8_000, 0), ("102", 0, 8_000)),
    (dt.date(2026, 6, 30), ("102", 500, 0), ("642", 0, 500)),
    (dt.date(2026, 9, 15), ("656", 300, 0), ("102", 0, 300)),
]


@pytest.fixture
def year(env, company, make_entry):
    for day, *items in YEAR:
        make_entry(*items, date=day, post=True)
    return env["accounting.fiscal_year"].create(
        {
            "name": "2026",
            "company": company.id,
            "date_from": dt.date(2026, 1, 1),
            "date_to": dt.date(2026, 12, 31),
        }
    )


def amounts(move):
    return sorted((line.account.code, line.debit, line.credit) for line in move.lines)


def test_closing_moves_the_result_to_retained_earnings_and_locks_the_year(env, company, year, make_entry):
    year.action_close()
    closing = year.closing_move
    assert (year.state, closing.state, closing.date, closing.is_closing) == (
        "closed",
        "posted",
        dt.date(2026, 12, 31),
        True,
    )
    assert closing.name == "MAH/2026/00008" and closing.ref == "Closing of 2026"
    zero = Decimal("0.00")
    assert amounts(closing) == [
        ("590", zero, Decimal("17200.00")),
        ("600", Decimal("60000.00"), zero),
        ("621", zero, Decimal("35000.00")),
        ("642", Decimal("500.00"), zero),
        ("656", zero, Decimal("300.00")),
        ("770", zero, Decimal("8000.00")),
    ]
    assert company.hard_lock_date == dt.date(2026, 12, 31)
    with pytest.raises(ValidationError, match="locked up to 2026-12-31"):
        make_entry(("100", 1, 0), ("500", 0, 1), date=dt.date(2026, 12, 31))


def test_after_closing_the_profit_and_loss_still_shows_the_year_and_equity_holds_the_result(
    env, company, year
):
    filters = Filters(company=company.id, date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 12, 31))
    before = balance_sheet(env, filters)
    assert (before.total_equity, before.current_result) == (Decimal("100000.00"), Decimal("17200.00"))
    year.action_close()
    pnl = profit_and_loss(env, filters)
    assert (pnl.income, pnl.expenses, pnl.net_result) == (
        Decimal("60500.00"),
        Decimal("43300.00"),
        Decimal("17200.00"),
    )
    after = balance_sheet(env, filters)
    assert (after.total_assets, after.total_liabilities, after.total_equity) == (
        Decimal("157200.00"),
        Decimal("40000.00"),
        Decimal("117200.00"),
    )
    assert (after.current_result, after.previous_result) == (Decimal("0.00"), Decimal("0.00"))
    next_year = balance_sheet(env, Filters(company=company.id, date_to=dt.date(2027, 1, 31)))
    assert (next_year.total_equity, next_year.current_result, next_year.previous_result) == (
        Decimal("117200.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )


def test_a_loss_is_debited_to_retained_earnings(env, company, make_entry):
    make_entry(("770", 1_250, 0), ("102", 0, 1_250), date=dt.date(2025, 5, 1), post=True)
    make_entry(("102", 1_000, 0), ("600", 0, 1_000), date=dt.date(2025, 6, 1), post=True)
    year = env["accounting.fiscal_year"].create(
        {
            "name": "2025",
            "company": company.id,
            "date_from": dt.date(2025, 1, 1),
            "date_to": dt.date(2025, 12, 31),
        }
    )
    year.action_close()
    zero = Decimal("0.00")
    assert amounts(year.closing_move) == [
        ("590", Decimal("250.00"), zero),
        ("600", Decimal("1000.00"), zero),
        ("770", zero, Decimal("1250.00")),
    ]


def test_a_year_with_drafts_is_not_closed(env, year, make_entry):
    make_entry(("100", 1, 0), ("500", 0, 1), date=dt.date(2026, 11, 2))
    with pytest.raises(ValidationError, match="1 draft entries are dated in 2026"):
        year.action_close()
    assert year.state == "open"


def test_only_advisers_close_a_year(env, year, bookkeeper, adviser):
    with (
        as_user(env, bookkeeper) as user_env,
        pytest.raises(AccessError, match="Only accounting advisers close"),
    ):
        user_env["accounting.fiscal_year"].get(year.id).action_close()
    with as_user(env, adviser) as user_env:
        assert user_env["accounting.fiscal_year"].get(year.id).action_close().state == "closed"


def test_a_closed_year_is_not_closed_twice_changed_or_deleted_and_years_do_not_overlap(env, company, year):
    year.action_close()
    with pytest.raises(ValidationError, match="closed already"):
        year.action_close()
    with pytest.raises(UserError, match="cannot be deleted"):
        year.unlink()
    year.date_to = dt.date(2026, 12, 30)
    with pytest.raises(ValidationError, match="no longer change"):
        env.flush()
    env.session.expire_all()
    with pytest.raises(ValidationError, match="overlaps"):
        env["accounting.fiscal_year"].create(
            {
                "name": "Odd",
                "company": company.id,
                "date_from": dt.date(2026, 7, 1),
                "date_to": dt.date(2027, 6, 30),
            }
        )
