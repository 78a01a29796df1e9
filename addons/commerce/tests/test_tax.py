"""Taxes as records: groups hold plain taxes, products take taxes of the right scope, who may edit them."""

import pytest

from core.errors import AccessError
from core.errors import ConflictError
from core.errors import ValidationError
from core.testing import as_user
from core.testing import make_user

pytestmark = pytest.mark.addons("commerce")


def test_a_group_needs_taxes(make_tax):
    with pytest.raises(ValidationError) as error:
        make_tax("Empty group", amount_type="group")
    assert error.value.fields == {"children": "Add the taxes of the group."}


def test_a_group_cannot_contain_a_group(make_tax, vat20):
    inner = make_tax("Inner", amount_type="group", children=[vat20.id])
    with pytest.raises(ValidationError) as error:
        make_tax("Outer", amount_type="group", children=[inner.id, vat20.id])
    assert error.value.fields == {"children": "A group cannot contain a group."}


def test_only_a_group_contains_taxes(make_tax, vat20):
    with pytest.raises(ValidationError) as error:
        make_tax("Not a group", 5, children=[vat20.id])
    assert error.value.fields == {"children": "Only a group of taxes contains taxes."}


def test_a_tax_amount_cannot_be_negative(make_tax):
    with pytest.raises(ConflictError, match="cannot be negative"):
        make_tax("Rebate", -5)


def test_a_product_takes_customer_taxes_for_sales_and_vendor_taxes_for_purchases(env, make_tax, vat20):
    input_vat = make_tax("Input VAT 20%", 20, scope="purchase")
    product = env["product.product"].create(
        {"name": "Drill", "taxes": [vat20.id], "supplier_taxes": [input_vat.id]}
    )
    assert (list(product.taxes), list(product.supplier_taxes)) == ([vat20], [input_vat])
    with pytest.raises(ValidationError) as error:
        product.write({"taxes": [input_vat.id], "supplier_taxes": [vat20.id]})
        env.flush()
    assert error.value.fields == {
        "taxes": "Only taxes used in “Sales” fit here, not Input VAT 20%.",
        "supplier_taxes": "Only taxes used in “Purchases” fit here, not VAT 20%.",
    }


def test_companies_round_per_line_unless_set_otherwise(env):
    assert env.ref("base.main_company").tax_rounding == "per_line"


def test_employees_read_taxes_and_commerce_managers_maintain_them(env, vat20):
    employee = make_user(env, "emre")
    manager = make_user(env, "mine", groups=["commerce.group_manager"])
    with as_user(env, employee) as employee_env:
        assert employee_env["commerce.tax"].get(vat20.id).name == "VAT 20%"
        with pytest.raises(AccessError):
            employee_env["commerce.tax"].create({"name": "Mine", "amount": "1"})
    with as_user(env, manager) as manager_env:
        manager_env["commerce.tax"].get(vat20.id).write({"amount": "18"})
        manager_env["commerce.tax"].create({"name": "KDV %10", "amount": "10"})
        manager_env.flush()


def test_users_see_the_shared_taxes_and_those_of_their_companies(env, make_tax, vat20):
    other = env["base.company"].create({"name": "Other Co", "currency": env.ref("base.currency_eur").id})
    theirs = make_tax("Their VAT", 25, company=other.id)
    with as_user(env, make_user(env, "emre")) as user_env:
        found = user_env["commerce.tax"].search([("id", "in", [vat20.id, theirs.id])])
        assert list(found.ids) == [vat20.id]
