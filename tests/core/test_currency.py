"""Currency conversion on a day: the latest rate on or before it, exact, each rate read once per batch."""

import datetime as dt
from decimal import Decimal

import pytest

from core.errors import UserError
from core.testing import assert_max_queries


@pytest.fixture
def eur(env):
    return env.ref("base.currency_eur")


@pytest.fixture
def try_(env, eur):
    """Turkish lira at 40, then 45 per euro (the euro at 1)."""
    currency = env.ref("base.currency_try")
    env["base.currency_rate"].create([
        {"currency": eur.id, "date": "2026-01-01", "rate": "1"},
        {"currency": currency.id, "date": "2026-01-01", "rate": "40"},
        {"currency": currency.id, "date": "2026-04-01", "rate": "45"},
    ])  # fmt: skip
    return currency


def test_an_amount_is_converted_at_the_latest_rate_on_or_before_the_day(eur, try_):
    assert eur.convert(Decimal("10"), try_, dt.date(2026, 3, 31)) == Decimal("400")
    assert eur.convert(Decimal("10"), try_, dt.date(2026, 4, 1)) == Decimal("450")
    assert try_.convert(Decimal("100"), eur, dt.date(2026, 2, 1)) == Decimal("2.5")


def test_a_conversion_is_exact_not_rounded(eur, try_):
    # 1 lira is 1/45 euro: 0.0222..., kept for the document to round its total
    assert try_.convert(Decimal("1"), eur, dt.date(2026, 5, 1)) == Decimal(1) / Decimal(45)


def test_the_same_currency_needs_no_rate(env):
    usd = env.ref("base.currency_usd")
    assert usd.convert(Decimal("12.345"), usd, dt.date(2000, 1, 1)) == Decimal("12.345")
    assert usd.convert(None, usd, dt.date(2000, 1, 1)) == Decimal(0)


def test_a_day_before_any_rate_is_refused(eur, try_):
    with pytest.raises(UserError, match="No exchange rate for TRY on or before 2025-12-31"):
        eur.convert(Decimal("1"), try_, dt.date(2025, 12, 31))


def test_a_batch_reads_each_rate_once_per_currency_and_day(env, eur, try_):
    env.flush()
    rates = {}
    with assert_max_queries(env, 2):
        converted = [eur.convert(Decimal(n), try_, dt.date(2026, 5, 1), rates) for n in range(1, 11)]
    assert converted[-1] == Decimal("450")
    assert rates == {
        (eur.id, dt.date(2026, 5, 1)): Decimal("1"),
        (try_.id, dt.date(2026, 5, 1)): Decimal("45"),
    }
    # another day is another rate
    assert eur.convert(Decimal("1"), try_, dt.date(2026, 2, 1), rates) == Decimal("40")
