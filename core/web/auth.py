"""Logging in and out over HTTP, and finding the user behind a session cookie.

``GET /login`` shows the form, ``POST /login`` checks the login and password
with `User.authenticate` (whose throttling counts every failure: the failed
attempt is committed with the response) and ``POST /logout`` ends the session.
After a login the browser goes back to ``next``, but only to a path on this
site::

    <a href="/login?next=/sales/orders">   → 303 See Other, Location: /sales/orders
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sqlalchemy import select
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from core.errors import AccessError
from core.orm.environment import Environment
from core.web.session import SessionCookies
from core.web.session import WebSession

if TYPE_CHECKING:
    from core.web.app import Request

HOME = "/"


@dataclass(frozen=True)
class SessionUser:
    """The logged-in user of a request, as read when the session was checked."""

    id: int
    login: str
    name: str
    lang: str
    tz: str

    def context(self) -> dict[str, str]:
        """The environment context of this user's requests."""
        return {"lang": self.lang, "tz": self.tz}


def session_user(env: Environment, cookies: SessionCookies, session: WebSession) -> SessionUser | None:
    """The active user ``session`` belongs to, or None when it is anonymous or no longer valid.

    A session stops being valid when its user is archived or deleted, or has
    changed password since logging in. Read with a Core query, so the password
    hash never enters the request's session.
    """
    if session.user_id is None or session.fingerprint is None:
        return None
    users = env.registry["base.user"]._table
    stmt = select(
        users.c.id, users.c.login, users.c.name, users.c.lang, users.c.tz, users.c.password_hash
    ).where(users.c.id == session.user_id, users.c.active.is_(True))
    row = env.session.execute(stmt).first()
    if row is None:
        return None
    expected = cookies.fingerprint(row.id, row.password_hash)
    if not hmac.compare_digest(expected, session.fingerprint):
        return None
    return SessionUser(row.id, row.login, row.name, row.lang or "en", row.tz or "UTC")


def safe_next(target: str | None) -> str:
    """``target`` if it is a path on this site, else the home page (no open redirects).

    Refused: absolute and scheme-relative URLs (``https://evil``, ``//evil``),
    backslashes and control characters (browsers read ``/\\evil`` and
    ``/\\t/evil`` as ``//evil``).
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return HOME
    if "\\" in target or any(ord(char) < 0x21 or ord(char) == 0x7F for char in target):
        return HOME
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return HOME
    return target


def login(request: Request) -> Response:
    """The login form; on POST, log in and go to ``next`` or show the form again with 401."""
    target = safe_next(request.values.get("next"))
    if request.method == "GET":
        if request.user is not None:
            return redirect(target, 303)
        return request.app.render(request, "login.html", next=target)
    login_name = request.form.get("login", "").strip()
    password = request.form.get("password", "")
    failure = "Wrong login or password."
    with request.env.sudo() as env:  # login attempts are the system's records
        try:
            if login_name and password:
                user = env.registry["base.user"].authenticate(env, login_name, password)
                fingerprint = request.app.sessions.fingerprint(user.id, user.password_hash)
                request.session.log_in(user.id, fingerprint)
                return redirect(target, 303)
        except AccessError as error:
            failure = error.message
    return request.app.render(request, "login.html", 401, next=target, login=login_name, error=failure)


def logout(request: Request) -> Response:
    """End the session (POST with the CSRF token) and go to the login page."""
    request.session.end()
    return redirect("/login", 303)
