"""Products and categories: the tree, references, and who may read what a product costs."""

import decimal

import pytest

from core.errors import AccessError
from core.errors import ValidationError
from core.testing import as_user
from core.testing import make_user

pytestmark = pytest.mark.addons("product")


@pytest.fixture
def machines(env):
    root = env["product.category"].create({"name": "All"})
    return env["product.category"].create({"name": "Machines", "parent": root.id})


def test_a_category_spells_its_path(env, machines):
    parts = env["product.category"].create({"name": "Spare parts", "parent": machines.id})
    assert parts.complete_name == "All / Machines / Spare parts"


def test_a_category_cannot_be_its_own_ancestor(env, machines):
    with pytest.raises(ValidationError):
        machines.parent.write({"parent": machines.id})
        env.flush()


def test_a_product_defaults_to_the_company_currency_and_units(env, machines):
    product = env["product.product"].create(
        {"name": "Lathe", "default_code": "T-400", "category": machines.id, "sale_price": "1380000"}
    )
    assert product.currency == env.ref("base.main_company").currency
    assert product.uom == env.ref("base.uom_unit")
    assert product.display_name == "[T-400] Lathe"
    assert product.sale_price == decimal.Decimal("1380000")


def test_products_of_a_branch_are_found_with_child_of(env, machines):
    parts = env["product.category"].create({"name": "Spare parts", "parent": machines.id})
    env["product.product"].create([{"name": "Filter", "category": parts.id}, {"name": "Paper"}])
    found = env["product.product"].search([("category", "child_of", machines.parent.id)])
    assert [product.name for product in found] == ["Filter"]


def test_the_cost_is_hidden_from_users_who_do_not_read_costs(env):
    product = env["product.product"].create({"name": "Sensor", "sale_price": "38.50", "cost": "14.20"})
    clerk = make_user(env, "clerk")
    reader = make_user(env, "reader", groups=["product.group_cost_reader"])
    with as_user(env, clerk) as clerk_env:
        [row] = clerk_env["product.product"].search_read([("id", "=", product.id)])
        assert "cost" not in row and row["sale_price"] == "38.50"
        with pytest.raises(AccessError):
            clerk_env["product.product"].get(product.id).read(["cost"])
    with as_user(env, reader) as reader_env:
        assert reader_env["product.product"].get(product.id).read(["cost"])["cost"] == "14.20"
