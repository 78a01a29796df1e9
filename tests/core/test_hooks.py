"""Each kernel hook fires at the moment its specification promises (addon hooks_probe records them)."""

import pytest

from core.database import build_registry
from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall
from core.loader.lifecycle import upgrade

pytestmark = pytest.mark.addons("hooks_probe")


def events(env, hook):
    return env["hooks_probe.event"].search([("hook", "=", hook)], order="id")


def latest(env, hook):
    found = events(env, hook)
    return found[-1] if found else None


def test_hook_records_created(env):
    partners = env["base.partner"].create([{"name": "Acme"}, {"name": "Beta"}])
    assert latest(env, "records_created").details == {"ids": list(partners.ids)}


def test_hook_records_written(env):
    partner = env["base.partner"].create({"name": "Acme"})
    partner.write({"city": "İzmir"})
    env.flush()
    assert latest(env, "records_written").details == {"ids": [partner.id], "fields": ["city"]}


def test_hook_records_deleted(env):
    partner = env["base.partner"].create({"name": "Acme"})
    partner_id = partner.id
    partner.unlink()
    env.flush()
    assert latest(env, "records_deleted").details == {"ids": [partner_id]}


def test_hook_records_created_rows_added_by_the_hook_are_in_the_same_transaction(env):
    before = len(events(env, "records_created"))
    env["base.partner"].create({"name": "Acme"})
    assert len(events(env, "records_created")) == before + 1
    env.session.rollback()
    assert len(events(env, "records_created")) == before


def test_hook_addon_installed(env):
    assert [event.subject for event in events(env, "addon_installed")] == ["base", "hooks_probe"]


def test_hook_registry_ready(db):
    from addons.hooks_probe import hooks

    registry = build_registry(["hooks_probe"], db.available)
    assert (registry, ["base", "hooks_probe"], True) in hooks.READY_REGISTRIES


def test_hook_register_routes(db):
    rules = [rule for rules in db.registry.plugins.hook.register_routes() for rule in rules]
    assert "/hooks-probe" in [rule.rule for rule in rules]


def test_hook_addon_uninstalling(empty_db):
    install(empty_db, ["hooks_probe", "life_points"])
    uninstall(empty_db, ["life_points"])
    with empty_db.transaction() as env:
        assert [e.subject for e in events(env, "addon_uninstalling")] == ["life_points"]


def test_hook_addon_upgraded(empty_db):
    install(empty_db, ["hooks_probe"])
    upgrade(empty_db, ["hooks_probe"])
    with empty_db.transaction() as env:
        [event] = events(env, "addon_upgraded")
        assert (event.subject, event.details) == ("hooks_probe", {"from": "1.0.0", "to": "1.0.0"})
