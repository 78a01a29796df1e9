"""Properties: whatever invoices, bills, payments, credit notes, cancellations and (un)matches happen,
in lira or in euro at changing rates, the books balance and each partner's receivable is what their
documents say is open.

After every step of a random sequence:

* every posted entry balances and the trial balance adds up to zero;
* each partner's receivable balance (posted items of receivable accounts) equals what their
  customer invoices and credit notes have open (``amount_residual_signed``) plus what their
  payments have left unmatched;
* no open amount exceeds its item or changes its sign; an invoice is paid (or reversed) exactly
  when nothing of it is open, not paid when all of it is;
* no item in a foreign currency is settled in that currency but open in lira: the exchange
  difference is always booked.
"""

import datetime as dt
import decimal

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlalchemy import select

from addons.accounting.reporting import Filters
from addons.accounting.reporting import trial_balance
from core.errors import UserError
from core.errors import ValidationError
from core.orm.environment import Environment
from core.orm.sessions import session_factory

pytestmark = pytest.mark.addons("accounting")
D = decimal.Decimal
FIRST_DAY = dt.date(2026, 1, 1)

days = st.integers(min_value=0, max_value=100)
documents = st.integers(0, 30)
shares = st.sampled_from(["0.3", "0.5", "1", "1.2"])
invoice_steps = st.tuples(
    st.just("invoice"),
    st.sampled_from(["out_invoice", "out_invoice", "in_invoice"]),
    st.integers(0, 1),
    st.sampled_from(["TRY", "EUR"]),
    days,
    st.decimals(min_value=D("0.01"), max_value=D("5000"), places=2),
    st.sampled_from([True, True, True, False]),  # mostly posted: drafts take no payment
)
steps = st.lists(
    st.one_of(
        invoice_steps,
        st.tuples(st.just("pay"), documents, shares, days, st.booleans()),
        st.tuples(st.just("pay"), documents, shares, days, st.booleans()),
        st.tuples(st.just("credit_note"), documents, days, st.booleans()),
        st.tuples(st.just("cancel"), documents),
        st.tuples(st.just("cancel_payment"), documents),
        st.tuples(st.just("unreconcile"), documents),
        st.tuples(st.just("match"), documents),
    ),
    max_size=10,
)


def apply(env, step, partners, taxes, invoices, payments):
    kind = step[0]
    Invoice, Payment = env["accounting.invoice"], env["accounting.payment"]
    if kind == "invoice":
        _, doc_kind, partner, currency, offset, price, post = step
        tax = taxes["sale" if doc_kind == "out_invoice" else "purchase"]
        invoice = Invoice.create(
            {
                "kind": doc_kind,
                "partner": partners[partner],
                "currency": env.ref(f"base.currency_{currency.lower()}").id,
                "date": FIRST_DAY + dt.timedelta(days=offset),
                "lines": [{"description": "Goods", "price_unit": price, "taxes": [tax]}],
            }
        )
        invoices.append(invoice.id)
        if post:
            invoice.action_post()
        return
    if kind in ("pay", "credit_note", "cancel", "match"):
        if not invoices:
            return
        invoice = Invoice.get(invoices[step[1] % len(invoices)])
        if kind == "pay":
            _, _, share, offset, in_lira = step
            day = FIRST_DAY + dt.timedelta(days=offset)
            currency = env.ref("base.currency_try") if in_lira else invoice.currency
            due = invoice.currency.convert(invoice.amount_residual, currency, day)
            amount = currency.round(due * D(share))
            payments.append(
                Payment.register([invoice], date=day, amount=amount or None, currency=currency).id
            )
        elif kind == "credit_note":
            note = invoice.action_credit_note(FIRST_DAY + dt.timedelta(days=step[2]), whole=step[3])
            invoices.append(note.id)
            if not step[3]:
                note.write({"lines": [{"id": note.lines[0].id, "price_unit": note.lines[0].price_unit / 2}]})
                note.action_post()
        elif kind == "cancel":
            invoice.action_cancel()
        else:
            invoice.action_match_payments()
        return
    if payments:
        payment = Payment.get(payments[step[1] % len(payments)])
        if kind == "cancel_payment":
            payment.action_cancel()
        else:
            payment.action_unreconcile()


def check_books(env, company, partners, receivable):
    Line = env.registry["accounting.move_line"]
    unbalanced = env.session.execute(
        select(Line.move_id)
        .where(Line.parent_state == "posted")
        .group_by(Line.move_id)
        .having(func.round(func.sum(Line.debit) - func.sum(Line.credit), 6) != 0)
    ).all()
    assert unbalanced == []
    assert sum(row.closing for row in trial_balance(env, Filters(company=company.id))) == 0
    lines = env["accounting.move_line"].search(
        [("parent_state", "=", "posted"), ("account.reconcile", "=", True)]
    )
    for line in lines:
        assert abs(line.amount_residual) <= abs(line.balance) and line.amount_residual * line.balance >= 0
        if line.currency is not None and not line.amount_residual_currency:
            assert line.amount_residual == 0, "an exchange difference was not booked"
    invoices = env["accounting.invoice"].search([("move", "!=", None)])
    for invoice in invoices:
        assert 0 <= invoice.amount_residual <= invoice.amount_total
        settled = invoice.payment_state in ("paid", "reversed")
        assert settled == (invoice.amount_residual == 0) or invoice.amount_total == 0
        if invoice.payment_state == "not_paid":
            assert invoice.amount_residual == invoice.amount_total
    payments = env["accounting.payment"].search([("move", "!=", None), ("partner_type", "=", "customer")])
    for partner in partners:
        balance = sum(
            (line.balance for line in lines if line.partner.id == partner and line.account.id == receivable),
            D(0),
        )
        documents = sum(
            (
                i.amount_residual_signed
                for i in invoices
                if i.partner.id == partner and i.kind.startswith("out")
            ),
            D(0),
        )
        unmatched = sum(
            (line.amount_residual for p in payments if p.partner.id == partner for line in p.move.lines[1:2]),
            D(0),
        )
        assert balance == documents + unmatched, partner


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.lists(invoice_steps, min_size=1, max_size=3), then=steps)
def test_invoices_and_payments_keep_the_books_and_the_partners_right(
    env, company, lira, accounts, kdv20, kdv20_purchase, first, then
):
    partners = [env["base.partner"].create({"name": name}).id for name in ("Anadolu", "Ege")]
    taxes = {"sale": kdv20.id, "purchase": kdv20_purchase.id}
    env.flush()
    session = session_factory(env.session.connection(), join_transaction_mode="create_savepoint")()
    run = Environment(env.registry, session)
    invoices, payments = [], []
    try:
        for step in [*first, *then]:
            try:
                with session.begin_nested():
                    apply(run, step, partners, taxes, invoices, payments)
            except (ValidationError, UserError):
                # Refused (nothing due, not posted, paid already): nothing of it was kept.
                session.expunge_all()
                invoices = [i for i in invoices if run["accounting.invoice"].search_count([("id", "=", i)])]
                payments = [p for p in payments if run["accounting.payment"].search_count([("id", "=", p)])]
            check_books(run, company, partners, accounts["120"].id)
    finally:
        session.close()
