"""The registry: composing declarations and extensions, refusing wrong ones, one registry per addon set."""

import pytest

from core.database import build_registry
from core.errors import ConfigError
from core.errors import RegistryFrozenError
from core.errors import ValidationError
from core.loader.discovery import load
from core.orm.model import Model

pytestmark = pytest.mark.addons("orm_points")


# -- composition ---------------------------------------------------------------------------


def test_an_extension_adds_a_field_with_its_column_and_default(env):
    partner = env["base.partner"].create({"name": "Acme"})
    assert partner.points == 0
    assert "points" in env.registry.tables["base.partner"].c
    assert env.registry.column_owner[("base_partner", "points")] == "orm_points"


def test_an_extension_overrides_a_method_calling_super(env):
    partner = env["base.partner"].create({"name": "Acme"})
    partner.add_points(12)
    assert partner.display_name == "Acme (12 pts)"


def test_an_extension_keeps_the_declared_models_methods_and_constraints(env):
    with pytest.raises(ValidationError, match="is not an email address"):
        env["base.partner"].create({"name": "Acme", "email": "not-an-email"})


def test_an_extension_refines_a_field_keeping_what_it_does_not_restate(env):
    ref = env["base.partner"].fields["ref"]
    assert (ref.label, ref.index) == ("Loyalty card", True)


def test_searches_see_the_extensions_fields(env):
    env["base.partner"].create([{"name": "Acme", "points": 5}, {"name": "Beta"}])
    assert [p.name for p in env["base.partner"].search([("points", ">", 0)])] == ["Acme"]


# -- refused compositions ------------------------------------------------------------------


def test_extending_a_model_no_addon_declares_names_the_addon_and_file(db):
    with pytest.raises(ConfigError) as caught:
        build_registry(["orm_extends_unknown"], db.available)
    message = caught.value.message
    assert message.startswith("addon orm_extends_unknown: ")
    assert "tests/fixture_addons/orm_extends_unknown/models/ghost.py" in message
    assert "'orm_nowhere.ghost'" in message


def test_extending_a_model_of_an_addon_outside_the_dependencies_is_refused(db):
    with pytest.raises(ConfigError) as caught:
        build_registry(["orm_orders", "orm_extends_stranger"], db.available)
    message = caught.value.message
    assert message.startswith("addon orm_extends_stranger: ")
    assert "tests/fixture_addons/orm_extends_stranger/models/order.py extends 'orm_orders.order'" in message


# -- one registry per addon set ------------------------------------------------------------


def test_two_databases_with_different_addons_share_a_process_without_interfering(tessera_databases):
    plain = tessera_databases.with_addons(())
    points = tessera_databases.with_addons(("orm_points",))
    with plain.transaction() as env:
        partner = env["base.partner"].create({"name": "Acme"})
        assert "points" not in env["base.partner"].fields
        assert partner.display_name == "Acme"
        assert not hasattr(partner, "add_points")
        env.session.rollback()
    with points.transaction() as env:
        partner = env["base.partner"].create({"name": "Acme"})
        assert partner.display_name == "Acme (0 pts)"
        env.session.rollback()
    assert plain.registry["base.partner"] is not points.registry["base.partner"]
    assert "points" not in plain.registry.tables["base.partner"].c


def test_a_built_registry_is_frozen(db):
    registry = db.registry
    with pytest.raises(RegistryFrozenError, match="frozen"):
        registry.models = {}
    with pytest.raises(RegistryFrozenError):
        registry.ui = None


def test_an_addon_cannot_register_after_its_register_function_ran(db):
    addon = load(["orm_points"], db.available)[-1]

    class Late(Model, name="orm_points.late"):
        pass

    with pytest.raises(RegistryFrozenError, match="addon orm_points: register"):
        addon.models(Late)
