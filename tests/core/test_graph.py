"""Dependency resolution: install order, and one clear error for every way it can fail."""

from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version
from sqlalchemy import inspect

from core.errors import ConfigError
from core.loader.graph import dependents
from core.loader.graph import resolve
from core.loader.lifecycle import install
from core.loader.manifest import AddonManifest


def manifest(name, *depends, version="1.0.0", extras=()):
    return AddonManifest(
        name=name,
        version=Version(version),
        summary=name,
        path=Path("/nowhere") / name,
        depends=tuple(Requirement(item) for item in depends),
        extras=tuple(extras),
    )


def addons(*manifests):
    return {item.name: item for item in (manifest("base"), *manifests)}


def names(manifests):
    return [item.name for item in manifests]


def test_dependencies_come_before_their_dependents():
    available = addons(manifest("sales", "crm"), manifest("crm", "base"), manifest("stock"))

    order = names(resolve(["sales", "stock"], available))

    assert order[0] == "base"
    assert order.index("crm") < order.index("sales")
    assert set(order) == {"base", "crm", "sales", "stock"}


def test_an_installed_extra_comes_first_and_a_missing_one_is_ignored():
    available = addons(manifest("crm", extras=["sales"]), manifest("sales"))

    assert names(resolve(["crm", "sales"], available)) == ["base", "sales", "crm"]
    assert names(resolve(["crm"], available)) == ["base", "crm"]


def test_a_satisfied_version_requirement_resolves():
    available = addons(manifest("crm", "sales>=1.2,<2"), manifest("sales", version="1.4.0"))

    assert names(resolve(["crm"], available)) == ["base", "sales", "crm"]


def test_a_missing_dependency_names_the_addon_that_needs_it():
    available = addons(manifest("crm", "sales"))

    with pytest.raises(ConfigError, match="^addon crm depends on sales, which is not on the addons paths$"):
        resolve(["crm"], available)


def test_an_unknown_addon_is_named():
    with pytest.raises(ConfigError, match="^addon nowhere is not on the addons paths$"):
        resolve(["nowhere"], addons())


def test_every_missing_dependency_is_reported_in_one_error():
    available = addons(manifest("crm", "sales", "mail"), manifest("helpdesk", "mail"))

    with pytest.raises(ConfigError) as error:
        resolve(["crm", "helpdesk"], available)

    assert error.value.message == (
        "addons crm, helpdesk depend on mail, which is not on the addons paths; "
        "addon crm depends on sales, which is not on the addons paths"
    )


def test_a_cycle_is_named_from_end_to_end():
    available = addons(manifest("a", "b"), manifest("b", "c"), manifest("c", "a"))

    with pytest.raises(ConfigError, match="^addons depend on each other in a cycle: ") as error:
        resolve(["a"], available)

    cycle = error.value.message.split(": ", 1)[1].split(" -> ")
    assert cycle[0] == cycle[-1]
    assert set(cycle) == {"a", "b", "c"}


def test_a_wrong_version_names_the_requirement_and_the_version_found():
    available = addons(manifest("crm", "sales>=2"), manifest("sales", version="1.4.0"))

    with pytest.raises(ConfigError, match=r"^addon crm needs sales>=2, but sales is version 1\.4\.0$"):
        resolve(["crm"], available)


def test_every_wrong_version_is_reported_in_one_error():
    available = addons(
        manifest("crm", "sales>=2"), manifest("stock", "sales<1"), manifest("sales", version="1.4.0")
    )

    with pytest.raises(ConfigError) as error:
        resolve(["crm", "stock"], available)

    assert error.value.message == (
        "addon crm needs sales>=2, but sales is version 1.4.0; "
        "addon stock needs sales<1, but sales is version 1.4.0"
    )


def test_dependents_are_found_transitively():
    available = addons(manifest("crm"), manifest("sales", "crm"), manifest("pos", "sales"), manifest("stock"))

    assert dependents("crm", ["base", "crm", "sales", "pos", "stock"], available) == ["pos", "sales"]
    assert dependents("crm", ["base", "crm", "stock"], available) == []


@pytest.mark.parametrize(
    ("addon", "message"),
    [
        ("life_orphan", "addon life_orphan depends on life_nowhere, which is not on the addons paths"),
        ("life_cycle_a", "addons depend on each other in a cycle: life_cycle_"),
        ("life_needs_new", "addon life_needs_new needs life_points>=9, but life_points is version 1.0.0"),
    ],
)
def test_install_raises_the_error_before_the_database_is_touched(empty_db, addon, message):
    with pytest.raises(ConfigError) as error:
        install(empty_db, [addon])

    assert error.value.message.startswith(message)
    assert inspect(empty_db.engine).get_table_names() == []
    assert empty_db.installed() == {}
