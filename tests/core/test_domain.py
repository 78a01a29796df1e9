"""Search domains: every operator, prefix logic, dotted paths, empty values, and clear errors."""

import pytest

from core.errors import DomainError
from core.errors import ValidationError

pytestmark = pytest.mark.addons("orm_orders")


@pytest.fixture
def orders(env):
    """Four orders; the comment on each line is what the tests below rely on."""
    tr = env["base.country"].search([("code", "=", "TR")]).ensure_one()
    acme = env["base.partner"].create({"name": "Acme", "is_company": True, "country": tr.id})
    ann = env["base.partner"].create({"name": "Ann", "parent": acme.id, "email": "ann@acme.test"})
    bob = env["base.partner"].create({"name": "Bob"})
    vip, rush = env["orm_orders.tag"].create([{"name": "vip"}, {"name": "rush"}])
    eur = env["base.currency"].search([("code", "=", "EUR")]).ensure_one()
    usd = env["base.currency"].search([("code", "=", "USD")]).ensure_one()
    created = env["orm_orders.order"].create(
        [
            # SO1: Acme, EUR, priority 1, tagged vip, one Pen line, draft
            {
                "name": "SO1",
                "partner": acme.id,
                "currency": eur.id,
                "priority": 1,
                "note": "50% off",
                "tags": [vip.id],
                "lines": [{"name": "Pen", "quantity": 2, "price": "1.50"}],
            },
            # SO2: Ann (Acme's contact), no currency, no note, no tags, confirmed
            {
                "name": "SO2",
                "partner": ann.id,
                "priority": 2,
                "state": "confirmed",
                "date": "2026-02-01",
                "lines": [{"name": "Ink"}],
            },
            # SO3: Bob, USD, tagged vip and rush, no lines, done
            {
                "name": "SO3",
                "partner": bob.id,
                "currency": usd.id,
                "priority": 3,
                "note": "a_b",
                "tags": [vip.id, rush.id],
                "state": "done",
                "date": "2026-03-01",
            },
            # SO4: Bob, USD, a note that unescaped wildcards would match
            {"name": "SO4", "partner": bob.id, "currency": usd.id, "priority": 4, "note": "axb, 500 off"},
        ]
    )
    return {"orders": created, "acme": acme, "ann": ann, "bob": bob, "vip": vip, "eur": eur}


def found(env, domain):
    return [order.name for order in env["orm_orders.order"].search(domain, order="name")]


# -- comparison operators ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "expected"),
    [
        ([("name", "=", "SO1")], ["SO1"]),
        ([("priority", "!=", 1)], ["SO2", "SO3", "SO4"]),
        ([("priority", "<", 2)], ["SO1"]),
        ([("priority", "<=", 2)], ["SO1", "SO2"]),
        ([("priority", ">", 3)], ["SO4"]),
        ([("priority", ">=", 3)], ["SO3", "SO4"]),
        ([("priority", "in", [1, 3])], ["SO1", "SO3"]),
        ([("state", "not in", ["draft"])], ["SO2", "SO3"]),
        ([("priority", "in", [])], []),
        ([("priority", "not in", [])], ["SO1", "SO2", "SO3", "SO4"]),
    ],
)
def test_comparison_operators(env, orders, domain, expected):
    assert found(env, domain) == expected


def test_values_are_converted_by_the_field_before_comparing(env, orders):
    assert found(env, [("date", ">=", "2026-02-15")]) == ["SO3"]
    assert found(env, [("priority", "=", "2")]) == ["SO2"]


def test_a_many2one_compares_with_an_id_a_record_or_a_name(env, orders):
    assert found(env, [("partner", "=", orders["ann"].id)]) == ["SO2"]
    assert found(env, [("partner", "=", orders["ann"])]) == ["SO2"]
    assert found(env, [("partner", "=", "Ann")]) == ["SO2"]
    assert found(env, [("partner", "ilike", "bo")]) == ["SO3", "SO4"]
    assert found(env, [("partner", "not ilike", "bo")]) == ["SO1", "SO2"]
    assert found(env, [("partner", "like", "bo")]) == []


# -- text matching -------------------------------------------------------------------------


def test_like_matches_a_substring_with_its_case(env, orders):
    assert found(env, [("name", "like", "O3")]) == ["SO3"]
    assert found(env, [("name", "like", "o3")]) == []


def test_ilike_matches_a_substring_in_any_case(env, orders):
    assert found(env, [("name", "ilike", "o3")]) == ["SO3"]


def test_not_like_and_not_ilike_exclude_matches(env, orders):
    assert found(env, [("name", "not like", "SO")]) == []
    assert found(env, [("name", "not ilike", "so1")]) == ["SO2", "SO3", "SO4"]


def test_percent_in_a_like_value_is_a_literal_percent(env, orders):
    assert found(env, [("note", "like", "0% off")]) == ["SO1"]


def test_underscore_in_a_like_value_is_a_literal_underscore(env, orders):
    assert found(env, [("note", "ilike", "a_b")]) == ["SO3"]


def test_backslash_in_a_like_value_is_a_literal_backslash(env, orders):
    orders["orders"][0].write({"note": r"C:\temp"})
    assert found(env, [("note", "like", "\\t")]) == ["SO1"]
    assert found(env, [("note", "like", "\\")]) == ["SO1"]


# -- empty values --------------------------------------------------------------------------


def test_equal_to_none_finds_empty_values(env, orders):
    assert found(env, [("note", "=", None)]) == ["SO2"]
    assert found(env, [("currency", "=", False)]) == ["SO2"]


def test_not_equal_to_none_finds_set_values(env, orders):
    assert found(env, [("note", "!=", None)]) == ["SO1", "SO3", "SO4"]


@pytest.mark.parametrize(
    "domain",
    [
        [("note", "!=", "a_b")],
        [("note", "not in", ["a_b"])],
        [("note", "not like", "a_b")],
        [("note", "not ilike", "A_B")],
    ],
)
def test_negative_operators_match_empty_values(env, orders, domain):
    assert found(env, domain) == ["SO1", "SO2", "SO4"]


def test_negative_many2one_operators_match_records_without_a_reference(env, orders):
    eur = orders["eur"]
    assert found(env, [("currency", "!=", eur.id)]) == ["SO2", "SO3", "SO4"]
    assert found(env, [("currency", "not in", [eur.id])]) == ["SO2", "SO3", "SO4"]


def test_in_and_not_in_with_none_treat_it_as_the_empty_value(env, orders):
    assert found(env, [("note", "in", ["a_b", None])]) == ["SO2", "SO3"]
    assert found(env, [("note", "not in", ["a_b", None])]) == ["SO1", "SO4"]


def test_is_set_and_not_set(env, orders):
    assert found(env, [("note", "is set", True)]) == ["SO1", "SO3", "SO4"]
    assert found(env, [("currency", "not set", True)]) == ["SO2"]
    assert found(env, [("tags", "is set", True)]) == ["SO1", "SO3"]
    assert found(env, [("lines", "not set", True)]) == ["SO3", "SO4"]


def test_ordering_comparisons_with_none_are_refused(env, orders):
    with pytest.raises(DomainError, match="priority: cannot compare with '<' to an empty value"):
        found(env, [("priority", "<", None)])


# -- logic ---------------------------------------------------------------------------------


def test_conditions_in_a_list_are_joined_by_and(env, orders):
    assert found(env, [("priority", ">", 1), ("currency", "!=", False)]) == ["SO3", "SO4"]


def test_or_prefix_takes_the_next_two_operands(env, orders):
    assert found(env, ["|", ("priority", "=", 1), ("priority", "=", 3)]) == ["SO1", "SO3"]


def test_and_prefix_takes_the_next_two_operands(env, orders):
    assert found(env, ["&", ("priority", ">", 1), ("priority", "<", 4)]) == ["SO2", "SO3"]


def test_not_prefix_negates_the_next_operand(env, orders):
    assert found(env, ["!", ("state", "=", "draft")]) == ["SO2", "SO3"]
    assert found(env, ["!", "|", ("priority", "=", 1), ("priority", "=", 2)]) == ["SO3", "SO4"]


def test_prefix_operators_nest(env, orders):
    domain = ["|", "&", ("state", "=", "draft"), ("priority", "=", 1), ("name", "=", "SO3")]
    assert found(env, domain) == ["SO1", "SO3"]


def test_an_empty_domain_matches_everything(env, orders):
    assert found(env, []) == ["SO1", "SO2", "SO3", "SO4"]


# -- dotted paths --------------------------------------------------------------------------


def test_path_through_many2ones(env, orders):
    assert found(env, [("partner.name", "=", "Ann")]) == ["SO2"]
    assert found(env, [("partner.parent.name", "=", "Acme")]) == ["SO2"]
    assert found(env, [("partner.country.code", "=", "TR")]) == ["SO1"]


def test_path_through_a_one2many(env, orders):
    assert found(env, [("lines.name", "=", "Pen")]) == ["SO1"]
    assert found(env, [("lines.subtotal", ">", 2)]) == ["SO1"]


def test_path_through_a_many2many(env, orders):
    assert found(env, [("tags.name", "=", "rush")]) == ["SO3"]
    assert found(env, [("tags", "=", orders["vip"].id)]) == ["SO1", "SO3"]
    assert found(env, [("tags", "!=", orders["vip"].id)]) == ["SO2", "SO4"]


def test_negative_path_conditions_match_what_the_positive_one_does_not(env, orders):
    assert found(env, [("currency.code", "!=", "EUR")]) == ["SO2", "SO3", "SO4"]
    assert found(env, [("tags.name", "!=", "vip")]) == ["SO2", "SO4"]
    assert found(env, [("lines.name", "not ilike", "pen")]) == ["SO2", "SO3", "SO4"]
    assert found(env, [("partner.email", "not set", True)]) == ["SO1", "SO3", "SO4"]


def test_a_related_field_searches_along_its_path(env, orders):
    assert found(env, [("partner_email", "=", "ann@acme.test")]) == ["SO2"]


# -- child_of ------------------------------------------------------------------------------


def test_child_of_on_a_many2one_includes_the_whole_subtree(env, orders):
    assert found(env, [("partner", "child_of", orders["acme"].id)]) == ["SO1", "SO2"]


def test_child_of_on_id_searches_the_tree_itself(env, orders):
    partners = env["base.partner"].search([("id", "child_of", [orders["acme"].id])])
    assert [partner.name for partner in partners] == ["Acme", "Ann"]


def test_child_of_and_id_conditions_take_records_as_well_as_ids(env, orders):
    assert found(env, [("partner", "child_of", orders["acme"])]) == ["SO1", "SO2"]
    assert found(env, [("id", "in", list(orders["orders"][:2]))]) == ["SO1", "SO2"]


def test_child_of_on_a_model_that_is_no_tree_is_refused(env, orders):
    with pytest.raises(DomainError, match="base.currency is not a tree"):
        found(env, [("currency", "child_of", orders["eur"].id)])


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("domain", "message"),
    [
        ([("colour", "=", "red")], "orm_orders.order has no field 'colour'"),
        ([("partner.colour", "=", "red")], "base.partner has no field 'colour' (in 'partner.colour')"),
        ([("name.first", "=", "x")], "orm_orders.order.name is not a relation"),
        ([("name", "==", "SO1")], "Unknown operator '=='"),
        ([("name", "=")], "A condition has three parts"),
        ([(42, "=", "SO1")], "A condition must start with a field name"),
        (["|", ("name", "=", "SO1")], "'|' needs two conditions after it"),
        (["!"], "'!' needs a condition after it"),
        (["name"], "Unexpected 'name' in a domain"),
        ("name = SO1", "A domain is a list of conditions"),
        ([("priority", "in", 3)], "'in' needs a list of values for 'priority'"),
        ([("name", "like", 3)], "'like' needs text for 'name'"),
        ([("priority", "=", "high")], "priority: Enter a whole number."),
        (
            [("line_count", "=", 1)],
            "orm_orders.order.line_count is computed on the fly and cannot be searched",
        ),
        ([("name", "child_of", 1)], "'child_of' applies to a many2one or id"),
        ([("priority", "child_of", 1)], "'child_of' applies to a many2one or id"),
        ([("priority", "like", "1")], "'like' matches text; 'priority' is not a text field"),
    ],
)
def test_a_wrong_domain_raises_domain_error_saying_what_is_wrong(env, domain, message):
    with pytest.raises(DomainError) as caught:
        env["orm_orders.order"].search(domain)
    assert message in caught.value.message


def test_search_count_validates_the_domain_too(env):
    with pytest.raises(DomainError, match="has no field 'colour'"):
        env["orm_orders.order"].search_count([("colour", "=", "red")])


def test_sorting_by_a_field_of_the_record_a_many2one_points_at(env):
    """``parent.name`` sorts by the parent's name; records without one come last (first when descending)."""
    zoe, adam = env["base.partner"].create([{"name": "Zoe Ltd"}, {"name": "Adam Ltd"}])
    staff = env["base.partner"].create(
        [
            {"name": "sortprobe 1", "parent": zoe.id},
            {"name": "sortprobe 2", "parent": adam.id},
            {"name": "sortprobe 3"},
        ]
    )
    domain = [("id", "in", staff.ids)]
    ascending = env["base.partner"].search(domain, order="parent.name, id")
    assert [p.name for p in ascending] == ["sortprobe 2", "sortprobe 1", "sortprobe 3"]
    descending = env["base.partner"].search(domain, order="parent.name desc")
    assert [p.name for p in descending] == ["sortprobe 3", "sortprobe 1", "sortprobe 2"]


@pytest.mark.parametrize("order", ["parent.parent.name", "parent.nope", "name.parent", "parent.category_ids"])
def test_sorting_by_a_path_that_is_not_one_many2one_then_a_plain_field_is_refused(env, order):
    with pytest.raises(ValidationError):
        env["base.partner"].search([], order=order)
