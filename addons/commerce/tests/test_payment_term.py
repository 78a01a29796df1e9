"""Payment terms: installments that add up to the total exactly, due dates, and the terms refused."""

import datetime as dt
from decimal import Decimal

import pytest

from core.errors import ValidationError

pytestmark = pytest.mark.addons("commerce")

JAN_15 = dt.date(2026, 1, 15)


@pytest.fixture
def make_term(env):
    def make(*lines, name="Term"):
        return env["commerce.payment_term"].create({"name": name, "lines": [dict(line) for line in lines]})

    return make


def test_a_single_balance_line_is_the_whole_total_after_its_days(env, eur):
    term = env.ref("commerce.payment_term_30")
    assert term.installments(Decimal("1250.50"), JAN_15, eur) == [(dt.date(2026, 2, 14), Decimal("1250.50"))]
    assert term.due_date(JAN_15) == dt.date(2026, 2, 14)


def test_thirty_percent_now_and_the_rest_in_sixty_days(env, eur):
    term = env.ref("commerce.payment_term_30_now_70_60")
    assert term.installments(Decimal("1000.00"), JAN_15, eur) == [
        (JAN_15, Decimal("300.00")),
        (dt.date(2026, 3, 16), Decimal("700.00")),
    ]
    assert term.due_date(JAN_15) == dt.date(2026, 3, 16)


def test_rounded_percentages_leave_the_cents_to_the_balance(make_term, eur):
    thirds = make_term(
        {"sequence": 1, "kind": "percent", "value": "33.33", "days": 0},
        {"sequence": 2, "kind": "percent", "value": "33.33", "days": 30},
        {"sequence": 3, "kind": "balance", "days": 60},
    )
    # 33.33 % of 100.01 = 33.333333 → 33.33, twice; the balance is 100.01 − 66.66 = 33.35
    installments = thirds.installments(Decimal("100.01"), JAN_15, eur)
    assert [amount for _day, amount in installments] == [Decimal("33.33"), Decimal("33.33"), Decimal("33.35")]
    assert sum(amount for _day, amount in installments) == Decimal("100.01")


def test_installments_add_up_to_any_total_exactly(make_term, eur):
    term = make_term(
        {"kind": "percent", "value": "12.5", "days": 10},
        {"kind": "percent", "value": "37.25", "days": 20},
        {"kind": "balance", "days": 40},
    )
    for cents in (1, 7, 99, 1001, 33333, 1234567):
        total = Decimal(cents) / 100
        assert sum(amount for _day, amount in term.installments(total, JAN_15, eur)) == total


def test_end_of_month_moves_the_day_to_the_month_s_last(make_term, eur):
    term = make_term({"kind": "balance", "days": 30, "end_of_month": True})
    # 15 January + 30 days = 14 February → 28 February (2026 is no leap year)
    assert term.due_date(JAN_15) == dt.date(2026, 2, 28)


def test_installments_come_earliest_first_and_the_last_is_the_due_date(make_term, eur):
    term = make_term(
        {"sequence": 1, "kind": "balance", "days": 45},
        {"sequence": 2, "kind": "percent", "value": "50", "days": 0},
    )
    assert term.installments(Decimal("80"), JAN_15, eur) == [
        (JAN_15, Decimal("40.00")),
        (dt.date(2026, 3, 1), Decimal("40.00")),
    ]
    assert term.due_date(JAN_15) == dt.date(2026, 3, 1)


def test_percentages_above_100_are_refused(make_term):
    with pytest.raises(ValidationError, match="more than 100"):
        make_term(
            {"kind": "percent", "value": "60", "days": 0},
            {"kind": "percent", "value": "50", "days": 30},
            {"kind": "balance", "days": 60},
        )


@pytest.mark.parametrize(
    "lines",
    [
        [],
        [{"kind": "percent", "value": "100", "days": 0}],
        [{"kind": "balance", "days": 0}, {"kind": "balance", "days": 30}],
    ],
    ids=["no lines", "no balance", "two balances"],
)
def test_a_term_needs_exactly_one_balance_line(make_term, lines):
    with pytest.raises(ValidationError) as error:
        make_term(*lines)
    assert error.value.fields == {"lines": "Give exactly one line the balance."}


def test_a_line_added_later_is_checked_with_its_term(env):
    term = env.ref("commerce.payment_term_30")
    with pytest.raises(ValidationError, match="one balance line"):
        env["commerce.payment_term_line"].create({"term": term.id, "kind": "balance", "days": 60})


def test_the_balance_line_cannot_be_deleted_on_its_own(env):
    [line] = env.ref("commerce.payment_term_30").lines
    with pytest.raises(ValidationError, match="cannot be deleted"):
        line.unlink()
