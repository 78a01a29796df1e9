"""With accounting: receipts, deliveries, returns and counts post their valuation entries."""

import decimal

import pytest

from addons.accounting.charts import load_chart

pytestmark = pytest.mark.addons("stock", "accounting")
D = decimal.Decimal


@pytest.fixture
def company(env):
    """The main company with the Tek Düzen Hesap Planı (and so the stock journal and accounts)."""
    company = env.ref("base.main_company")
    load_chart(env, company, "tr_tdhp")
    return company


def entries_of(env, reference):
    """The valuation entries referencing a transfer or count, as (number, [(code, debit, credit)])."""
    moves = env["accounting.move"].search([("ref", "=", reference)], order="id")
    return [
        (move.name, sorted((line.account.code, line.debit, line.credit) for line in move.lines))
        for move in moves
    ]


def test_the_chart_gives_the_company_its_stock_journal_and_accounts(company):
    assert company.stock_journal.code == "STJ"
    assert [
        company.default_stock_valuation_account.code,
        company.default_stock_received_account.code,
        company.default_cogs_account.code,
        company.default_inventory_loss_account.code,
        company.default_inventory_gain_account.code,
    ] == ["153", "329", "621", "197", "397"]


def test_receipts_deliveries_and_returns_post_at_the_average_cost(env, company, receive, make_picking, chair):
    first = receive((chair, 10, "30.00"))
    second = receive((chair, 5, "36.00"))
    assert chair.cost == D("32.00")  # (10 × 30 + 5 × 36) / 15
    delivery = make_picking("outgoing", (chair, 4))
    delivery.action_validate()
    back = delivery.action_return()
    back.action_validate()
    year = env.today().year
    assert entries_of(env, first.name) == [
        (f"STJ/{year}/00001", [("153", D("300.00"), 0), ("329", 0, D("300.00"))])
    ]
    assert entries_of(env, second.name) == [
        (f"STJ/{year}/00002", [("153", D("180.00"), 0), ("329", 0, D("180.00"))])
    ]
    # 4 × 32.00 = 128.00 leaves the stock for the cost of goods sold, and comes back with the return.
    assert entries_of(env, delivery.name) == [
        (f"STJ/{year}/00003", [("153", 0, D("128.00")), ("621", D("128.00"), 0)])
    ]
    assert entries_of(env, back.name) == [
        (f"STJ/{year}/00004", [("153", D("128.00"), 0), ("621", 0, D("128.00"))])
    ]
