"""Properties: whatever entries are drafted, posted, refused, reversed or cancelled, the books balance.

After every step of a random sequence: each posted entry's debits equal its
credits; the trial balance's debits equal its credits and its balances add
up to zero; at any date, assets equal liabilities plus equity plus the
results not yet closed (this year's and earlier years'); and each journal's
numbers of each year run from 1 without a gap.
"""

import datetime as dt
import decimal
import re
from collections import defaultdict

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from sqlalchemy import func
from sqlalchemy import select

from addons.accounting.reporting import Filters
from addons.accounting.reporting import balance_sheet
from addons.accounting.reporting import trial_balance
from core.errors import ValidationError
from core.orm.environment import Environment
from core.orm.sessions import session_factory

pytestmark = pytest.mark.addons("accounting")
D = decimal.Decimal
CODES = ("100", "102", "120", "153", "191", "320", "391", "500", "600", "621", "642", "770")
JOURNALS = ("MAH", "SAT", "BNK")
FIRST_DAY = dt.date(2025, 11, 1)

amounts = st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2)
items = st.lists(st.tuples(st.sampled_from(CODES), amounts, st.booleans()), min_size=1, max_size=4)
days = st.integers(min_value=0, max_value=500)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("entry"), st.sampled_from(JOURNALS), days, items, st.booleans(), st.booleans()),
        st.tuples(st.just("post"), st.integers(0, 20)),
        st.tuples(st.just("reverse"), st.integers(0, 20), days),
        st.tuples(st.just("cancel"), st.integers(0, 20)),
    ),
    min_size=1,
    max_size=10,
)


def apply(env, step, accounts, journals, moves):
    kind = step[0]
    if kind == "entry":
        _, journal, offset, lines, balanced, post = step
        values = [
            {"account": accounts[code], "debit" if is_debit else "credit": amount}
            for code, amount, is_debit in lines
        ]
        difference = sum((amount if is_debit else -amount for _, amount, is_debit in lines), D(0))
        if balanced and difference:
            side = "credit" if difference > 0 else "debit"
            values.append({"account": accounts["500"], side: abs(difference)})
        move = env["accounting.move"].create(
            {"journal": journals[journal], "date": FIRST_DAY + dt.timedelta(days=offset), "lines": values}
        )
        moves.append(move.id)
        if post:
            move.action_post()
    elif moves:
        move = env["accounting.move"].get(moves[step[1] % len(moves)])
        if kind == "post":
            move.action_post()
        elif kind == "reverse":
            moves.append(move.reverse(FIRST_DAY + dt.timedelta(days=step[2])).id)
        else:
            move.action_cancel()


def check_books(env, company_id, day):
    Line = env.registry["accounting.move_line"]
    unbalanced = env.session.execute(
        select(Line.move_id)
        .where(Line.parent_state == "posted")
        .group_by(Line.move_id)
        # Rounded: SQLite sums NUMERIC in floating point (0.01 + 3.01 is not 3.02 there).
        .having(func.round(func.sum(Line.debit) - func.sum(Line.credit), 6) != 0)
    ).all()
    assert unbalanced == []
    rows = trial_balance(env, Filters(company=company_id))
    assert sum(row.debit for row in rows) == sum(row.credit for row in rows)
    assert sum(row.closing for row in rows) == 0
    sheet = balance_sheet(env, Filters(company=company_id, date_to=day))
    assert sheet.total_assets == (
        sheet.total_liabilities + sheet.total_equity + sheet.current_result + sheet.previous_result
    )
    numbers = defaultdict(list)
    for (name,) in env.session.execute(
        select(env.registry["accounting.move"].name).where(env.registry["accounting.move"].state == "posted")
    ):
        prefix, number = re.fullmatch(r"(.+/\d{4}/)(\d{5})", name).groups()
        numbers[prefix].append(int(number))
    assert all(sorted(taken) == list(range(1, len(taken) + 1)) for taken in numbers.values())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=steps, report_day=days)
def test_the_books_always_balance(env, company, accounts, journals, sequence, report_day):
    env.flush()
    account_ids = {code: account.id for code, account in accounts.items()}
    journal_ids = {code: journal.id for code, journal in journals.items()}
    # Each example in a session of its own, rolled back after: examples share nothing.
    session = session_factory(env.session.connection(), join_transaction_mode="create_savepoint")()
    run = Environment(env.registry, session)
    moves = []
    try:
        for step in sequence:
            try:
                with session.begin_nested():
                    apply(run, step, account_ids, journal_ids, moves)
            except ValidationError:
                # Refused (unbalanced, not a draft, reversed already): nothing of it was kept.
                session.expunge_all()
                moves = [
                    move_id
                    for move_id in moves
                    if run["accounting.move"].search_count([("id", "=", move_id)])
                ]
            check_books(run, company.id, FIRST_DAY + dt.timedelta(days=report_day))
    finally:
        session.close()
