"""Installing addons on a live, populated database: rows kept, columns added, failures rolled back.

Runs on SQLite, or on PostgreSQL with ``TESSERA_TEST_DATABASE_URL``. The
fixture addons are in ``tests/fixture_addons/life_*``.
"""

import pytest
from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from core.errors import ConfigError
from core.loader.lifecycle import install

PARTNERS = 200


def snapshot(db):
    """Every table with its columns, indexes, foreign keys and rows, as plain data."""
    with db.engine.connect() as connection:
        inspector = inspect(connection)
        state = {}
        for table in sorted(inspector.get_table_names()):
            columns = [column["name"] for column in inspector.get_columns(table)]
            order = ", ".join(
                f'"{name}"' for name in inspector.get_pk_constraint(table)["constrained_columns"]
            )
            state[table] = {
                "columns": columns,
                "indexes": sorted(index["name"] for index in inspector.get_indexes(table)),
                "foreign_keys": sorted(key["name"] for key in inspector.get_foreign_keys(table)),
                "rows": [
                    tuple(row)
                    for row in connection.execute(text(f'SELECT * FROM "{table}" ORDER BY {order}'))
                ],
            }
        return state


def partner_rows(db):
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT id, name, email FROM base_partner ORDER BY id")).all()


@pytest.fixture
def populated(empty_db):
    """A database with base installed and 200 partners."""
    install(empty_db, ["base"])
    with empty_db.transaction() as env:
        env["base.partner"].create(
            [
                {"name": f"Partner {n:03}", "email": f"p{n}@example.com" if n % 2 else None}
                for n in range(PARTNERS)
            ]
        )
    return empty_db


def test_installed_records_each_addon_with_its_version(empty_db):
    assert empty_db.installed() == {}

    assert install(empty_db, ["life_points"]) == ["base", "life_points"]

    assert empty_db.installed() == {"base": "1.0.0", "life_points": "1.0.0"}


def test_reinstalling_an_installed_addon_changes_nothing(populated):
    install(populated, ["life_points"])
    before = snapshot(populated)
    messages = []

    assert install(populated, ["life_points", "base"], progress=messages.append) == []

    assert messages == ["nothing to install"]
    assert snapshot(populated) == before


def test_a_dependency_chain_installs_in_dependency_order(empty_db):
    messages = []

    installed = install(empty_db, ["life_notes"], progress=messages.append)

    assert installed == ["base", "life_points", "life_notes"]
    steps = [message for message in messages if message.startswith("[")]
    assert steps == [
        "[1/3] installing base 1.0.0",
        "[2/3] installing life_points 1.0.0",
        "[3/3] installing life_notes 1.0.0",
    ]


def test_install_on_a_populated_database_keeps_every_partner(populated):
    before = partner_rows(populated)
    assert len(before) >= PARTNERS

    install(populated, ["life_points"])

    after = partner_rows(populated)
    assert after[: len(before)] == before
    assert [name for _, name, _ in after[len(before) :]] == ["Loyalty desk"]  # from the data file
    with populated.transaction() as env:
        originals = env["base.partner"].search([("id", "in", [row.id for row in before])])
        assert len(originals) == len(before)
        assert {partner.points for partner in originals} == {0}
        assert {partner.tier for partner in originals} == {None}


def test_the_added_many2one_column_is_a_working_foreign_key(populated):
    install(populated, ["life_points"])
    with populated.transaction() as env:
        gold = env["life_points.tier"].search([("name", "=", "Gold")]).ensure_one()
        partner = env["base.partner"].search([("name", "=", "Partner 007")]).ensure_one()
        partner.write({"tier": gold.id, "points": 1500})
        partner_id = partner.id
    with populated.transaction() as env:
        partner = env["base.partner"].search([("id", "=", partner_id)]).ensure_one()
        assert (partner.tier.name, partner.points) == ("Gold", 1500)

    with pytest.raises(IntegrityError), populated.engine.begin() as connection:
        connection.execute(
            text("UPDATE base_partner SET tier_id = 999999 WHERE id = :id"), {"id": partner_id}
        )

    with populated.engine.begin() as connection:
        connection.execute(text("DELETE FROM life_points_tier WHERE name = 'Gold'"))
        tier_id = connection.execute(
            text("SELECT tier_id FROM base_partner WHERE id = :id"), {"id": partner_id}
        )
        assert tier_id.scalar() is None  # ON DELETE SET NULL, enforced by the database


def test_columns_added_to_a_populated_table_get_their_default_constraints_and_indexes(populated):
    install(populated, ["life_points"])

    columns = {column["name"]: column for column in inspect(populated.engine).get_columns("base_partner")}
    assert columns["points"]["nullable"] is False
    assert columns["tier_id"]["nullable"] is True
    indexes = {index["name"] for index in inspect(populated.engine).get_indexes("base_partner")}
    assert "ix_base_partner_tier_id" in indexes
    uniques = inspect(populated.engine).get_unique_constraints("base_partner")
    assert ("uq_base_partner_card", ["card"]) in [
        (unique["name"], unique["column_names"]) for unique in uniques
    ]
    with populated.engine.connect() as connection:
        assert (
            connection.execute(text("SELECT COUNT(*) FROM base_partner WHERE points IS NULL")).scalar() == 0
        )
    with pytest.raises(IntegrityError), populated.engine.begin() as connection:
        connection.execute(text("UPDATE base_partner SET points = NULL"))


def test_a_failing_install_hook_leaves_the_database_exactly_as_it_was(populated):
    before = snapshot(populated)
    installed = populated.installed()

    with pytest.raises(RuntimeError, match="life_broken refuses to install"):
        install(populated, ["life_broken"])

    assert snapshot(populated) == before
    assert populated.installed() == installed
    assert "life_broken.widget" not in populated.registry
    assert install(populated, ["life_points"]) == ["life_points"]  # the database is still usable


def test_a_wrong_data_file_leaves_the_database_exactly_as_it_was(populated):
    before = snapshot(populated)

    with pytest.raises(ConfigError, match=r"life_bad_data: partners\.toml: .*no_such_field"):
        install(populated, ["life_bad_data"])

    assert snapshot(populated) == before
    assert populated.installed() == {"base": "1.0.0"}


def test_a_dependency_error_is_raised_before_the_database_is_touched(populated):
    before = snapshot(populated)

    with pytest.raises(ConfigError, match="life_needs_new needs life_points>=9"):
        install(populated, ["life_needs_new"])

    assert snapshot(populated) == before


def test_stored_computed_and_related_fields_are_computed_for_the_rows_already_there(populated):
    with populated.transaction() as env:
        parent = env["base.partner"].search([("name", "=", "Partner 000")])[0]
        children = [f"Partner {n:03}" for n in range(10, 20)]
        env["base.partner"].search([("name", "in", children)]).write({"parent": parent.id})
    said = []
    install(populated, ["life_stats"], progress=said.append)
    with populated.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT name, name_length, parent_name FROM base_partner WHERE name LIKE 'Partner %'")
        ).all()
    assert len(rows) == PARTNERS
    assert all(length == len(name) for name, length, _ in rows)
    assert sorted(name for name, _, parent in rows if parent == "Partner 000") == [
        f"Partner {n:03}" for n in range(10, 20)
    ]
    assert any("computed" in line and "base.partner" in line for line in said)
