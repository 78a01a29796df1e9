"""Signed session cookies: who is logged in, since when, and the session's CSRF token.

The whole session lives in one cookie, signed (HMAC, salted) with the
deployment's secret key by itsdangerous, so any worker can check it without a
session table. It is HttpOnly and SameSite=Lax, Secure over HTTPS (or when
the settings say so), and expires after ``idle`` without use: the signature's
timestamp is renewed at most once per `REFRESH_AFTER` while it is used::

    cookies = SessionCookies(secret_key, idle=dt.timedelta(days=14))
    session = cookies.load(request)          # a new anonymous session if absent, forged or old
    session.log_in(user_id, cookies.fingerprint(user_id, password_hash))
    cookies.save(request, response, session)

A logged-in session carries a fingerprint of the user's password hash (an
HMAC, so it reveals nothing): changing the password changes it and every
existing session of the user stops being valid. Anonymous visitors get a
session too, holding only a CSRF token, so the login form is protected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from itsdangerous import BadSignature
from itsdangerous import URLSafeTimedSerializer
from werkzeug.wrappers import Request
from werkzeug.wrappers import Response

from core.database import Database

COOKIE = "tessera_session"
SALT = "tessera.session"
DEFAULT_IDLE = dt.timedelta(days=14)
REFRESH_AFTER = dt.timedelta(hours=1)
SECRET_KEY_PARAMETER = "web.secret_key"


def new_token() -> str:
    """A random, URL-safe token of 256 bits."""
    return secrets.token_urlsafe(32)


def database_secret_key(db: Database) -> str:
    """The secret key kept in ``db`` (``base.config_parameter`` ``web.secret_key``), made on first use.

    Used when the settings give none: every worker serving ``db`` reads the
    same key, so sessions survive restarts and work across processes.
    """
    with db.transaction() as env:
        parameters = env.registry["base.config_parameter"]
        return parameters.ensure(env, SECRET_KEY_PARAMETER, lambda: secrets.token_urlsafe(48))  # type: ignore[attr-defined,no-any-return]


@dataclass
class WebSession:
    """The content of one session cookie.

    Attributes:
        csrf: the token every unsafe request of this session must echo.
        user_id: the logged-in user, None for an anonymous visitor.
        fingerprint: `SessionCookies.fingerprint` of the user's password hash at login.
        login_time: when the user logged in (Unix seconds).
        age: how long ago the cookie was last signed (None: a new session).
        modified: the cookie must be sent again.
        ended: the user logged out; the cookie is deleted.
    """

    csrf: str = field(default_factory=new_token)
    user_id: int | None = None
    fingerprint: str | None = None
    login_time: int | None = None
    age: dt.timedelta | None = None
    modified: bool = False
    ended: bool = False

    def csrf_token(self) -> str:
        """The CSRF token to put in a form; a new session is sent once a page uses it."""
        if self.age is None:
            self.modified = True
        return self.csrf

    def log_in(self, user_id: int, fingerprint: str) -> None:
        """Make this the session of ``user_id``, with a new CSRF token."""
        self.user_id = user_id
        self.fingerprint = fingerprint
        self.login_time = int(dt.datetime.now(dt.UTC).timestamp())
        self.csrf = new_token()
        self.modified = True

    def end(self) -> None:
        """Log out: the response deletes the cookie."""
        self.ended = self.modified = True

    def as_dict(self) -> dict[str, Any]:
        """What the cookie holds (short keys keep it small)."""
        data: dict[str, Any] = {"c": self.csrf}
        if self.user_id is not None:
            data.update(u=self.user_id, v=self.fingerprint, t=self.login_time)
        return data

    @classmethod
    def from_dict(cls, data: Any, age: dt.timedelta) -> WebSession | None:
        """The session a verified cookie holds, or None if its content is not one."""
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        user_id, fingerprint, login_time = data.get("u"), data.get("v"), data.get("t")
        if user_id is not None and not (
            isinstance(user_id, int) and isinstance(fingerprint, str) and isinstance(login_time, int)
        ):
            return None
        return cls(data["c"], user_id, fingerprint, login_time, age, modified=False)


class SessionCookies:
    """Reads and writes the signed session cookie of one application.

    Args:
        secret_key: the key signing the cookies; anyone who has it can log in
            as anyone, so it comes from the settings or the database, never code.
        idle: how long an unused session stays valid.
        secure: always mark cookies Secure (else only for HTTPS requests).
    """

    def __init__(self, secret_key: str, *, idle: dt.timedelta = DEFAULT_IDLE, secure: bool = False) -> None:
        self.serializer = URLSafeTimedSerializer(secret_key, salt=SALT)
        self.key = hashlib.sha256(f"{SALT}.fingerprint:{secret_key}".encode()).digest()
        self.idle = idle
        self.secure = secure

    def fingerprint(self, user_id: int, password_hash: str | None) -> str:
        """An HMAC of the user's password hash: it changes whenever the password does."""
        message = f"{user_id}:{password_hash or ''}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()[:32]

    def encode(self, session: WebSession) -> str:
        """The signed cookie value holding ``session``."""
        return self.serializer.dumps(session.as_dict())

    def load(self, request: Request) -> WebSession:
        """The request's session; a new anonymous one when the cookie is absent, forged or expired."""
        value = request.cookies.get(COOKIE)
        if value:
            try:
                data, signed = self.serializer.loads(
                    value, max_age=int(self.idle.total_seconds()), return_timestamp=True
                )
            except BadSignature:  # also SignatureExpired
                return WebSession()
            session = WebSession.from_dict(data, dt.datetime.now(dt.UTC) - signed)
            if session is not None:
                return session
        return WebSession()

    def save(self, request: Request, response: Response, session: WebSession) -> None:
        """Send the session's cookie if it changed or is due for renewal, or delete it if it ended."""
        secure = self.secure or request.is_secure
        if session.ended:
            response.delete_cookie(COOKIE, path="/", secure=secure, httponly=True, samesite="Lax")
            return
        if not session.modified and (session.age is None or session.age < REFRESH_AFTER):
            return
        response.set_cookie(
            COOKIE,
            self.encode(session),
            max_age=int(self.idle.total_seconds()),
            path="/",
            secure=secure,
            httponly=True,
            samesite="Lax",
        )
