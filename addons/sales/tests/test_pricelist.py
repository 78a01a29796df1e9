"""Pricelists: quantity breaks, dates, categories, products, and the customer's pricelist on orders."""

import datetime as dt
from decimal import Decimal

import pytest

from core.errors import ValidationError

pytestmark = pytest.mark.addons("sales")
SPRING = dt.date(2026, 4, 15)


@pytest.fixture
def pricelist(env, eur, machines, drill):
    parts = env["product.category"].create({"name": "Drill parts", "parent": machines.id})
    env["product.product"].create(
        {"name": "Drill bit", "category": parts.id, "currency": eur.id, "sale_price": "10"}
    )
    return env["sales.pricelist"].create(
        {
            "name": "Dealers",
            "currency": eur.id,
            "rules": [
                {"applies_to": "all", "discount": "2"},
                {"applies_to": "category", "category": machines.id, "discount": "5"},
                {"applies_to": "category", "category": machines.id, "min_quantity": "10", "discount": "10"},
                {"applies_to": "category", "category": parts.id, "discount": "20",
                 "date_start": "2026-03-01", "date_end": "2026-05-31"},
                {"applies_to": "product", "product": drill.id, "min_quantity": "100",
                 "compute_price": "fixed", "fixed_price": "70"},
            ],
        }
    )  # fmt: skip


def bit(env):
    return env["product.product"].search([("name", "=", "Drill bit")])[0]


def test_a_category_rule_applies_to_the_products_under_it(pricelist, drill):
    assert pricelist.price_for(drill, 1, SPRING) == Decimal("95")


def test_a_quantity_break_applies_from_its_minimum(pricelist, drill):
    assert pricelist.prices_for([(drill, 9), (drill, 10), (drill, 100)], SPRING) == [
        Decimal("95"), Decimal("90"), Decimal("70"),
    ]  # fmt: skip


def test_a_dated_rule_applies_only_between_its_dates(env, pricelist):
    assert pricelist.price_for(bit(env), 1, SPRING) == Decimal("8")  # the nearer category, in season
    assert pricelist.price_for(bit(env), 1, dt.date(2026, 6, 1)) == Decimal("9.5")  # then machines' 5 %
    assert pricelist.price_for(bit(env), 1, dt.date(2026, 5, 31)) == Decimal("8")  # the end day counts


def test_without_a_matching_rule_the_rule_for_all_applies(env, pricelist, eur):
    paper = env["product.product"].create({"name": "Paper", "currency": eur.id, "sale_price": "25"})
    assert pricelist.price_for(paper, 1, SPRING) == Decimal("24.5")


def test_the_customer_s_pricelist_prices_new_orders(env, pricelist, customer, drill):
    customer.write({"pricelist": pricelist.id})
    order = env["sales.order"].create(
        {
            "partner": customer.id,
            "date_order": "2026-04-15",
            "lines": [{"product": drill.id, "quantity": "10"}],
        }
    )
    assert order.pricelist == pricelist and order.currency == pricelist.currency
    assert order.lines[0].price_unit == Decimal("90")
    order.write({"lines": [{"id": order.lines[0].id}, {"product": drill.id, "quantity": "100"}]})
    assert sorted(line.price_unit for line in order.lines) == [Decimal("70"), Decimal("90")]
    added = env["sales.order_line"].create({"order": order.id, "product": drill.id, "quantity": "1"})
    assert added.price_unit == Decimal("95")


def test_a_price_given_explicitly_is_kept(env, pricelist, customer, drill):
    order = env["sales.order"].create(
        {"partner": customer.id, "pricelist": pricelist.id,
         "lines": [{"product": drill.id, "quantity": "1", "price_unit": "42"}]}
    )  # fmt: skip
    assert order.lines[0].price_unit == Decimal("42")


def test_a_rule_must_name_what_it_applies_to(env, pricelist):
    with pytest.raises(ValidationError):
        env["sales.pricelist_rule"].create({"pricelist": pricelist.id, "applies_to": "product"})


def test_the_pricelist_must_be_in_the_order_s_currency(env, pricelist, customer):
    with pytest.raises(ValidationError):
        env["sales.order"].create(
            {"partner": customer.id, "pricelist": pricelist.id, "currency": env.ref("base.currency_try").id}
        )
