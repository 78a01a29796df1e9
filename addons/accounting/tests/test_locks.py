"""Lock dates: nobody books on or before the hard lock date; only advisers post up to the period lock date."""

import datetime as dt

import pytest

from core.errors import AccessError
from core.errors import ValidationError
from core.testing import as_user

pytestmark = pytest.mark.addons("accounting")

JANUARY_END = dt.date(2026, 1, 31)
ITEMS = (("100", "10", 0), ("500", 0, "10"))


def lock(env, company, **dates):
    """Set lock dates as one action would: a refusal leaves nothing pending (a savepoint here)."""
    with env.session.begin_nested():
        env["base.company"].get(company.id).set_lock_dates(**dates)
        env.flush()


def test_a_bookkeeper_cannot_post_in_the_closed_period_but_prepares_drafts_an_adviser_posts(
    env, company, make_entry, bookkeeper, adviser
):
    lock(env, company, period_lock_date=JANUARY_END)
    with as_user(env, bookkeeper) as user_env:
        draft = make_entry(*ITEMS, date=dt.date(2026, 1, 20), target_env=user_env)
        with pytest.raises(
            ValidationError, match="closed up to 2026-01-31: only an accounting adviser"
        ) as refused:
            draft.action_post()
        assert refused.value.fields == {"date": "Closed up to 2026-01-31: ask an adviser."}
        assert (
            make_entry(*ITEMS, date=dt.date(2026, 2, 1), target_env=user_env).action_post().state == "posted"
        )
        draft_id = draft.id
        user_env.session.commit()
    with as_user(env, adviser) as user_env:
        assert user_env["accounting.move"].get(draft_id).action_post().state == "posted"


def test_a_bookkeeper_cannot_reverse_into_the_closed_period(env, company, make_entry, bookkeeper):
    move = make_entry(*ITEMS, date=dt.date(2026, 1, 20), post=True)
    lock(env, company, period_lock_date=JANUARY_END)
    with as_user(env, bookkeeper) as user_env:
        mine = user_env["accounting.move"].get(move.id)
        with pytest.raises(ValidationError, match="closed up to"):
            mine.reverse(dt.date(2026, 1, 31))
        assert mine.reverse(dt.date(2026, 2, 1)).state == "posted"


def test_nobody_books_on_or_before_the_hard_lock_date(env, company, make_entry, adviser):
    draft = make_entry(*ITEMS, date=dt.date(2026, 2, 1))
    lock(env, company, hard_lock_date=JANUARY_END)
    with pytest.raises(ValidationError, match="locked up to 2026-01-31"):
        make_entry(*ITEMS, date=JANUARY_END)
    draft.date = JANUARY_END
    with pytest.raises(ValidationError, match="locked up to 2026-01-31"):
        env.flush()
    env.session.expire_all()
    with as_user(env, adviser) as user_env:
        with pytest.raises(
            ValidationError, match="no entry dated 2026-01-15 can be created, changed or posted"
        ):
            make_entry(*ITEMS, date=dt.date(2026, 1, 15), target_env=user_env)
        assert make_entry(*ITEMS, date=dt.date(2026, 2, 1), target_env=user_env).action_post().name


def test_the_hard_lock_date_only_moves_forward(env, company):
    lock(env, company, hard_lock_date=JANUARY_END)
    with pytest.raises(ValidationError, match="cannot move back from 2026-01-31"):
        lock(env, company, hard_lock_date=dt.date(2025, 12, 31))
    lock(env, company, hard_lock_date=dt.date(2026, 2, 28))
    company.hard_lock_date = None
    with pytest.raises(ValidationError, match="cannot move back"):
        env.flush()


def test_the_hard_lock_date_does_not_pass_over_drafts(env, company, make_entry):
    make_entry(*ITEMS, date=dt.date(2026, 1, 15))
    with pytest.raises(ValidationError, match="1 draft entries are dated on or before 2026-01-31"):
        lock(env, company, hard_lock_date=JANUARY_END)


def test_only_advisers_change_lock_dates(env, company, bookkeeper, adviser):
    with as_user(env, bookkeeper) as user_env:
        mine = user_env["base.company"].get(company.id)
        with pytest.raises(AccessError, match="Only accounting advisers change lock dates"):
            mine.set_lock_dates(period_lock_date=JANUARY_END)
        mine.write({"period_lock_date": JANUARY_END})
        with pytest.raises(AccessError):
            user_env.flush()
    with as_user(env, adviser) as user_env:
        user_env["base.company"].get(company.id).set_lock_dates(period_lock_date=JANUARY_END)
        user_env.flush()
        user_env.session.commit()
    assert company.period_lock_date == JANUARY_END
