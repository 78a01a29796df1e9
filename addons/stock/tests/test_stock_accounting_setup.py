"""Stock and accounting installed in either order give charted companies the stock journal and accounts;
posting a receipt runs as many queries for 8 lines as for 2."""

import pytest

from addons.accounting.charts import load_chart
from core.loader.lifecycle import install
from core.testing.queries import count_queries

CODES = ("stock_valuation", "stock_received", "cogs", "inventory_loss", "inventory_gain")


def stock_setup(db):
    with db.transaction() as env:
        company = env.ref("base.main_company")
        defaults = [getattr(company, f"default_{role}_account").code for role in CODES]
        return company.stock_journal.code, defaults


def test_a_company_charted_before_stock_gets_its_stock_journal_and_accounts(tessera_databases):
    with tessera_databases.installed("accounting_first", ["accounting"]) as db:
        with db.transaction() as env:
            load_chart(env, env.ref("base.main_company"), "generic")
        install(db, ["stock"])
        assert stock_setup(db) == ("STJ", ["1200", "2010", "5000", "5100", "5100"])


@pytest.mark.addons("stock", "accounting")
def test_a_company_charted_after_both_gets_them_with_the_chart(env):
    load_chart(env, env.ref("base.main_company"), "tr_tdhp")
    company = env.ref("base.main_company")
    assert company.stock_journal.name == "Stok Hareketleri"


@pytest.fixture
def receipt_of(env, make_picking, vendor):
    """``receipt_of(n)``: a ready receipt of ``n`` storable products, its records expired."""

    def make(size):
        products = env["product.product"].create(
            [{"name": f"Part {size}-{i}", "type": "storable"} for i in range(size)]
        )
        picking = make_picking(
            "incoming", *[(product, 2, "10.00") for product in products], partner=vendor.id
        )
        env.flush()
        env.session.expire_all()
        return picking

    return make


@pytest.mark.requires_postgresql
@pytest.mark.addons("stock", "accounting")
def test_posting_a_receipt_does_not_query_per_line(env, receipt_of):
    """On PostgreSQL, where SQLAlchemy batches the INSERTs of new items (SQLite inserts them one by one)."""
    load_chart(env, env.ref("base.main_company"), "tr_tdhp")
    receipt_of(1).action_validate()  # the first numbers of the transfers and of the journal's year
    counts = []
    for picking in (receipt_of(2), receipt_of(8)):
        with count_queries(env) as counter:
            picking.action_validate()
            env.flush()
        env.session.expire_all()
        counts.append(counter.count)
    assert counts[0] == counts[1]
    items = env["accounting.move"].search([("ref", "=", picking.name)])[0].lines
    assert len(items) == 16
