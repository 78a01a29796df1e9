"""Customer invoices and vendor bills: their amounts (commerce's arithmetic), the entry posting them,
payment terms giving due dates, credit notes, the lock on posted invoices and cancelling."""

import datetime as dt
import decimal

import pytest

from core.errors import UserError
from core.errors import ValidationError
from core.hookspecs import hookimpl

pytestmark = pytest.mark.addons("accounting")
D = decimal.Decimal


def test_posting_a_customer_invoice_books_income_tax_and_the_receivable(make_invoice, kdv20, booked):
    # 3 × 19.99 less 15 % = 50.9745 → 50.97; its KDV 10.1949 → 10.19. 2 × 250 = 500.00, KDV 100.00.
    invoice = make_invoice((D("19.99"), 3, [kdv20], {"discount": "15"}), (250, 2, [kdv20]))
    assert (invoice.amount_untaxed, invoice.amount_tax, invoice.amount_total) == (
        D("550.97"),
        D("110.19"),
        D("661.16"),
    )
    invoice.action_post()
    assert (invoice.state, invoice.name, invoice.move.name) == ("posted", "SAT/2026/00001", "SAT/2026/00001")
    assert booked(invoice.move) == [
        ("600", "0.00", "50.97"),
        ("600", "0.00", "500.00"),
        ("391", "0.00", "110.19"),
        ("120", "661.16", "0.00"),
    ]
    receivable = invoice.move.lines[3]
    assert (receivable.partner, receivable.date_maturity, receivable.amount_residual) == (
        invoice.partner,
        dt.date(2026, 1, 15),
        D("661.16"),
    )
    tax_item = invoice.move.lines[2]
    assert (tax_item.tax, list(invoice.move.lines[0].taxes)) == (kdv20, [kdv20])
    assert (invoice.payment_state, invoice.amount_residual, invoice.amount_residual_signed) == (
        "not_paid",
        D("661.16"),
        D("661.16"),
    )


@pytest.mark.parametrize(
    ("rounding", "tax", "total"), [("per_line", "0.21", "1.20"), ("per_total", "0.20", "1.19")]
)
def test_taxes_round_per_line_or_on_the_total_and_the_books_follow(
    make_invoice, kdv20, booked, rounding, tax, total
):
    # Three lines of 0.33 at 20 %: 0.066 each, 0.07 rounded per line (0.21), 0.198 → 0.20 on the total.
    invoice = make_invoice(*[("0.33", 1, [kdv20])] * 3, tax_rounding=rounding, post=True)
    assert (invoice.amount_tax, invoice.amount_total) == (D(tax), D(total))
    assert booked(invoice.move)[3:] == [("391", "0.00", tax), ("120", total, "0.00")]


def test_prices_with_tax_included_and_groups_give_one_tax_item_per_tax(env, make_invoice, booked, accounts):
    included = env["commerce.tax"].create({"name": "KDV %20 dahil", "amount": "20", "price_include": True})
    stamp = env["commerce.tax"].create(
        {"name": "Damga", "amount": "0.5", "amount_type": "fixed", "account": accounts["360"].id}
    )
    group = env["commerce.tax"].create(
        {"name": "KDV + damga", "amount_type": "group", "children": [included.id, stamp.id]}
    )
    # 2 × 120 with 20 % included: base 200, KDV 40; the stamp duty, 0.50 a unit, comes on top.
    # The group's taxes come in their order (sequence, then name).
    invoice = make_invoice((120, 2, [group]), post=True)
    assert booked(invoice.move) == [
        ("600", "0.00", "200.00"),
        ("360", "0.00", "1.00"),
        ("391", "0.00", "40.00"),
        ("120", "241.00", "0.00"),
    ]
    assert [line.tax for line in invoice.move.lines[1:3]] == [stamp, included]
    assert list(invoice.move.lines[0].taxes) == [stamp, included]


def test_payment_terms_give_one_receivable_item_per_installment_with_its_due_date(
    env, make_invoice, kdv20, booked
):
    term = env.ref("commerce.payment_term_30_now_70_60")
    # 833.34 + 20 % = 1000.01: 30 % is 300.003 → 300.00 now, the balance 700.01 in 60 days.
    invoice = make_invoice(("833.34", 1, [kdv20]), payment_term=term.id, post=True)
    receivables = [line for line in invoice.move.lines if line.account.code == "120"]
    assert [(line.date_maturity, line.debit) for line in receivables] == [
        (dt.date(2026, 1, 15), D("300.00")),
        (dt.date(2026, 3, 16), D("700.01")),
    ]
    assert invoice.date_due == dt.date(2026, 3, 16)


def test_a_term_of_thirty_days_makes_the_invoice_due_a_month_later(env, make_invoice, kdv20):
    invoice = make_invoice((100, 1, [kdv20]), payment_term=env.ref("commerce.payment_term_30").id)
    assert invoice.date_due == dt.date(2026, 2, 14)
    invoice.action_post()
    assert [line.date_maturity for line in invoice.move.lines if line.account.code == "120"] == [
        dt.date(2026, 2, 14)
    ]


def test_a_vendor_bill_debits_the_expense_and_the_deductible_tax_and_credits_the_payable(
    env, lira, vendor, accounts, kdv20_purchase, booked
):
    category = env["product.category"].create({"name": "Ofis", "expense_account": accounts["770"].id})
    paper = env["product.product"].create(
        {"name": "Kağıt", "category": category.id, "supplier_taxes": [kdv20_purchase.id]}
    )
    bill = env["accounting.invoice"].create(
        {
            "kind": "in_invoice",
            "partner": vendor.id,
            "date": dt.date(2026, 1, 20),
            "ref": "EGE-2026-118",
            "lines": [
                {"product": paper.id, "quantity": 10, "price_unit": "45"},
                {"description": "Nakliye", "price_unit": "50", "taxes": [kdv20_purchase.id]},
            ],
        }
    )
    assert [line.account.code for line in bill.lines] == ["770", "153"]  # the category's, the journal's
    assert bill.lines[0].description == "Kağıt" and list(bill.lines[0].taxes) == [kdv20_purchase]
    bill.action_post()
    assert bill.name == "ALS/2026/00001"
    assert booked(bill.move) == [
        ("770", "450.00", "0.00"),
        ("153", "50.00", "0.00"),
        ("191", "100.00", "0.00"),
        ("320", "0.00", "600.00"),
    ]
    assert (bill.amount_total_signed, bill.amount_residual_signed) == (D("600.00"), D("600.00"))


def test_a_product_account_comes_before_its_category_and_sales_taxes_are_refused_on_bills(
    env, lira, vendor, accounts, kdv20
):
    lathe = env["product.product"].create({"name": "Torna", "income_account": accounts["601"].id})
    invoice = env["accounting.invoice"].create({"partner": vendor.id, "lines": [{"product": lathe.id}]})
    assert invoice.lines[0].account.code == "601"
    with pytest.raises(ValidationError, match="Purchases"):
        env["accounting.invoice"].create(
            {"kind": "in_invoice", "partner": vendor.id, "lines": [{"description": "x", "taxes": [kdv20.id]}]}
        )


def test_a_whole_credit_note_mirrors_the_invoice_and_settles_it(make_invoice, kdv20, booked):
    invoice = make_invoice((500, 2, [kdv20]), post=True)
    note = invoice.action_credit_note(dt.date(2026, 1, 20), whole=True)
    assert (note.kind, note.state, note.name, note.reversed_invoice) == (
        "out_refund",
        "posted",
        "SAT/2026/00002",
        invoice,
    )
    # The KDV of a sales return is deductible: debited to 191 İndirilecek KDV.
    assert booked(note.move) == [
        ("600", "1000.00", "0.00"),
        ("191", "200.00", "0.00"),
        ("120", "0.00", "1200.00"),
    ]
    assert note.move.lines[1].tax_refund
    assert (invoice.payment_state, invoice.amount_residual) == ("reversed", D("0.00"))
    assert (note.payment_state, note.amount_total_signed) == ("paid", D("-1200.00"))
    assert list(invoice.refunds) == [note]


def test_a_partial_credit_note_is_a_draft_to_adjust_and_reduces_what_is_due(make_invoice, kdv20):
    invoice = make_invoice((500, 2, [kdv20]), post=True)
    note = invoice.action_credit_note(dt.date(2026, 1, 20))
    assert (note.state, note.amount_total) == ("draft", D("1200.00"))
    note.write({"lines": [{"id": note.lines[0].id, "quantity": 1}]})  # one of the two returned
    note.action_post()
    assert (note.amount_total, note.payment_state) == (D("600.00"), "paid")
    assert (invoice.payment_state, invoice.amount_residual) == ("partial", D("600.00"))


def test_a_posted_invoice_does_not_change_and_is_not_deleted(env, make_invoice, kdv20, vendor):
    invoice = make_invoice((100, 1, [kdv20]), post=True)
    with pytest.raises(ValidationError, match="can no longer change"):
        invoice.write({"partner": vendor.id})
        env.flush()


def test_the_lines_of_a_posted_invoice_are_locked(env, make_invoice, kdv20):
    invoice = make_invoice((100, 1, [kdv20]), post=True)
    with pytest.raises(ValidationError, match="can no longer change"):
        invoice.lines[0].write({"price_unit": "90"})
        env.flush()


def test_a_posted_invoice_is_cancelled_by_reversing_its_entry_unless_paid(env, make_invoice, kdv20):
    invoice = make_invoice((100, 1, [kdv20]), post=True)
    with pytest.raises(UserError, match="cannot be deleted"):
        invoice.unlink()
    invoice.action_cancel()
    assert (invoice.state, invoice.payment_state) == ("cancelled", "reversed")
    [reversal] = invoice.move.reversals
    assert reversal.state == "posted" and all(
        line.reconciled for line in reversal.lines if line.account.code == "120"
    )
    with pytest.raises(ValidationError, match="copy it"):
        invoice.action_draft()
    paid = make_invoice((100, 1, [kdv20]), post=True)
    env["accounting.payment"].register([paid], amount=D("50"))
    with pytest.raises(ValidationError, match="unreconcile them first"):
        paid.action_cancel()


def test_a_draft_is_cancelled_set_back_to_draft_and_deleted_without_an_entry(env, make_invoice, kdv20):
    invoice = make_invoice((100, 1, [kdv20]))
    invoice.action_cancel()
    invoice.action_draft()
    invoice.unlink()
    env.flush()
    assert env["accounting.move"].search_count([]) == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"lines": []}, "has no lines"),
        ({"lines": [{"description": "Discount", "price_unit": "-10"}]}, "negative total"),
    ],
)
def test_posting_refuses_an_incomplete_or_negative_invoice(env, make_invoice, kdv20, change, message):
    invoice = make_invoice((5, 1, [kdv20]))
    invoice.write(change)
    with pytest.raises(ValidationError, match=message):
        invoice.action_post()
    assert invoice.state == "draft" and invoice.move is None


def test_posting_refuses_a_purchase_journal_for_a_customer_invoice(make_invoice, kdv20, journals):
    invoice = make_invoice((5, 1, [kdv20]), journal=journals["ALS"].id)
    with pytest.raises(ValidationError, match="not a journal for this document"):
        invoice.action_post()


def test_an_analytic_account_on_a_line_follows_it_into_the_books(env, make_invoice, kdv20):
    izmir = env["accounting.analytic_account"].create({"name": "İzmir Şubesi"})
    invoice = make_invoice((100, 1, [kdv20], {"analytic_account": izmir.id}), post=True)
    assert [line.analytic_account for line in invoice.move.lines] == [izmir, None, None]


class PostedListener:
    """A plugin implementing ``accounting_invoice_posted``: records what it gets, or refuses."""

    def __init__(self, refuse=False):
        self.calls = []
        self.refuse = refuse

    @hookimpl
    def accounting_invoice_posted(self, env, invoices):
        self.calls.append([(invoice.name, invoice.state, invoice.origin) for invoice in invoices])
        if self.refuse:
            raise UserError("Not today.")


@pytest.fixture
def listener(env):
    plugins = env.registry.plugins
    made = []

    def listen(refuse=False):
        made.append(PostedListener(refuse))
        plugins.register(made[-1])
        return made[-1]

    yield listen
    for plugin in made:
        plugins.unregister(plugin)


def test_hook_accounting_invoice_posted(env, make_invoice, kdv20, listener):
    heard = listener()
    invoice = make_invoice((100, 1, [kdv20]), origin="SO/2026/00012", post=True)
    note = invoice.action_credit_note(dt.date(2026, 1, 16), whole=True)
    assert heard.calls == [
        [("SAT/2026/00001", "posted", "SO/2026/00012")],
        [(note.name, "posted", "SAT/2026/00001")],
    ]
    listener(refuse=True)
    refused = make_invoice((100, 1, [kdv20]))
    with pytest.raises(UserError, match="Not today"), env.session.begin_nested():
        refused.action_post()
    env.session.expire_all()
    assert (refused.state, refused.name, refused.move) == ("draft", None, None)
