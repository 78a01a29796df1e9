"""The demo installs books that balance: a chart, an opening entry, months of entries, a closed month;
and uninstalling accounting removes its entries, posted ones included, and its journals' sequences."""

import decimal

import pytest
from sqlalchemy import select

from addons.accounting.reporting import Filters
from addons.accounting.reporting import balance_sheet
from addons.accounting.reporting import trial_balance
from core.errors import ValidationError
from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall
from core.testing import as_user


@pytest.fixture(scope="module")
def demo_db(tessera_databases):
    db = tessera_databases.create("accounting_demo")
    try:
        install(db, ["accounting"], demo=True)
        yield db
    finally:
        tessera_databases.release(db)


@pytest.fixture
def demo(demo_db):
    with demo_db.transaction() as env:
        yield env
        env.session.rollback()


def test_the_demo_company_keeps_turkish_books_with_a_closed_month(demo):
    company = demo.ref("base.main_company")
    assert company.chart_template == "tr_tdhp"
    moves = demo["accounting.move"]
    opening = moves.search([("ref", "=", "Opening entry")])
    assert len(opening) == 1 and opening[0].state == "posted" and opening[0].amount_total == 190_000
    assert moves.search_count([("state", "=", "posted")]) >= 20
    assert moves.search_count([("state", "=", "draft")]) == 1
    assert moves.search_count([("reversed_entry", "!=", None)]) == 1
    first_month = opening[0].date
    assert company.period_lock_date.month == first_month.month and company.period_lock_date > first_month
    rows = trial_balance(demo, Filters(company=company.id))
    assert sum(row.closing for row in rows) == 0
    sheet = balance_sheet(demo, Filters(company=company.id))
    assert sheet.total_assets == sheet.total_liabilities + sheet.total_equity + sheet.current_result
    assert sheet.current_result > 0
    assert demo["accounting.analytic_account"].search_count([("name", "=", "İzmir Şubesi")]) == 1


def test_the_chart_maps_the_demo_taxes_to_the_kdv_accounts_and_return_lines(demo):
    sale, purchase = demo.ref("commerce.demo_tax_kdv20"), demo.ref("commerce.demo_tax_kdv20_purchase")
    assert (sale.account.code, sale.refund_account.code, sale.base_grid.code, sale.tax_grid.code) == (
        "391",
        "191",
        "TR-M20",
        "TR-HK",
    )
    assert (purchase.account.code, purchase.refund_account.code, purchase.tax_grid.name) == (
        "191",
        "391",
        "İndirilecek KDV",
    )


def test_the_demo_invoices_in_euro_and_lira_are_paid_credited_and_one_realised_a_loss(demo):
    invoices = {
        (i.partner.name, i.currency.code, i.kind, i.state): i for i in demo["accounting.invoice"].search([])
    }
    service = invoices[("Anadolu Makine A.Ş.", "EUR", "out_invoice", "posted")]
    assert (service.amount_total, service.payment_state, service.amount_residual) == (3600, "partial", 2520)
    spare = invoices[("Anadolu Makine A.Ş.", "TRY", "out_invoice", "posted")]
    assert (spare.amount_total, spare.amount_total_signed, spare.payment_state) == (57600, 1200, "paid")
    [loss] = demo["accounting.move"].search([("exchange_difference", "=", True)])
    # 57,600 TRY booked at 48 (1,200.00 EUR), collected at 49.20 (1,170.73 EUR).
    assert [(line.account.code, line.debit, line.credit) for line in loss.lines] == [
        ("120", 0, decimal.Decimal("29.27")),
        ("656", decimal.Decimal("29.27"), 0),
    ]
    export = invoices[("Rheinwerk GmbH", "EUR", "out_invoice", "posted")]
    note = invoices[("Rheinwerk GmbH", "EUR", "out_refund", "posted")]
    assert (export.payment_state, note.amount_total, note.payment_state) == ("paid", 850, "paid")
    assert invoices[("Ege Tekstil Ltd. Şti.", "EUR", "in_invoice", "posted")].payment_state == "paid"
    assert ("Anadolu Makine A.Ş.", "EUR", "out_invoice", "draft") in invoices


def test_the_demo_bookkeeper_cannot_post_in_the_closed_month(demo):
    bookkeeper = demo.ref("accounting.demo_user_bora")
    opening = demo["accounting.move"].search([("ref", "=", "Opening entry")])[0]
    with as_user(demo, bookkeeper) as user_env:
        copy = user_env["accounting.move"].get(opening.id).copy({"date": opening.date})
        with pytest.raises(ValidationError, match="only an accounting adviser"):
            copy.action_post()


def test_the_demo_bank_statement_is_partly_reconciled_and_late_payers_are_reminded(demo):
    [statement] = demo["accounting.bank_statement"].search([])
    assert (statement.name, statement.state, len(statement.lines)) == ("Garanti BBVA", "open", 4)
    assert [line.state for line in statement.lines] == ["matched", "matched", "to_match", "to_match"]
    assert statement.lines[0].payment.invoices[0].payment_state == "paid"
    assert statement.lines[1].account.code == "780"
    reminders = demo["accounting.followup"].search([])
    assert {f.partner.name for f in reminders} == {"Anadolu Makine A.Ş.", "Rheinwerk GmbH"}
    assert all(f.state == "to_send" for f in reminders)


def test_uninstalling_removes_the_books(demo_db):
    uninstall(demo_db, ["accounting"])
    with demo_db.transaction() as env:
        assert "accounting.move" not in env.registry
        sequences = env.registry["base.sequence"]._table
        left = env.session.execute(
            select(sequences.c.code).where(sequences.c.code.like("accounting.%"))
        ).all()
        assert left == []
