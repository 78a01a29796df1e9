"""Upgrading an addon from 1.0.0 to 1.1.0 on a live database: schema, migration, data, version.

Each version of the code lives in its own addons folder under ``tmp_path``,
as a deployment would ship it: ``1.0.0/life_points`` is a copy of the fixture
addon, ``1.1.0/life_points`` adds a required field, a migration and changed
data. Opening the database with one folder or the other is "deploying" that
version; it also proves a custom addon on a separate path can extend partner.
"""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from core.database import Database
from core.errors import ConfigError
from core.loader.lifecycle import install
from core.loader.lifecycle import upgrade

FIXTURE = Path(__file__).parents[1] / "fixture_addons" / "life_points"
PARTNERS = 50

LEVEL_FIELD = """
    level = fields.Char(required=True, default="member")
"""

MIGRATION = '''
import sqlalchemy as sa


def migrate(op, env):
    """Points are now counted in tenths; big earners become VIPs; a tier's threshold is required."""
    op.execute("UPDATE base_partner SET points = points * 10")
    op.execute("UPDATE base_partner SET level = 'vip' WHERE points >= 1000")
    with op.batch_alter_table("life_points_tier") as batch:
        batch.alter_column("min_points", existing_type=sa.Integer(), nullable=False)
'''

FAILING_MIGRATION = """
def migrate(op, env):
    op.execute("UPDATE base_partner SET points = points * 10")
    raise RuntimeError("migration 1.1.0 failed")
"""

DANGLING_MIGRATION = """
def migrate(op, env):
    op.execute("UPDATE base_partner SET tier_id = 999999 WHERE name = 'Partner 001'")
"""

TIERS = """
[["life_points.tier"]]
id = "tier_bronze"
name = "Bronze tier"
min_points = 10

[["life_points.tier"]]
id = "tier_silver"
name = "Silver"
min_points = 500

[["life_points.tier"]]
id = "tier_gold"
name = "Gold, as shipped in 1.1.0"
min_points = 1000
noupdate = true
"""

BADGE_ADDON = """
from core.loader.addon import Addon
from core.orm import fields
from core.orm.model import Model


class Badge(Model, name="life_badge.badge"):
    name = fields.Char(required=True)


def register(addon: Addon) -> None:
    addon.models(Badge)
"""


def release(root, version, *, migration=MIGRATION, badge=False):
    """An addons folder holding life_points at ``version`` (1.1.0 with its changes)."""
    folder = root / version
    addon = folder / "life_points"
    shutil.copytree(FIXTURE, addon, ignore=shutil.ignore_patterns("__pycache__"))
    if version == "1.0.0":
        return folder
    manifest = (addon / "addon.toml").read_text().replace('version = "1.0.0"', f'version = "{version}"')
    if badge:
        manifest = manifest.replace('depends = ["base"]', 'depends = ["base", "life_badge"]')
        (folder / "life_badge").mkdir()
        (folder / "life_badge" / "addon.toml").write_text(
            '[addon]\nname = "life_badge"\nversion = "1.0.0"\nsummary = "Badges"\n'
        )
        (folder / "life_badge" / "__init__.py").write_text(BADGE_ADDON)
    (addon / "addon.toml").write_text(manifest)
    with (addon / "models" / "partner.py").open("a") as source:
        source.write(LEVEL_FIELD)
    (addon / "data" / "tiers.toml").write_text(TIERS)
    (addon / "migrations").mkdir()
    (addon / "migrations" / f"{version}.py").write_text(migration)
    return folder


@pytest.fixture
def deploy(empty_db):
    """Opens ``empty_db`` with the code of one addons folder; closes what it opened."""
    opened = []

    def open_with(folder):
        db = Database(empty_db.url, [folder])
        opened.append(db)
        return db

    yield open_with
    for db in opened:
        db.engine.dispose()


@pytest.fixture
def on_1_0(tmp_path, deploy):
    """The database with life_points 1.0.0 installed on partners that have points."""
    db = deploy(release(tmp_path, "1.0.0"))
    install(db, ["life_points"])
    with db.transaction() as env:
        env["base.partner"].create([{"name": f"Partner {n:03}", "points": n * 5} for n in range(PARTNERS)])
        gold = env["life_points.tier"].search([("name", "=", "Gold")]).ensure_one()
        gold.write({"name": "Gold (our name)"})
        bronze = env["life_points.tier"].search([("name", "=", "Bronze")]).ensure_one()
        bronze.write({"name": "Bronze (our name)"})
    return db


def partners(db):
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT id, name, points FROM base_partner ORDER BY id")).all()


def tiers(db):
    with db.engine.connect() as connection:
        return dict(connection.execute(text("SELECT name, min_points FROM life_points_tier")).all())


def test_upgrade_adds_the_column_runs_the_migration_reloads_data_and_records_the_version(
    tmp_path, on_1_0, deploy
):
    before = partners(on_1_0)
    db = deploy(release(tmp_path, "1.1.0"))
    messages = []

    assert upgrade(db, progress=messages.append) == ["life_points"]

    assert "adding column base_partner.level" in messages
    assert "upgrading life_points 1.0.0 -> 1.1.0" in messages
    assert "    migration 1.1.0.py" in messages
    level = {column["name"]: column for column in inspect(db.engine).get_columns("base_partner")}["level"]
    assert level["nullable"] is False
    after = partners(db)
    assert [(id_, name) for id_, name, _ in after] == [(id_, name) for id_, name, _ in before]
    mine = [(name, points * 10) for _, name, points in before if name.startswith("Partner")]
    assert [(name, points) for _, name, points in after if name.startswith("Partner")] == mine
    assert ("Loyalty desk", 5) in [(name, points) for _, name, points in after]  # reloaded from its data file
    with db.engine.connect() as connection:
        levels = dict(connection.execute(text("SELECT name, level FROM base_partner")).all())
    assert (levels["Partner 010"], levels["Partner 020"]) == ("member", "vip")  # 500 and 1000 points
    assert tiers(db) == {"Bronze tier": 10, "Silver": 500, "Gold (our name)": 1000}  # gold is noupdate
    assert db.installed()["life_points"] == "1.1.0"
    with db.transaction() as env:
        assert env["base.addon"].search([("name", "=", "life_points")]).ensure_one().upgraded_at is not None
        env["base.partner"].create({"name": "New after the upgrade"})  # the new registry is in use
        assert (
            env["base.partner"].search([("name", "=", "New after the upgrade")]).ensure_one().level
            == "member"
        )


def test_once_upgraded_there_is_nothing_left_to_upgrade(tmp_path, on_1_0, deploy):
    db = deploy(release(tmp_path, "1.1.0"))
    upgrade(db)

    assert upgrade(db) == []
    assert db.installed()["life_points"] == "1.1.0"


def test_code_older_than_the_database_is_refused(tmp_path, on_1_0, deploy):
    upgrade(deploy(release(tmp_path, "1.1.0")))
    old_code = deploy(tmp_path / "1.0.0")

    for names in (None, ["life_points"]):
        with pytest.raises(
            ConfigError, match=r"life_points: the code is version 1\.0\.0, older than .* 1\.1\.0"
        ):
            upgrade(old_code, names)
    assert old_code.installed()["life_points"] == "1.1.0"


def test_a_failing_migration_rolls_the_whole_upgrade_back(tmp_path, on_1_0, deploy):
    before = partners(on_1_0)
    db = deploy(release(tmp_path, "1.1.0", migration=FAILING_MIGRATION))

    with pytest.raises(RuntimeError, match="migration 1.1.0 failed"):
        upgrade(db)

    assert "level" not in {column["name"] for column in inspect(db.engine).get_columns("base_partner")}
    assert partners(db) == before
    assert db.installed()["life_points"] == "1.0.0"


def test_installing_is_refused_while_an_upgrade_is_pending(tmp_path, on_1_0, deploy):
    db = deploy(release(tmp_path, "1.1.0", badge=True))

    with pytest.raises(ConfigError, match="cannot install while life_points await"):
        install(db, ["life_badge"])


def test_upgrade_installs_a_dependency_the_new_version_adds(tmp_path, on_1_0, deploy):
    db = deploy(release(tmp_path, "1.1.0", badge=True))
    messages = []

    assert upgrade(db, progress=messages.append) == ["life_points"]

    assert "installing life_badge 1.0.0, a new dependency" in messages
    assert db.installed() == {"base": "1.0.0", "life_points": "1.1.0", "life_badge": "1.0.0"}
    assert "life_badge_badge" in inspect(db.engine).get_table_names()


def test_a_migration_leaving_a_broken_reference_is_rolled_back(tmp_path, on_1_0, deploy):
    db = deploy(release(tmp_path, "1.1.0", migration=DANGLING_MIGRATION))

    with pytest.raises((ConfigError, IntegrityError)) as error:
        upgrade(db)

    if db.dialect == "sqlite":  # foreign keys are off while tables are rebuilt, and checked before COMMIT
        assert (
            error.value.message
            == "the change would leave base_partner rows pointing at missing life_points_tier rows"
        )
    with db.engine.connect() as connection:
        assert (
            connection.execute(text("SELECT COUNT(*) FROM base_partner WHERE tier_id = 999999")).scalar() == 0
        )
    assert db.installed()["life_points"] == "1.0.0"


def test_naming_an_addon_reloads_its_data_at_the_same_version(on_1_0):
    assert upgrade(on_1_0, ["life_points"]) == ["life_points"]

    assert tiers(on_1_0) == {"Bronze": 0, "Gold (our name)": 1000}  # bronze restored, noupdate gold kept
    assert on_1_0.installed()["life_points"] == "1.0.0"
