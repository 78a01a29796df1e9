"""Record rules: a user allowed in company Alpha only never meets a partner of company Beta,
whichever way they read, and cannot change, delete or create one either."""

from decimal import Decimal

import pytest

from core.errors import AccessError
from core.errors import MissingError
from core.errors import ValidationError
from core.testing import as_user
from core.testing import make_user


@pytest.fixture
def world(env):
    """Companies Alpha and Beta, partners in each and shared, and a user allowed in Alpha only."""
    currency = env.ref("base.main_company").currency
    alpha = env["base.company"].create({"name": "Alpha", "currency": currency.id})
    beta = env["base.company"].create({"name": "Beta", "currency": currency.id})
    partner = env["base.partner"]
    alpha_co = partner.create({"name": "Alpha Corp", "is_company": True, "company": alpha.id})
    beta_co = partner.create({"name": "Secret Beta Holding", "is_company": True, "company": beta.id})
    shared = partner.create({"name": "Shared Supplier"})
    # A contact in Alpha working for Beta's company, and one in Beta working for Alpha's.
    anna = partner.create({"name": "Anna", "company": alpha.id, "parent": beta_co.id, "city": "Ankara"})
    bruno = partner.create(
        {"name": "Secret Bruno", "company": beta.id, "parent": alpha_co.id, "city": "Bern"}
    )
    user = make_user(env, "alpha_only", companies=[alpha])
    return {
        "alpha": alpha,
        "beta": beta,
        "alpha_co": alpha_co,
        "beta_co": beta_co,
        "shared": shared,
        "anna": anna,
        "bruno": bruno,
        "user": user,
    }


def allowed_ids(env, companies):
    """Ids of every active partner the rule lets a user of ``companies`` see, read as the system."""
    ids = {company.id for company in companies}
    return {p.id for p in env["base.partner"].search([]) if p.company is None or p.company.id in ids}


def beta_ids(env, world):
    return {p.id for p in env["base.partner"].search([("company", "=", world["beta"].id)])}


# -- reading ---------------------------------------------------------------------------------


def test_search_returns_partners_of_my_companies_and_shared_ones_only(env, world):
    expected = allowed_ids(env, [world["alpha"]])
    with as_user(env, world["user"]) as user_env:
        assert set(user_env["base.partner"].search([]).ids) == expected
        assert set(user_env["base.partner"].search([("name", "ilike", "secret")]).ids) == set()


def test_search_count_counts_only_visible_partners(env, world):
    expected = allowed_ids(env, [world["alpha"]])
    with as_user(env, world["user"]) as user_env:
        assert user_env["base.partner"].search_count([]) == len(expected)
        assert user_env["base.partner"].search_count([("company", "=", world["beta"].id)]) == 0


def test_search_read_returns_no_partner_of_another_company(env, world):
    expected = allowed_ids(env, [world["alpha"]])
    with as_user(env, world["user"]) as user_env:
        rows = user_env["base.partner"].search_read([], ["name", "company", "parent", "contacts"])
    assert {row["id"] for row in rows} == expected
    assert "Secret" not in repr(rows)
    assert world["bruno"].id not in {i for row in rows for i in row["contacts"]}


def test_read_group_has_no_group_for_another_company_and_counts_only_visible(env, world):
    expected = allowed_ids(env, [world["alpha"]])
    with as_user(env, world["user"]) as user_env:
        groups = user_env["base.partner"].read_group([], ["company"])
        by_city = user_env["base.partner"].read_group([], ["city"])
    assert world["beta"].id not in [g["company"]["id"] for g in groups if g["company"]]
    assert sum(g["__count"] for g in groups) == len(expected)
    assert "Bern" not in [g["city"] for g in by_city]


def test_browse_of_a_hidden_partner_is_missing(env, world):
    with as_user(env, world["user"]) as user_env:
        with pytest.raises(MissingError) as caught:
            user_env["base.partner"].browse([world["bruno"].id])
        assert "Secret" not in caught.value.message
        assert user_env["base.partner"].browse([world["anna"].id])[0].name == "Anna"


def test_many2one_to_a_hidden_partner_reads_as_empty_and_never_shows_its_name(env, world):
    with as_user(env, world["user"]) as user_env:
        anna = user_env["base.partner"].browse([world["anna"].id])[0]
        assert anna.parent is None
        assert anna.read(["name", "parent"]) == {"id": world["anna"].id, "name": "Anna", "parent": None}
        [row] = user_env["base.partner"].search_read([("id", "=", world["anna"].id)], ["parent"])
        assert row["parent"] is None
        grouped = user_env["base.partner"].read_group([("id", "=", world["anna"].id)], ["parent"])
        assert "Secret" not in repr(grouped)


def test_one2many_lists_only_visible_records(env, world):
    with as_user(env, world["user"]) as user_env:
        alpha_co = user_env["base.partner"].browse([world["alpha_co"].id])[0]
        assert list(alpha_co.contacts) == []
        [row] = user_env["base.partner"].search_read([("id", "=", world["alpha_co"].id)], ["contacts"])
        assert row["contacts"] == []


@pytest.mark.parametrize(
    "domain",
    [
        [("parent.name", "=", "Secret Beta Holding")],
        [("parent", "ilike", "Secret")],
        [("parent.city", "not set", None), ("parent", "is set", None), ("parent.name", "ilike", "Beta")],
        [("contacts.name", "=", "Secret Bruno")],
        [("contacts", "ilike", "Bruno")],
        [("contacts", "is set", None), ("is_company", "=", True)],
        [("contacts.city", "=", "Bern")],
        [("company.name", "=", "Beta")],
    ],
    ids=lambda domain: repr(domain),
)
def test_domains_through_relations_never_match_on_hidden_records(env, world, domain):
    """Otherwise searching would tell whether a hidden record with that name exists."""
    with as_user(env, world["user"]) as user_env:
        assert user_env["base.partner"].search(domain).ids == ()
        assert user_env["base.partner"].search_count(domain) == 0
        assert user_env["base.partner"].search_read(domain, ["name"]) == []
        assert user_env["base.partner"].read_group(domain, []) == [] or (
            user_env["base.partner"].read_group(domain, [])[0]["__count"] == 0
        )


def test_negative_domains_through_relations_match_as_if_hidden_records_did_not_exist(env, world):
    with as_user(env, world["user"]) as user_env:
        found = user_env["base.partner"].search([("contacts.name", "!=", "Secret Bruno")])
        assert world["alpha_co"].id in found.ids


def test_companies_outside_mine_are_hidden(env, world):
    with as_user(env, world["user"]) as user_env:
        assert [c.name for c in user_env["base.company"].search([])] == ["Alpha"]
        with pytest.raises(MissingError):
            user_env["base.company"].browse([world["beta"].id])


# -- writing ---------------------------------------------------------------------------------


def hidden_records(user_env, ids):
    """Records the rules hide, fetched as the system into the user's session (as code calling
    ``sudo()`` would), to check that changing them as the user is refused."""
    with user_env.sudo():
        return user_env["base.partner"].browse(ids)


def test_write_of_a_hidden_partner_is_refused(env, world):
    with as_user(env, world["user"]) as user_env:
        [bruno] = hidden_records(user_env, [world["bruno"].id])
        bruno.write({"city": "Basel"})
        with pytest.raises(AccessError) as caught:
            user_env.flush()
    assert "Partner" in caught.value.message and "change" in caught.value.message
    assert "Bern" not in caught.value.message and "Basel" not in caught.value.message
    assert env["base.partner"].browse([world["bruno"].id])[0].city == "Bern"


def test_batch_write_including_a_hidden_partner_is_refused(env, world):
    with as_user(env, world["user"]) as user_env:
        records = hidden_records(user_env, [world["anna"].id, world["bruno"].id])
        with pytest.raises(AccessError):
            records.write({"city": "Basel"})
    assert {p.city for p in env["base.partner"].browse([world["anna"].id, world["bruno"].id])} == {
        "Ankara",
        "Bern",
    }


def test_write_of_a_visible_partner_is_allowed(env, world):
    with as_user(env, world["user"]) as user_env:
        user_env["base.partner"].browse([world["anna"].id]).write({"city": "Adana"})
        user_env.flush()
        user_env.session.commit()
    assert env["base.partner"].browse([world["anna"].id])[0].city == "Adana"


@pytest.fixture
def unlocked_only(env):
    """A write rule for internal users: partners in the city "Locked" cannot be changed."""
    return env["base.rule"].create(
        {
            "name": "Locked partners stay locked",
            "model": "base.partner",
            "groups": [env.ref("base.group_user").id],
            "domain": [["city", "!=", "Locked"]],
            "on_read": False,
            "on_create": False,
            "on_delete": False,
        }
    )


def test_a_change_that_takes_a_record_out_of_the_write_rules_is_refused(env, world, unlocked_only):
    with as_user(env, world["user"]) as user_env:
        anna = user_env["base.partner"].browse([world["anna"].id])
        with pytest.raises(AccessError):
            anna.write({"city": "Locked"})
            user_env.flush()
    assert env["base.partner"].browse([world["anna"].id])[0].city == "Ankara"


def test_a_batch_change_that_takes_records_out_of_the_write_rules_is_refused(env, world, unlocked_only):
    ids = [world["anna"].id, world["alpha_co"].id]
    with as_user(env, world["user"]) as user_env:
        with pytest.raises(AccessError):
            user_env["base.partner"].browse(ids).write({"city": "Locked"})
    assert "Locked" not in {p.city for p in env["base.partner"].browse(ids)}


def test_unlink_of_a_hidden_partner_is_refused(env, world):
    with as_user(env, world["user"]) as user_env:
        [bruno] = hidden_records(user_env, [world["bruno"].id])
        bruno.unlink()
        with pytest.raises(AccessError):
            user_env.flush()


def test_batch_unlink_including_a_hidden_partner_is_refused(env, world):
    shared_two = env["base.partner"].create({"name": "Shared Two"})
    with as_user(env, world["user"]) as user_env:
        records = hidden_records(user_env, [shared_two.id, world["bruno"].id])
        with pytest.raises(AccessError):
            records.unlink()
    assert env["base.partner"].search_count([("id", "in", [shared_two.id, world["bruno"].id])]) == 2


def test_create_in_a_forbidden_company_is_refused_by_the_create_rule(env, world):
    with as_user(env, world["user"]) as user_env:
        with user_env.sudo():
            [beta] = user_env["base.company"].browse([world["beta"].id])
        with pytest.raises(AccessError) as caught:
            user_env["base.partner"].create({"name": "Smuggled", "company": beta})
        assert "Smuggled" not in caught.value.message
    assert env["base.partner"].search_count([("name", "=", "Smuggled")]) == 0


def test_batch_create_with_one_partner_in_a_forbidden_company_is_refused(env, world):
    with as_user(env, world["user"]) as user_env:
        with user_env.sudo():
            [beta] = user_env["base.company"].browse([world["beta"].id])
        with pytest.raises(AccessError):
            user_env["base.partner"].create(
                [{"name": "Fine", "company": world["alpha"].id}, {"name": "Smuggled", "company": beta}]
            )
    assert env["base.partner"].search_count([("name", "in", ["Fine", "Smuggled"])]) == 0


def test_create_naming_a_hidden_company_by_id_is_refused(env, world):
    with as_user(env, world["user"]) as user_env:
        with pytest.raises((AccessError, ValidationError)) as caught:
            user_env["base.partner"].create({"name": "Smuggled", "company": world["beta"].id})
        assert "Beta" not in caught.value.message


def test_create_in_my_company_is_allowed(env, world):
    with as_user(env, world["user"]) as user_env:
        created = user_env["base.partner"].create(
            [{"name": "Fine", "company": world["alpha"].id}, {"name": "Also fine"}]
        )
        assert len(created) == 2


# -- how rules combine -----------------------------------------------------------------------


def add_rule(env, name, domain, groups=(), **flags):
    return env["base.rule"].create(
        {
            "name": name,
            "model": "base.partner",
            "domain": domain,
            "groups": [env.ref(group).id for group in groups],
            **flags,
        }
    )


def test_global_rules_must_all_hold(env, world):
    add_rule(env, "Not in Ankara", [["city", "!=", "Ankara"]])
    expected = allowed_ids(env, [world["alpha"]]) - {world["anna"].id}
    with as_user(env, world["user"]) as user_env:
        assert set(user_env["base.partner"].search([]).ids) == expected


def test_group_rules_of_my_groups_are_alternatives(env, world):
    env["base.partner"].browse([world["shared"].id]).write({"ref": "X"})
    env["base.partner"].browse([world["alpha_co"].id]).write({"ref": "Y"})
    add_rule(env, "Refs X", [["ref", "=", "X"]], groups=["base.group_user"])
    add_rule(env, "Refs Y", [["ref", "=", "Y"]], groups=["base.group_user"])
    add_rule(env, "Not mine: nothing", [["id", "=", 0]], groups=["base.group_system"])
    with as_user(env, world["user"]) as user_env:
        assert set(user_env["base.partner"].search([]).ids) == {world["shared"].id, world["alpha_co"].id}


def test_a_rule_limited_to_writing_leaves_reading_alone(env, world):
    add_rule(env, "Read-only Ankara", [["city", "!=", "Ankara"]], on_read=False, on_create=False)
    with as_user(env, world["user"]) as user_env:
        [anna] = user_env["base.partner"].browse([world["anna"].id])
        anna.write({"phone": "+90 312"})
        with pytest.raises(AccessError):
            user_env.flush()


def test_inactive_rules_do_not_apply(env, world):
    add_rule(env, "Off", [["id", "=", 0]], active=False)
    with as_user(env, world["user"]) as user_env:
        assert set(user_env["base.partner"].search([]).ids) == allowed_ids(env, [world["alpha"]])


# -- the system and administrators -----------------------------------------------------------


def test_sudo_sees_everything(env, world):
    with as_user(env, world["user"]) as user_env:
        with user_env.sudo():
            assert beta_ids(env, world) <= set(user_env["base.partner"].search([]).ids)
            assert user_env["base.partner"].search_count([]) == env["base.partner"].search_count([])
            assert world["bruno"].id in {
                row["id"] for row in user_env["base.partner"].search_read([], ["name"])
            }
        assert world["bruno"].id not in user_env["base.partner"].search([]).ids


def test_a_user_allowed_in_both_companies_sees_both(env, world):
    both = make_user(env, "both", companies=[world["alpha"], world["beta"]])
    with as_user(env, both) as user_env:
        assert set(user_env["base.partner"].search([]).ids) == allowed_ids(
            env, [world["alpha"], world["beta"]]
        )


def test_an_administrator_sees_every_company(env, world):
    admin = make_user(env, "boss", ("base.group_system",), companies=[world["alpha"]])
    everything = set(env["base.company"].search([]).ids)
    with as_user(env, admin) as user_env:
        assert set(user_env["base.company"].search([]).ids) == everything
        assert user_env["base.company"].search_count([]) == len(everything)


def test_an_administrator_in_every_company_sees_every_partner(env, world):
    companies = list(env["base.company"].search([]))
    admin = make_user(env, "boss", ("base.group_system",), companies=companies)
    with as_user(env, admin) as user_env:
        assert set(user_env["base.partner"].search([]).ids) == set(env["base.partner"].search([]).ids)


def test_a_refused_batch_leaves_nothing_behind_even_if_the_caller_commits(env, world, unlocked_only):
    ids = [world["anna"].id, world["alpha_co"].id]
    with as_user(env, world["user"]) as user_env:
        with pytest.raises(AccessError):
            user_env["base.partner"].browse(ids).write({"city": "Locked"})
        user_env.session.commit()
    assert "Locked" not in {p.city for p in env["base.partner"].browse(ids)}


@pytest.mark.addons("orm_orders")
def test_stored_computations_see_rows_the_user_may_not(env, world):
    group = env.ref("base.group_user")
    for model in ("orm_orders.order", "orm_orders.order_line"):
        env["base.access"].create(
            {"model": model, "group": group.id, "can_read": True, "can_write": True, "can_create": True}
        )
    env["base.rule"].create(
        {"name": "Lines below 100 only", "model": "orm_orders.order_line", "domain": [["sequence", "<", 100]]}
    )
    order = env["orm_orders.order"].create(
        {
            "name": "SO1",
            "partner": world["alpha_co"].id,
            "lines": [
                {"name": "Visible", "sequence": 10, "price": "10"},
                {"name": "Hidden", "sequence": 100, "price": "100"},
            ],
        }
    )
    assert order.total == Decimal("110.00")
    with as_user(env, world["user"]) as user_env:
        [visible] = user_env["orm_orders.order"].browse([order.id])[0].lines
        visible.write({"price": "20"})
        user_env.flush()
        user_env.session.commit()
    assert env["orm_orders.order"].browse([order.id])[0].total == Decimal("120.00")


@pytest.mark.parametrize("stamp", ["created_at", "updated_at", "created_by", "updated_by"])
def test_users_cannot_forge_who_created_or_changed_a_record(env, world, stamp):
    value = "2001-01-01T00:00:00+00:00" if stamp.endswith("_at") else world["user"].id
    with as_user(env, world["user"]) as user_env:
        anna = user_env["base.partner"].browse([world["anna"].id])[0]
        with pytest.raises(ValidationError) as refused:
            anna.write({stamp: value})
        assert refused.value.fields == {stamp: "Set by the system."}
        with pytest.raises(ValidationError):
            user_env["base.partner"].create({"name": "Forged", stamp: value})


def test_a_user_cannot_link_a_record_to_one_they_may_not_read(env, world):
    hidden = world["beta_co"].id
    with as_user(env, world["user"]) as user_env, pytest.raises(ValidationError) as refused:
        user_env["base.partner"].create({"name": "Mole", "parent": hidden})
    assert refused.value.fields == {"parent": f"No base.partner record with id {hidden}."}  # as if absent
