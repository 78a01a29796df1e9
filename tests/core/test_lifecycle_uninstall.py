"""Uninstalling addons: only their tables, columns and records go; dependents and base are protected."""

import pytest
from sqlalchemy import inspect
from sqlalchemy import text

from core.errors import ConfigError
from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall

PARTNERS = 200


def schema(db):
    """Each table's columns, indexes and foreign keys."""
    inspector = inspect(db.engine)
    return {
        table: (
            [column["name"] for column in inspector.get_columns(table)],
            sorted(index["name"] for index in inspector.get_indexes(table)),
            sorted(key["name"] for key in inspector.get_foreign_keys(table)),
        )
        for table in sorted(inspector.get_table_names())
    }


def partner_rows(db):
    with db.engine.connect() as connection:
        return connection.execute(text("SELECT id, name, email FROM base_partner ORDER BY id")).all()


def columns(db, table):
    return {column["name"] for column in inspect(db.engine).get_columns(table)}


@pytest.fixture
def populated(empty_db):
    """A database with base installed and 200 partners."""
    install(empty_db, ["base"])
    with empty_db.transaction() as env:
        env["base.partner"].create([{"name": f"Partner {n:03}"} for n in range(PARTNERS)])
    return empty_db


@pytest.fixture
def with_notes(populated):
    """``populated`` with life_points and life_notes installed and used on ten partners."""
    install(populated, ["life_notes"])
    with populated.transaction() as env:
        gold = env["life_points.tier"].search([("name", "=", "Gold")]).ensure_one()
        notebook = env["life_notes.notebook"].create({"name": "Fair"})
        for partner in env["base.partner"].search([("name", "like", "Partner 00")]):
            note = env["life_notes.note"].create(
                {"body": "Met at the fair", "partner": partner.id, "notebook": notebook.id}
            )
            partner.write({"points": 10, "tier": gold.id, "last_note": note.id})
        notebook.write({"pinned": note.id})  # notebook and note now point at each other
    return populated


def test_uninstalling_removes_the_addons_table_and_columns_and_keeps_the_rest(with_notes):
    partners = partner_rows(with_notes)
    messages = []

    assert uninstall(with_notes, ["life_notes"], progress=messages.append) == ["life_notes"]

    assert "life_notes_note" not in inspect(with_notes.engine).get_table_names()
    assert "last_note_id" not in columns(with_notes, "base_partner")
    assert {"points", "tier_id"} <= columns(with_notes, "base_partner")  # life_points' columns stay
    assert partner_rows(with_notes) == partners
    with with_notes.engine.connect() as connection:
        kept = connection.execute(
            text("SELECT COUNT(*) FROM base_partner WHERE points = 10 AND tier_id IS NOT NULL")
        )
        assert kept.scalar() == 10
    assert with_notes.installed() == {"base": "1.0.0", "life_points": "1.0.0"}
    assert "life_notes.note" not in with_notes.registry
    assert "uninstalling life_notes" in messages


def test_uninstalling_everything_but_base_restores_the_original_schema(populated):
    original = schema(populated)
    partners = partner_rows(populated)
    install(populated, ["life_notes"])

    uninstall(populated, ["life_points", "life_notes"])

    assert schema(populated) == original
    assert partner_rows(populated) == partners
    assert populated.installed() == {"base": "1.0.0"}


def test_uninstalling_removes_the_addons_data_records_from_models_that_stay(populated):
    install(populated, ["life_points"])
    with populated.transaction() as env:
        assert env["base.partner"].search_count([("name", "=", "Loyalty desk")]) == 1

    uninstall(populated, ["life_points"])

    with populated.transaction() as env:
        assert env["base.partner"].search_count([("name", "=", "Loyalty desk")]) == 0
        assert env["base.partner"].search_count([]) >= PARTNERS
        assert env["base.external_id"].search_count([("addon", "=", "life_points")]) == 0
        assert env["base.external_id"].search_count([("addon", "=", "base")]) > 0


def test_uninstall_applies_ondelete_to_rows_that_point_at_the_addons_data_records(populated):
    install(populated, ["life_points"])
    with populated.transaction() as env:
        desk = env["base.partner"].search([("name", "=", "Loyalty desk")]).ensure_one()
        contact = env["base.partner"].create({"name": "Desk contact", "parent": desk.id})
        customer = env["base.partner"].create({"name": "Served by the desk"})
        desk_company = env["base.company"].create(
            {"name": "Desk Ltd", "currency": env.ref("base.currency_eur").id, "partner": desk.id}
        )
        contact_id, customer_id, company_id = contact.id, customer.id, desk_company.id

    uninstall(populated, ["life_points"])

    with populated.transaction() as env:
        assert not env["base.partner"].search([("id", "=", contact_id)])  # parent: ondelete cascade
        assert env["base.partner"].search([("id", "=", customer_id)])
        assert env["base.company"].browse([company_id])[0].partner is None  # partner: set null


def test_an_addon_others_depend_on_cannot_be_uninstalled(with_notes):
    before = schema(with_notes)

    with pytest.raises(ConfigError, match="cannot uninstall life_points: life_notes depend"):
        uninstall(with_notes, ["life_points"])

    assert schema(with_notes) == before
    assert set(with_notes.installed()) == {"base", "life_points", "life_notes"}


def test_base_cannot_be_uninstalled(populated):
    with pytest.raises(ConfigError, match="base is the kernel's addon"):
        uninstall(populated, ["base"])


def test_an_addon_that_is_not_installed_cannot_be_uninstalled(populated):
    with pytest.raises(ConfigError, match="addon life_points is not installed"):
        uninstall(populated, ["life_points"])


def test_uninstall_then_install_again_starts_from_the_defaults(with_notes):
    uninstall(with_notes, ["life_notes", "life_points"])

    install(with_notes, ["life_points"])

    with with_notes.engine.connect() as connection:
        assert connection.execute(
            text("SELECT DISTINCT points FROM base_partner WHERE name LIKE 'Partner%'")
        ).all() == [(0,)]


def test_uninstall_removes_data_records_its_own_rows_still_point_at(populated):
    """The addon's tables go before its records in surviving models, so ``restrict`` cannot block it."""
    install(populated, ["life_visits"])
    with populated.transaction() as env:
        showroom = env.ref("life_visits.partner_showroom")
        env["life_visits.visit"].create({"name": "Second visit", "partner": showroom.id})

    uninstall(populated, ["life_visits"])

    assert "life_visits_visit" not in inspect(populated.engine).get_table_names()
    with populated.transaction() as env:
        assert env["base.partner"].search_count([("name", "=", "Showroom")]) == 0
        assert env["base.external_id"].search_count([("addon", "=", "life_visits")]) == 0
