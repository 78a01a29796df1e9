"""Upgrading a database from before sales invoiced orders: salespeople's access to invoices changes hands.

accounting 1.1.0 created that access as its extra of sales; it now comes
from sales' extra of accounting under the same names. accounting's 1.2.0
migration hands the external ids to sales, so reloading sales' data updates
the records instead of adding a second copy of each.
"""

import importlib.util
from pathlib import Path

import pytest

from addons import accounting
from core.loader import datafiles

pytestmark = pytest.mark.addons("sales", "accounting")
MOVED = "access_invoice_salesperson"


def run_migration(env):
    script = Path(accounting.__file__).parent / "migrations" / "1.2.0.py"
    spec = importlib.util.spec_from_file_location("accounting_migration_1_2_0", script)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    migration.migrate(None, env)


def test_the_moved_access_records_are_updated_not_copied(env, db):
    links = env["base.external_id"]
    [link] = links.search([("addon", "=", "sales"), ("name", "=", MOVED)])
    link.addon = "accounting"  # as accounting 1.1.0 left it
    env.flush()
    before = env["base.access"].search_count([])
    run_migration(env)
    env.flush()
    datafiles.reload(env, db.available, "sales")
    env.flush()
    assert links.search_count([("name", "=", MOVED)]) == 1
    assert links.search([("name", "=", MOVED)])[0].addon == "sales"
    assert env["base.access"].search_count([]) == before
