"""Units of measure convert within their category, rounded to a multiple of the target's rounding."""

import decimal

import pytest

from core.errors import UserError

D = decimal.Decimal


def test_dozens_convert_to_whole_units_and_back(env):
    dozen, unit = env.ref("base.uom_dozen"), env.ref("base.uom_unit")
    assert dozen.convert(D("2"), unit) == D("24")
    assert unit.convert(D("30"), dozen) == D("2.50")


def test_a_rounding_that_is_not_a_power_of_ten_rounds_to_its_multiples(env):
    unit = env.ref("base.uom_unit")
    crate = env["base.uom"].create(
        {"name": "Half crates", "category": unit.category.id, "factor": "1", "rounding": "0.5"}
    )
    assert unit.convert(D("2.3"), crate) == D("2.5")
    assert unit.convert(D("2.2"), crate) == D("2.0")


def test_units_of_different_categories_do_not_convert(env):
    with pytest.raises(UserError):
        env.ref("base.uom_unit").convert(D("1"), env.ref("base.uom_kg"))
