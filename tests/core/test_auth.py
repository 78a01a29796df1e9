"""Passwords and logins: Argon2id hashes, one message for every failure, and throttling.

After `MAX_FAILURES` wrong passwords in a row a login is locked, even for the right
password, for one minute, then two, four…; time is passed in as ``now``, never slept.
"""

import datetime as dt

import pytest

from core.base.models.user import MAX_FAILURES
from core.base.models.user import MIN_PASSWORD_LENGTH
from core.errors import AccessError
from core.errors import ValidationError
from core.loader.lifecycle import install

PASSWORD = "correct horse battery"
T0 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


def make_user(env, login="ayse", password=PASSWORD):
    user = env["base.user"].create({"login": login, "name": login.title()})
    user.set_password(password)
    env.flush()
    return user


def authenticate(env, login, password, now=T0):
    return env.registry["base.user"].authenticate(env, login, password, now=now)


def refusal(env, login, password, now=T0):
    with pytest.raises(AccessError) as caught:
        authenticate(env, login, password, now)
    return caught.value.message


def attempt(env, login):
    found = env["base.login_attempt"].search([("login", "=", login)])
    return found[0] if found else None


# -- passwords -------------------------------------------------------------------------------


def test_set_password_stores_an_argon2id_hash_never_the_password(env):
    user = make_user(env)
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    [row] = env["base.user"].search_read([("id", "=", user.id)], ["password_hash"])
    assert PASSWORD not in repr(row)


def test_the_same_password_hashes_differently_each_time(env):
    first, second = make_user(env, "a"), make_user(env, "b")
    assert first.password_hash != second.password_hash


def test_a_short_password_is_refused_and_leaves_the_hash_alone(env):
    user = make_user(env)
    before = user.password_hash
    with pytest.raises(ValidationError) as caught:
        user.set_password("x" * (MIN_PASSWORD_LENGTH - 1))
    assert "password" in caught.value.fields
    assert user.password_hash == before
    user.set_password("x" * MIN_PASSWORD_LENGTH)
    assert user.password_hash != before


# -- authenticate ----------------------------------------------------------------------------


def test_the_right_password_authenticates(env):
    user = make_user(env)
    assert authenticate(env, "ayse", PASSWORD) == user


def test_a_wrong_password_and_an_unknown_login_get_the_same_message(env):
    make_user(env)
    wrong = refusal(env, "ayse", "wrong password")
    unknown = refusal(env, "nobody", PASSWORD)
    assert wrong == unknown
    assert "ayse" not in wrong and "nobody" not in wrong


def test_an_archived_user_or_one_without_a_password_cannot_log_in(env):
    make_user(env).write({"active": False})
    env["base.user"].create({"login": "nopass", "name": "No password"})
    message = refusal(env, "ayse", PASSWORD)
    assert refusal(env, "nopass", "") == message
    assert refusal(env, "nopass", PASSWORD) == message


def test_success_resets_the_failure_count(env):
    make_user(env)
    for _ in range(MAX_FAILURES - 1):
        refusal(env, "ayse", "wrong password")
    authenticate(env, "ayse", PASSWORD)
    assert attempt(env, "ayse").failures == 0
    refusal(env, "ayse", "wrong password")
    authenticate(env, "ayse", PASSWORD)


def test_five_failures_lock_the_login_even_for_the_right_password(env):
    make_user(env)
    for _ in range(MAX_FAILURES):
        refusal(env, "ayse", "wrong password")
    locked = refusal(env, "ayse", PASSWORD, T0 + dt.timedelta(seconds=59))
    assert locked != refusal(env, "nobody", PASSWORD)  # says to wait, not that the password is wrong
    assert authenticate(env, "ayse", PASSWORD, T0 + dt.timedelta(seconds=61)).login == "ayse"


def test_the_lock_doubles_with_each_further_failure(env):
    make_user(env)
    now = T0
    for _ in range(MAX_FAILURES):
        refusal(env, "ayse", "wrong password", now)
    for minutes in (1, 2, 4, 8):
        refusal(env, "ayse", PASSWORD, now + dt.timedelta(minutes=minutes, seconds=-1))
        now += dt.timedelta(minutes=minutes, seconds=1)
        refusal(env, "ayse", "wrong password", now)  # lock over, but wrong again: locked twice as long
    assert authenticate(env, "ayse", PASSWORD, now + dt.timedelta(minutes=16, seconds=1))


def test_unknown_logins_are_throttled_too(env):
    for _ in range(MAX_FAILURES):
        refusal(env, "ghost", "anything")
    assert attempt(env, "ghost").locked_until is not None


def test_attempts_are_counted_per_login(env):
    make_user(env)
    make_user(env, "bora")
    for _ in range(MAX_FAILURES):
        refusal(env, "bora", "wrong password")
    assert authenticate(env, "ayse", PASSWORD)


# -- the counter and the caller's transaction ------------------------------------------------


def fail_and_commit(db, login, password, now):
    """One login attempt in its own transaction that commits even though the attempt fails."""
    with db.transaction() as env:
        try:
            authenticate(env, login, password, now)
        except AccessError as error:
            return error.message
    return None


def test_failures_persist_across_transactions_when_the_caller_commits(empty_db):
    install(empty_db, ["base"])
    with empty_db.transaction() as env:
        make_user(env)
    for _ in range(MAX_FAILURES):
        assert fail_and_commit(empty_db, "ayse", "wrong password", T0) is not None
    locked = fail_and_commit(empty_db, "ayse", PASSWORD, T0 + dt.timedelta(seconds=30))
    assert locked is not None
    with empty_db.transaction() as env:
        assert attempt(env, "ayse").failures == MAX_FAILURES
    assert fail_and_commit(empty_db, "ayse", PASSWORD, T0 + dt.timedelta(minutes=2)) is None


def test_failures_are_lost_when_the_caller_lets_the_error_roll_back(empty_db):
    install(empty_db, ["base"])
    with empty_db.transaction() as env:
        make_user(env)
    for _ in range(MAX_FAILURES):
        with pytest.raises(AccessError), empty_db.transaction() as env:
            authenticate(env, "ayse", "wrong password")
    with empty_db.transaction() as env:
        assert attempt(env, "ayse") is None
        assert authenticate(env, "ayse", PASSWORD)


def test_a_new_user_gets_a_partner_with_their_name_and_email(env):
    user = env["base.user"].create({"login": "deniz", "name": "Deniz Aydın", "email": "deniz@ex.com"})
    assert (user.partner.name, user.partner.email) == ("Deniz Aydın", "deniz@ex.com")
    given = env["base.partner"].create({"name": "Existing Contact"})
    other = env["base.user"].create({"login": "ece", "name": "Ece", "partner": given.id})
    assert other.partner == given
