"""With accounting: receipts, deliveries, returns and counts post their valuation entries."""

import decimal

import pytest

from addons.accounting.charts import load_chart
from addons.accounting.reporting import Filters
from addons.accounting.reporting import trial_balance
from core.errors import UserError
from core.errors import ValidationError
from core.testing import as_user
from core.testing import make_user

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
    # 153 holds 300 + 180 − 128 + 128 = 480.00: the 15 chairs on hand at 32.00; 621 is back to zero.
    balances = {row.code: row.closing for row in trial_balance(env, Filters(company=company.id))}
    assert (balances["153"], balances["329"], balances["621"]) == (D("480.00"), D("-480.00"), D("0.00"))


def test_an_entry_is_dated_numbered_referenced_and_points_at_its_moves(
    env, company, make_picking, vendor, chair, desk
):
    receipt = make_picking("incoming", (chair, 2, "30.00"), (desk, 1, "150.00"), partner=vendor.id)
    receipt.action_validate()
    [entry] = env["accounting.move"].search([("ref", "=", receipt.name)])
    assert (entry.journal.code, entry.date, entry.state, entry.partner) == (
        "STJ",
        env.today(),
        "posted",
        vendor,
    )
    assert entry.amount_total == D("210.00")
    items = sorted(entry.lines, key=lambda line: (line.stock_move.id, -line.debit))
    assert [(line.account.code, line.debit, line.credit, line.name) for line in items] == [
        ("153", D("60.00"), 0, "[CH-1] Chair: 2 × 30"),
        ("329", 0, D("60.00"), "[CH-1] Chair: 2 × 30"),
        ("153", D("150.00"), 0, "[DK-1] Desk: 1 × 150"),
        ("329", 0, D("150.00"), "[DK-1] Desk: 1 × 150"),
    ]
    assert {line.stock_move for line in items} == set(receipt.moves)
    assert {line.partner for line in items} == {vendor}


def test_a_return_to_the_vendor_takes_the_goods_out_of_stock_against_the_goods_received(
    env, company, receive, chair
):
    receipt = receive((chair, 10, "30.00"))
    back = receipt.action_return({receipt.moves[0].id: "3"})
    back.action_validate()
    assert entries_of(env, back.name)[0][1] == [("153", 0, D("90.00")), ("329", D("90.00"), 0)]


def test_a_count_books_shortages_and_surpluses_in_one_entry(env, company, receive, stock, chair, desk):
    receive((chair, 10, "30.00"), (desk, 2, "150.00"))
    count = env["stock.adjustment"].create(
        {
            "name": "Year-end count",
            "location": stock.id,
            "lines": [{"product": chair.id, "counted": "8"}, {"product": desk.id, "counted": "3"}],
        }
    )
    count.action_apply()
    # Two chairs missing at 30.00 wait in 197; one desk too many at 150.00 in 397 (the cost stays).
    [(_number, items)] = entries_of(env, "Year-end count")
    assert items == [
        ("153", 0, D("60.00")),
        ("153", D("150.00"), 0),
        ("197", D("60.00"), 0),
        ("397", 0, D("150.00")),
    ]
    assert desk.cost == D("150.00")


def test_moves_of_consumables_and_between_internal_locations_post_nothing(
    env, company, receive, make_picking, chair
):
    paper = env["product.product"].create({"name": "Paper", "type": "consumable", "cost": "2.00"})
    receipt = receive((paper, 100, "2.00"), (chair, 1, "30.00"))
    assert entries_of(env, receipt.name)[0][1] == [("153", D("30.00"), 0), ("329", 0, D("30.00"))]
    make_picking("internal", (chair, 1)).action_validate()
    assert env["accounting.move"].search_count([("journal", "=", company.stock_journal.id)]) == 1


def test_a_company_without_a_stock_journal_keeps_its_stock_out_of_the_books(env, company, receive, chair):
    company.stock_journal = None
    receive((chair, 10, "30.00"))
    assert env["accounting.move"].search_count([]) == 0


def test_a_category_books_to_its_own_accounts_and_its_children_inherit_them(
    env, company, receive, make_picking, chair
):
    accounts = {a.code: a for a in env["accounting.account"].search([("company", "=", company.id)])}
    furniture = env["product.category"].create(
        {
            "name": "Furniture",
            "stock_valuation_account": accounts["157"].id,
            "cogs_account": accounts["620"].id,
        }
    )
    chair.category = env["product.category"].create({"name": "Chairs", "parent": furniture.id})
    receipt = receive((chair, 5, "30.00"))
    delivery = make_picking("outgoing", (chair, 2))
    delivery.action_validate()
    assert entries_of(env, receipt.name)[0][1] == [("157", D("150.00"), 0), ("329", 0, D("150.00"))]
    assert entries_of(env, delivery.name)[0][1] == [("157", 0, D("60.00")), ("620", D("60.00"), 0)]


def test_an_account_of_another_company_on_the_category_is_not_used(env, company, receive, chair):
    other = env["base.company"].create({"name": "Baltic Trading", "currency": company.currency.id})
    load_chart(env, other, "generic")
    inventory = env["accounting.account"].search([("company", "=", other.id), ("code", "=", "1200")])[0]
    chair.category = env["product.category"].create(
        {"name": "Chairs", "stock_valuation_account": inventory.id}
    )
    receipt = receive((chair, 1, "30.00"))
    assert entries_of(env, receipt.name)[0][1] == [("153", D("30.00"), 0), ("329", 0, D("30.00"))]


def test_a_missing_account_refuses_the_validation_naming_it(env, company, receive, make_picking, chair):
    receive((chair, 5, "30.00"))
    company.default_cogs_account = None
    delivery = make_picking("outgoing", (chair, 2))
    with pytest.raises(
        UserError, match="has no “Cost of goods sold account” for products without a category"
    ):
        delivery.action_validate()


def test_goods_sent_to_production_are_refused_until_production_is_valued(
    env, company, receive, make_picking, chair
):
    receive((chair, 5, "30.00"))
    production = env.ref("stock.location_production")
    consumption = make_picking("internal", (chair, 1), location_dest=production.id)
    with pytest.raises(UserError, match="have no account to book their value against"):
        consumption.action_validate()


def on_hand(env, product, location):
    env.session.expire_all()
    quants = env["stock.quant"].search([("product", "=", product.id), ("location", "=", location.id)])
    return sum((quant.quantity for quant in quants), D(0))


def test_a_transfer_done_on_a_locked_day_is_refused_whole(env, company, receive, make_picking, stock, chair):
    receive((chair, 10, "30.00"))
    company.set_lock_dates(hard_lock_date=env.today())
    delivery = make_picking("outgoing", (chair, 4))
    entries = env["accounting.move"].search_count([])
    with pytest.raises(
        ValidationError, match=r"OUT/\d+ cannot be done on .*, a day closed in the books: The books"
    ):
        with env.session.begin_nested():
            delivery.action_validate()
    # Nothing moved: the quants, the transfer and the books are as before.
    assert on_hand(env, chair, stock) == 10
    assert (delivery.state, delivery.moves[0].state) == ("ready", "ready")
    assert env["accounting.move"].search_count([]) == entries


def test_only_an_adviser_moves_goods_on_a_day_of_the_closed_period(
    env, company, receive, make_picking, stock, chair
):
    receive((chair, 10, "30.00"))
    company.set_lock_dates(period_lock_date=env.today())
    storekeeper = make_user(env, "storekeeper", groups=["stock.group_user"])
    adviser = make_user(env, "accountant", groups=["stock.group_user", "accounting.group_adviser"])
    delivery = make_picking("outgoing", (chair, 4))
    with (
        as_user(env, storekeeper) as user_env,
        pytest.raises(ValidationError, match="only an accounting adviser"),
    ):
        user_env["stock.picking"].get(delivery.id).action_validate()
    with as_user(env, adviser) as user_env:
        user_env["stock.picking"].get(delivery.id).action_validate()
        user_env.session.commit()
    assert on_hand(env, chair, stock) == 6
