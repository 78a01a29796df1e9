"""Reconciling a bank statement: suggestions ranked by number, partner and amount; accepting one pays
the invoices; booking a fee posts an entry; only bookkeepers do it; queries do not grow with lines.

The company keeps its books in lira (TRY); invoices dated 2026-01-15, due that day:

    A  Anadolu   1,200.00        B  Rheinwerk  1,200.00        C  Anadolu  500.00
    V  a bill of Ege Döküm, 600.00
"""

import datetime as dt
from decimal import Decimal

import pytest

from addons.accounting.bank_import import import_csv
from addons.accounting.bank_matching import suggestions
from core.errors import AccessError
from core.errors import ValidationError
from core.testing import as_user
from core.testing.queries import count_queries

pytestmark = pytest.mark.addons("accounting")
D = Decimal


@pytest.fixture
def open_invoices(env, make_invoice, kdv20, customer, vendor):
    rhein = env["base.partner"].create({"name": "Rheinwerk GmbH", "is_company": True})
    a = make_invoice((1000, 1, [kdv20]), post=True)
    b = make_invoice((1000, 1, [kdv20]), partner=rhein.id, date=dt.date(2026, 1, 16), post=True)
    c = make_invoice((500, 1, []), post=True)
    v = make_invoice((600, 1, []), kind="in_invoice", partner=vendor.id, ref="EGE-2231", post=True)
    return {"A": a, "B": b, "C": c, "V": v}


@pytest.fixture
def statement(env, journals, open_invoices):
    a = open_invoices["A"]
    rows = [
        f"2026-02-01,Havale {a.name.replace('/', '')},Someone,,1200.00",
        "2026-02-02,Payment,ANADOLU MAKINE,,500.00",
        "2026-02-03,Payment,Unknown payer,,1200.00",
        "2026-02-04,Bill EGE-2231,Ege,,-600.00",
        "2026-02-05,Account fee,,,-12.50",
    ]
    data = "Date,Label,Counterpart,Reference,Amount\n" + "\n".join(rows) + "\n"
    return import_csv(env, journals["BNK"], data).statement


def ranked(env, line):
    return [(s.invoice_id, s.score, s.reason) for s in suggestions(env, [line]).get(line.id, [])]


def test_suggestions_rank_number_then_partner_and_amount_then_amount(env, statement, open_invoices):
    a, b, c, v = (open_invoices[key].id for key in "ABCV")
    by_number, by_partner, by_amount, bill, fee = statement.lines
    assert ranked(env, by_number)[0] == (a, 100, "Its number is in the transaction")
    assert ranked(env, by_partner) == [
        (c, 80, "Same partner and amount"),
        (a, 20, "Same partner"),
    ]
    assert ranked(env, by_amount) == [(a, 50, "Same amount"), (b, 50, "Same amount")]
    assert ranked(env, bill) == [(v, 100, "Its number is in the transaction")]
    assert ranked(env, fee) == []


def test_suggestions_of_a_statement_take_the_same_queries_for_2_or_8_lines(env, journals, open_invoices):
    def counted(count):
        rows = "".join(
            f"2026-02-{day + 1:02d},Payment {day},Anadolu,{count * 100 + day}\n" for day in range(count)
        )
        lines = list(
            import_csv(env, journals["BNK"], "Date,Label,Counterpart,Amount\n" + rows).statement.lines
        )
        env.flush()
        for line in lines:
            line.company.currency  # noqa: B018 - loaded once, as the page has
        with count_queries(env) as counter:
            found = suggestions(env, lines)
        assert len(found) == count
        return counter.count

    assert counted(2) == counted(8) <= 3


def test_accepting_a_suggestion_pays_the_invoice_from_the_statements_journal(
    env, statement, open_invoices, journals
):
    line = statement.lines[0]
    line.action_accept([open_invoices["A"].id])
    payment = line.payment
    assert (line.state, line.partner, line.move) == ("matched", open_invoices["A"].partner, payment.move)
    assert (payment.journal, payment.date, payment.amount, payment.state) == (
        journals["BNK"],
        dt.date(2026, 2, 1),
        D("1200.00"),
        "posted",
    )
    assert (open_invoices["A"].payment_state, open_invoices["A"].amount_residual) == ("paid", D("0.00"))
    assert ranked(env, statement.lines[2]) == [(open_invoices["B"].id, 50, "Same amount")]


def test_one_transaction_pays_several_invoices_of_a_partner(env, journals, open_invoices):
    data = "Date,Label,Counterpart,Amount\n2026-02-10,Invoices,Anadolu,1700.00\n"
    line = import_csv(env, journals["BNK"], data).statement.lines[0]
    line.action_accept([open_invoices["A"].id, open_invoices["C"].id])
    assert [open_invoices[key].payment_state for key in "AC"] == ["paid", "paid"]


def test_money_received_does_not_pay_a_vendor_bill_and_nothing_changes(env, statement, open_invoices):
    line = statement.lines[2]
    with pytest.raises(ValidationError, match="Money received pays customer invoices"):
        line.action_accept([open_invoices["V"].id])
    assert line.state == "to_match" and line.payment is None
    assert env["accounting.payment"].search_count([]) == 0


def test_an_accepted_line_is_not_matched_twice(env, statement, open_invoices):
    line = statement.lines[0]
    line.action_accept([open_invoices["A"].id])
    with pytest.raises(ValidationError, match="already matched"):
        line.action_accept([open_invoices["B"].id])


def test_a_bank_fee_is_booked_to_an_expense_and_the_statement_is_done_at_the_end(
    env, statement, open_invoices, accounts, booked
):
    fee = statement.lines[4]
    fee.action_book(accounts["780"].id)
    assert (fee.state, fee.move.state, fee.account) == ("matched", "posted", accounts["780"])
    assert booked(fee.move) == [("102", "0.00", "12.50"), ("780", "12.50", "0.00")]
    assert fee.move.date == dt.date(2026, 2, 5) and statement.state == "open"
    with pytest.raises(ValidationError):
        statement.lines[3].action_book(accounts["102"].id)  # the journal's own account
    statement.lines[0].action_accept([open_invoices["A"].id])
    statement.lines[1].action_accept([open_invoices["C"].id])
    statement.lines[2].action_accept([open_invoices["B"].id])
    statement.lines[3].action_accept([open_invoices["V"].id])
    assert statement.state == "done" and open_invoices["V"].payment_state == "paid"


def test_reconciled_transactions_are_kept(env, statement, accounts):
    statement.lines[4].action_book(accounts["780"].id)
    with pytest.raises(Exception, match="reconciled"):
        statement.unlink()


def test_bookkeepers_reconcile_and_other_employees_see_no_statement(
    env, statement, open_invoices, bookkeeper, employee
):
    with as_user(env, bookkeeper) as user_env:
        line = user_env["accounting.bank_statement_line"].get(statement.lines[0].id)
        line.action_accept([open_invoices["A"].id])
        user_env.flush()
        assert line.payment.state == "posted"
    with as_user(env, employee) as user_env, pytest.raises(AccessError):
        user_env["accounting.bank_statement"].search([])


def test_money_received_does_not_pay_out_a_customer_credit_note(env, journals, make_invoice, open_invoices):
    """A credit note is owed to the customer: money received cannot be its refund (an outgoing payment)."""
    note = make_invoice((100, 1, []), kind="out_refund", post=True)
    data = "Date,Label,Counterpart,Amount\n2026-02-10,Refund?,Anadolu,100.00\n"
    line = import_csv(env, journals["BNK"], data).statement.lines[0]
    with pytest.raises(ValidationError, match="Money received"):
        line.action_accept([note.id])
    assert line.state == "to_match" and env["accounting.payment"].search_count([]) == 0


def test_an_invoice_paid_already_is_not_paid_again_by_another_transaction(env, statement, open_invoices):
    """Two transactions of the same amount both suggest A: accepting it on the second is refused."""
    a = open_invoices["A"]
    statement.lines[0].action_accept([a.id])
    with pytest.raises(ValidationError, match=a.name):
        statement.lines[2].action_accept([a.id])
    assert statement.lines[2].state == "to_match" and env["accounting.payment"].search_count([]) == 1


@pytest.mark.parametrize("invoices", [7, "7", [None], ["x"], [True]])
def test_accepting_something_else_than_a_list_of_invoice_ids_is_refused(env, statement, invoices):
    """As the JSON API passes them: a clear 400, not a traceback."""
    with pytest.raises(ValidationError, match="invoice ids"):
        statement.lines[0].action_accept(invoices)


@pytest.mark.parametrize("account", ["x", None, [3], 1.5])
def test_booking_to_something_else_than_an_account_id_is_refused(env, statement, account):
    with pytest.raises(ValidationError):
        statement.lines[4].action_book(account)
