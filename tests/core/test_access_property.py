"""Property: whatever the data, the user's companies and the query, every read path returns
exactly the rows the multi-company rule allows (the user's companies, or shared), never another.

Partners are spread at random over three companies (or none); the user is allowed
in a random non-empty subset; domains, orders, limits and offsets come from a
small grammar. The expected rows are the system's answer filtered in Python.
"""

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from core.testing import as_user

NAMES = ("Ada", "Bora", "Cem", "Dilek", "Ece")
CITIES = ("İzmir", "Bern", "Köln", None)
ORDERS = ("id", "id desc", "name, id", "city desc, id", "company, name desc, id")


@pytest.fixture
def companies(env):
    currency = env.ref("base.main_company").currency
    return [env["base.company"].create({"name": f"Company {i}", "currency": currency.id}) for i in range(3)]


# -- the grammar ------------------------------------------------------------------------------

company_index = st.sampled_from([0, 1, 2])


def leaves(relations):
    plain = [
        st.tuples(st.just("name"), st.sampled_from(["ilike", "=", "!="]), st.sampled_from(NAMES)),
        st.tuples(st.just("city"), st.sampled_from(["=", "!="]), st.sampled_from(CITIES[:-1])),
        st.tuples(st.just("city"), st.sampled_from(["is set", "not set"]), st.none()),
        st.tuples(st.just("is_company"), st.just("="), st.booleans()),
        st.tuples(st.just("company"), st.sampled_from(["in", "not in"]), st.lists(company_index, max_size=3)),
        st.tuples(st.just("company"), st.sampled_from(["=", "!="]), company_index),
        st.tuples(st.just("company"), st.sampled_from(["is set", "not set"]), st.none()),
    ]
    related = [
        st.tuples(st.just("parent.name"), st.sampled_from(["ilike", "!="]), st.sampled_from(NAMES)),
        st.tuples(st.just("parent.company"), st.just("="), company_index),
        st.tuples(st.just("contacts.city"), st.just("="), st.sampled_from(CITIES[:-1])),
        st.tuples(st.just("contacts"), st.sampled_from(["is set", "not set"]), st.none()),
    ]
    return st.one_of(*plain, *(related if relations else []))


def domains(relations):
    """Prefix-notation domains: ``"|"``, ``"&"`` and ``"!"`` over leaves, and implicit AND at the top."""
    trees = st.recursive(
        leaves(relations).map(lambda term: [list(term)]),
        lambda inner: st.one_of(
            st.tuples(inner, inner).map(lambda pair: ["|", *pair[0], *pair[1]]),
            st.tuples(inner, inner).map(lambda pair: ["&", *pair[0], *pair[1]]),
            inner.map(lambda term: ["!", *term]),
        ),
        max_leaves=4,
    )
    return st.lists(trees, max_size=2).map(lambda terms: [item for term in terms for item in term])


partners = st.lists(
    st.fixed_dictionaries(
        {
            "company": st.sampled_from([0, 1, 2, None]),
            "name": st.sampled_from(NAMES),
            "city": st.sampled_from(CITIES),
            "is_company": st.booleans(),
            "parent": st.none() | st.integers(min_value=0, max_value=20),
        }
    ),
    max_size=12,
)


def resolve(domain, companies):
    """The domain with company indexes replaced by the companies' ids."""
    resolved = []
    for term in domain:
        if isinstance(term, list) and term[0] in ("company", "parent.company") and term[2] is not None:
            value = term[2]
            ids = [companies[i].id for i in value] if isinstance(value, list) else companies[value].id
            resolved.append([term[0], term[1], ids])
        else:
            resolved.append(term)
    return resolved


def create_partners(env, companies, specs):
    created = []
    for spec in specs:
        parent = spec["parent"]
        vals = {
            "name": spec["name"],
            "city": spec["city"],
            "is_company": spec["is_company"],
            "company": None if spec["company"] is None else companies[spec["company"]].id,
            "parent": created[parent % len(created)].id if parent is not None and created else None,
        }
        created.append(env["base.partner"].create(vals))
    return created


def check_every_read_path(env, companies, specs, allowed, domain, order, limit, offset, *, exact):
    nested = env.session.begin_nested()
    try:
        create_partners(env, companies, specs)
        allowed_ids = sorted(companies[i].id for i in allowed)
        user = env["base.user"].create(
            {
                "login": "prop",
                "name": "Prop",
                "company": allowed_ids[0],
                "companies": allowed_ids,
                "groups": [env.ref("base.group_user").id],
            }
        )
        domain = resolve(domain, companies)
        permitted = {
            p.id for p in env["base.partner"].search([]) if p.company is None or p.company.id in allowed_ids
        }
        every = [i for i in env["base.partner"].search(domain, order=order).ids if i in permitted]
        page = every[offset:][:limit] if limit is not None else every[offset:]
        with as_user(env, user) as user_env:
            model = user_env["base.partner"]
            found = list(model.search(domain, order=order, limit=limit, offset=offset).ids)
            unpaged = model.search(domain, order=order).ids
            count = model.search_count(domain)
            rows = model.search_read(domain, ["name", "company"], order=order, limit=limit, offset=offset)
            by_company = model.read_group(domain, ["company"])
            by_city = model.read_group(domain, ["city", "is_company"])
        assert count == len(unpaged)
        assert found == (list(unpaged[offset:][:limit]) if limit is not None else list(unpaged[offset:]))
        for ids in (found, [row["id"] for row in rows]):
            assert set(ids) <= permitted
        assert all(row["company"] is None or row["company"]["id"] in allowed_ids for row in rows)
        assert all(g["company"] is None or g["company"]["id"] in allowed_ids for g in by_company)
        assert sum(g["__count"] for g in by_company) == count
        assert sum(g["__count"] for g in by_city) == count
        assert [row["id"] for row in rows] == found
        if exact:
            assert found == page
            assert count == len(every)
    finally:
        nested.rollback()


SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
QUERY = {
    "specs": partners,
    "allowed": st.sets(company_index, min_size=1),
    "order": st.sampled_from(ORDERS),
    "limit": st.none() | st.integers(min_value=0, max_value=6),
    "offset": st.integers(min_value=0, max_value=4),
}


@SETTINGS
@given(domain=domains(relations=False), **QUERY)
def test_every_read_path_returns_exactly_the_rows_the_rule_allows(
    env, companies, specs, allowed, domain, order, limit, offset
):
    check_every_read_path(env, companies, specs, allowed, domain, order, limit, offset, exact=True)


@SETTINGS
@given(domain=domains(relations=True), **QUERY)
def test_domains_through_relations_never_return_a_row_outside_the_rule(
    env, companies, specs, allowed, domain, order, limit, offset
):
    """Through relations, hidden related records do not count (so a negation may match more
    than the system's answer filtered by the rule): the rows still all lie inside the rule,
    and every path agrees with the others."""
    check_every_read_path(env, companies, specs, allowed, domain, order, limit, offset, exact=False)
