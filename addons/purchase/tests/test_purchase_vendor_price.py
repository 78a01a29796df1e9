"""Choosing a vendor price: valid dates, minimum quantities, the buyers' ranking, then the cheapest."""

import datetime as dt

import pytest

from core.errors import ValidationError

pytestmark = pytest.mark.addons("purchase")

MAY = dt.date(2026, 5, 4)


def choose(env, product, quantity, day=MAY, vendor=None):
    return env["purchase.vendor_price"].choose(product, quantity, day, vendor=vendor)


def test_the_lowest_sequence_wins_even_when_another_vendor_is_cheaper(env, make_price, bolt, other_vendor):
    preferred = make_price(bolt, "0.42", sequence=5)
    make_price(bolt, "0.30", partner=other_vendor.id, sequence=10)
    assert choose(env, bolt, 1) == preferred


def test_between_equal_sequences_the_cheapest_wins(env, make_price, bolt, other_vendor):
    make_price(bolt, "0.42")
    cheaper = make_price(bolt, "0.39", partner=other_vendor.id)
    assert choose(env, bolt, 1) == cheaper


def test_a_quantity_break_applies_from_its_minimum(env, make_price, bolt):
    base = make_price(bolt, "0.42")
    hundred = make_price(bolt, "0.35", min_quantity="100")
    assert (choose(env, bolt, 99), choose(env, bolt, 100), choose(env, bolt, 250)) == (base, hundred, hundred)


def test_below_every_minimum_there_is_no_price(env, make_price, bolt):
    make_price(bolt, "0.35", min_quantity="100")
    assert choose(env, bolt, 10) is None


def test_only_prices_valid_on_the_day_count(env, make_price, bolt):
    spring = make_price(bolt, "0.40", date_start="2026-03-01", date_end="2026-05-31")
    summer = make_price(bolt, "0.44", date_start="2026-06-01")
    days = [dt.date(2026, 2, 28), MAY, dt.date(2026, 6, 1)]
    assert [choose(env, bolt, 1, day) for day in days] == [None, spring, summer]
    assert choose(env, bolt, 1, dt.date(2026, 5, 31)) == spring  # both ends count


def test_prices_in_other_currencies_are_compared_at_the_day_s_rates(env, make_price, bolt, other_vendor):
    try_ = env.ref("base.currency_try")
    env["base.currency_rate"].create([
        {"currency": env.ref("base.currency_eur").id, "date": "2026-01-01", "rate": "1"},
        {"currency": try_.id, "date": "2026-01-01", "rate": "40"},
    ])  # fmt: skip
    make_price(bolt, "0.42")
    in_lira = make_price(bolt, "16", partner=other_vendor.id, currency=try_.id)  # 0.40 EUR
    assert choose(env, bolt, 1) == in_lira


def test_a_vendor_can_be_asked_for(env, make_price, bolt, vendor, other_vendor):
    make_price(bolt, "0.30", partner=other_vendor.id)
    own = make_price(bolt, "0.42")
    assert choose(env, bolt, 1, vendor=vendor) == own


def test_another_company_s_prices_do_not_count(env, make_price, bolt):
    other = env["base.company"].create({"name": "Other Co", "currency": env.ref("base.currency_eur").id})
    make_price(bolt, "0.30", company=other.id)
    shared = make_price(bolt, "0.42")
    assert choose(env, bolt, 1) == shared


def test_many_products_are_priced_in_one_query(env, make_price, bolt, nut):
    from core.testing import assert_max_queries

    bolt_price, nut_price = make_price(bolt, "0.42"), make_price(nut, "0.15")
    env.flush()
    with assert_max_queries(env, 3):  # the company (two), then every candidate at once
        chosen = env["purchase.vendor_price"].choose_many([(bolt, 5), (nut, 5), (bolt, 50)], MAY)
    assert chosen == [bolt_price, nut_price, bolt_price]


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"price": "-1"}, "price"),
        ({"min_quantity": "-5"}, "min_quantity"),
        ({"delay": -2}, "delay"),
        ({"date_start": "2026-06-01", "date_end": "2026-05-01"}, "date_end"),
    ],
)
def test_bad_values_are_refused_on_their_field(make_price, bolt, values, field):
    with pytest.raises(ValidationError) as refused:
        make_price(bolt, values.pop("price", "0.42"), **values)
    assert field in refused.value.fields
