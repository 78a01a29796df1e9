"""Addons declare hooks of their own for dependents, and a misspelled hook stops the build."""

import pytest

from core.database import build_registry
from core.errors import ConfigError


@pytest.mark.addons("hooks_listener")
def test_an_addon_implements_a_hook_another_addon_declares(env):
    partner = env["base.partner"].create({"name": "Yeni Müşteri"})
    env.flush()
    assert partner.ref == f"WELCOME-{partner.id}"


def test_without_the_listener_the_declared_hook_has_no_implementation(db):
    registry = build_registry(["hooks_announcer"], db.available)
    assert registry.plugins.hook.hooks_announcer_partner_welcomed.get_hookimpls() == []


def test_a_misspelled_hook_implementation_fails_the_build_naming_it(db):
    with pytest.raises(ConfigError) as error:
        build_registry(["hooks_misspelled"], db.available)
    assert "record_created" in error.value.message
