"""Authenticating requests with an API key: ``Authorization: Bearer <key>``.

A request carrying a key runs as the key's user, with that user's rights,
exactly like a logged-in session; it needs no CSRF token, because a browser
never adds this header on its own, so a cross-site page cannot make it send
one. A wrong, revoked or expired key, or the key of an archived user, is
refused with 401 before any endpoint runs::

    curl -H "Authorization: Bearer tsk_3f9a0c1d_Jc8v…" https://erp.example.com/api/v1/base.partner

Keys are found by their prefix and checked by comparing SHA-256 hashes in
constant time (`core.base.models.api_key`). When the key was last used is
written at most once per `LAST_USED_EVERY`, so busy scripts do not turn every
read into a write.
"""

from __future__ import annotations

import datetime as dt
import hmac

from sqlalchemy import select
from sqlalchemy import update
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized
from werkzeug.wrappers import Request

from core.base.models.api_key import hash_key
from core.base.models.api_key import split_key
from core.orm.environment import Environment
from core.web.auth import SessionUser

LAST_USED_EVERY = dt.timedelta(minutes=1)
REFUSED = "The API key is wrong, revoked or expired."


def bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer`` header, or None when the request has none."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip()


def refused(message: str = REFUSED) -> Unauthorized:
    """The 401 answer to a bad key, telling the client to use a bearer token."""
    return Unauthorized(message, www_authenticate=WWWAuthenticate("bearer"))


def key_user(env: Environment, key: str, now: dt.datetime | None = None) -> SessionUser:
    """The active user whose active, unexpired key is ``key``; notes when the key was used.

    Read with Core queries as the kernel: the hash never enters the session.

    Raises:
        Unauthorized: no such key, or it is revoked or expired, or its user archived.
    """
    now = now or dt.datetime.now(dt.UTC)
    prefix = split_key(key)
    if prefix is None:
        raise refused()
    keys = env.registry["base.api_key"]._table
    users = env.registry["base.user"]._table
    stmt = (
        select(
            keys.c.id,
            keys.c.key_hash,
            keys.c.expires_at,
            keys.c.last_used_at,
            users.c.id.label("user_id"),
            users.c.login,
            users.c.name,
            users.c.lang,
            users.c.tz,
        )
        .join(users, users.c.id == keys.c.user_id)
        .where(keys.c.prefix == prefix, keys.c.active.is_(True), users.c.active.is_(True))
    )
    wanted = hash_key(key)
    found = None
    for row in env.session.execute(stmt):
        # Compare every candidate, so the time taken does not depend on which one matches.
        if hmac.compare_digest(wanted, row.key_hash or "") and found is None:
            found = row
    if found is None:
        raise refused()
    expires_at = _aware(found.expires_at)
    if expires_at is not None and expires_at <= now:
        raise refused()
    last_used = _aware(found.last_used_at)
    if last_used is None or now - last_used >= LAST_USED_EVERY:
        env.session.execute(update(keys).where(keys.c.id == found.id).values(last_used_at=now))
    return SessionUser(found.user_id, found.login, found.name, found.lang or "en", found.tz or "UTC")


def request_user(env: Environment, request: Request) -> SessionUser | None:
    """The user of the request's API key, or None when it sends none.

    Raises:
        Unauthorized: the request sends a key that does not work.
    """
    token = bearer_token(request)
    if token is None:
        return None
    return key_user(env, token)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """Core queries on SQLite return naive UTC datetimes; the column type makes them aware."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)
