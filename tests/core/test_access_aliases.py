"""Record rules on aliased models (``aliased(Model)``, as reports write them): a rule restricts
exactly the rows of each alias, in joins and in subqueries, never the rows of another occurrence
of the model, and a statement cached for one user never carries that user's values to another."""

import pytest
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import aliased

from core.testing import as_user
from core.testing import make_user


@pytest.fixture
def world(env):
    """Companies Alpha and Beta, each with a company partner (Alpha Corp, Beta Holding) having
    a contact in each company (Anna and Bruno, Carla and Dora); a user allowed in Alpha only,
    and one in Beta only."""
    currency = env.ref("base.main_company").currency.id
    alpha, beta = (
        env["base.company"].create({"name": name, "currency": currency}) for name in ("Alpha", "Beta")
    )
    for firm, company, contacts in (
        ("Alpha Corp", alpha, ("Anna", "Bruno")),
        ("Beta Holding", beta, ("Carla", "Dora")),
    ):
        parent = env["base.partner"].create({"name": firm, "is_company": True, "company": company.id})
        env["base.partner"].create(
            [
                {"name": name, "company": of.id, "parent": parent.id}
                for name, of in zip(contacts, (alpha, beta), strict=True)
            ]
        )
    return {
        "alpha": make_user(env, "alpha_only", companies=[alpha]),
        "beta": make_user(env, "beta_only", companies=[beta]),
    }


def contacts_by_parent():
    """Each company partner's name with its contacts' names, the contacts through an alias."""

    def statement(registry):
        Partner = registry["base.partner"]
        Contact = aliased(Partner, name="contact")
        return (
            select(Partner.name, Contact.name)
            .join(Contact, Contact.parent_id == Partner.id)
            .where(Partner.is_company.is_(True))
            .order_by(Partner.name, Contact.name)
        )

    return statement


def rows(user_env, statement):
    return [tuple(row) for row in user_env.session.execute(statement(user_env.registry))]


def test_a_join_to_an_alias_shows_only_the_rows_the_rule_allows_on_both_sides(env, world):
    with as_user(env, world["alpha"]) as user_env:
        assert rows(user_env, contacts_by_parent()) == [("Alpha Corp", "Anna")]


def test_a_statement_cached_for_one_user_restricts_another_with_their_own_companies(env, world):
    """Same statement, two users: the second run reuses the compiled SQL with its own values."""
    with as_user(env, world["alpha"]) as alpha_env:
        assert rows(alpha_env, contacts_by_parent()) == [("Alpha Corp", "Anna")]
    with as_user(env, world["beta"]) as beta_env:
        assert rows(beta_env, contacts_by_parent()) == [("Beta Holding", "Dora")]


def test_a_correlated_subquery_over_aliases_counts_only_rows_the_rule_allows(env, world):
    """Per company, its partners whose parent the user may see: the parent is a second alias
    joined inside the subquery, so its rule must apply to it there, not to the outer rows."""

    def statement(registry):
        Company, Partner = registry["base.company"], registry["base.partner"]
        Contact, Parent = aliased(Partner, name="contact"), aliased(Partner, name="parent")
        with_visible_parent = (
            select(func.count(Contact.id))
            .join(Parent, Parent.id == Contact.parent_id)
            .where(Contact.company_id == Company.id)
            .scalar_subquery()
        )
        return select(Company.name, with_visible_parent).order_by(Company.name)

    with as_user(env, world["alpha"]) as alpha_env:
        assert rows(alpha_env, statement) == [("Alpha", 1)]  # Anna; Carla's parent is Beta's
    with as_user(env, world["beta"]) as beta_env:
        assert rows(beta_env, statement) == [("Beta", 1)]  # Dora; Bruno's parent is Alpha's


def test_an_uncorrelated_subquery_joining_an_alias_restricts_the_alias_not_the_outer_rows(env, world):
    """The cash flow's shape: the outer query reads the model, a subquery reads it again through
    aliases joined together; the joined alias keeps to its own rows (the subquery stays
    uncorrelated, which is also what keeps it fast)."""

    def statement(registry):
        Partner = registry["base.partner"]
        Contact, Parent = aliased(Partner, name="contact"), aliased(Partner, name="parent")
        of_companies = (
            select(Contact.id).join(Parent, Parent.id == Contact.parent_id).where(Parent.is_company.is_(True))
        )
        return select(Partner.name).where(Partner.id.in_(of_companies)).order_by(Partner.name)

    with as_user(env, world["alpha"]) as alpha_env:
        assert rows(alpha_env, statement) == [("Anna",)]  # Carla's company is Beta's
    with as_user(env, world["beta"]) as beta_env:
        assert rows(beta_env, statement) == [("Dora",)]  # Bruno's company is Alpha's


def test_a_rule_through_a_self_referencing_relation_restricts_each_alias_by_its_own_parent(env, world):
    """The rule's own subquery (``parent.name``) is rewritten onto the alias it restricts."""
    env["base.rule"].create(
        {
            "name": "Top-level partners and Alpha Corp's contacts",
            "model": "base.partner",
            "domain": ["|", ["parent", "not set", 0], ["parent.name", "=", "Alpha Corp"]],
        }
    )
    with as_user(env, world["alpha"]) as alpha_env:
        assert rows(alpha_env, contacts_by_parent()) == [("Alpha Corp", "Anna")]
    with as_user(env, world["beta"]) as beta_env:
        assert rows(beta_env, contacts_by_parent()) == []  # Dora's parent is not Alpha Corp
