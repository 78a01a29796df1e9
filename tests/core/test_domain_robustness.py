"""Domains over data and fields the everyday cases do not reach: cyclic trees and JSON values.

A search either answers or says, as a `DomainError`, why it cannot; it never
loops or leaks a database error.
"""

import pytest

from core.errors import DomainError

pytestmark = pytest.mark.addons("orm_orders")


@pytest.fixture
def companies(env):
    """Holding → Branch → Shop, and a Branch whose parent is made the Shop: a cycle."""
    eur = env["base.currency"].search([("code", "=", "EUR")]).ensure_one()
    holding = env["base.company"].create({"name": "Holding", "currency": eur.id})
    branch = env["base.company"].create({"name": "Branch", "currency": eur.id, "parent": holding.id})
    shop = env["base.company"].create({"name": "Shop", "currency": eur.id, "parent": branch.id})
    return holding, branch, shop


def names(records):
    return sorted(record.name for record in records)


def test_child_of_finds_the_whole_subtree(env, companies):
    holding, _, _ = companies
    found = env["base.company"].search([("id", "child_of", holding.id)])
    assert names(found) == ["Branch", "Holding", "Shop"]


def test_child_of_ends_on_a_cycle_in_the_tree(env, companies):
    _, branch, shop = companies
    # base.company does not refuse cycles, so data can hold one (an import, a bug, raw SQL).
    branch.write({"parent": shop.id})
    env.flush()
    found = env["base.company"].search([("id", "child_of", branch.id)])
    assert names(found) == ["Branch", "Shop"]


def test_child_of_through_a_many2one_ends_on_a_cycle_too(env, companies):
    _, branch, shop = companies
    branch.write({"parent": shop.id})
    partner = env["base.partner"].create({"name": "Clerk", "company": shop.id})
    found = env["base.partner"].search([("company", "child_of", branch.id)])
    assert found.ids == (partner.id,)


# -- JSON --------------------------------------------------------------------------------------


@pytest.fixture
def orders(env):
    acme = env["base.partner"].create({"name": "Acme"})
    return env["orm_orders.order"].create(
        [
            {"name": "SO1", "partner": acme.id, "attributes": {"colour": "red"}},
            {"name": "SO2", "partner": acme.id},
        ]
    )


def test_a_json_field_is_searched_for_being_set_or_not(env, orders):
    order = env["orm_orders.order"]
    assert [o.name for o in order.search([("attributes", "is set", True)])] == ["SO1"]
    assert [o.name for o in order.search([("attributes", "not set", True)])] == ["SO2"]
    assert [o.name for o in order.search([("attributes", "=", None)])] == ["SO2"]


@pytest.mark.parametrize(
    "condition",
    [("attributes", "=", {"colour": "red"}), ("attributes", "!=", []), ("attributes", "in", [1])],
)
def test_comparing_json_values_is_a_domain_error(env, orders, condition):
    with pytest.raises(DomainError, match="'attributes' holds JSON data; search it with 'is set'"):
        env["orm_orders.order"].search([condition])
