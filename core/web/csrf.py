"""Cross-site request forgery: unsafe requests must echo their session's token.

Every session (anonymous ones too) holds a random token (`core.web.session`).
Pages put it in each form as a hidden field, scripts send it in a header, and
every POST, PUT, PATCH or DELETE without the right one is refused with 403
before its endpoint runs::

    <form method="post">
      <input type="hidden" name="csrf_token" value="{{ csrf_token }}">

    fetch(url, {method: "POST", headers: {"X-CSRF-Token": token}})

A cross-site page can make the browser send the cookie but cannot read the
token, so it cannot forge the request.
"""

from __future__ import annotations

import hmac

from werkzeug.wrappers import Request

from core.errors import AccessError
from core.web.session import WebSession

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class CSRFError(AccessError):
    """An unsafe request without its session's CSRF token (HTTP 403)."""

    def __init__(self) -> None:
        super().__init__(
            "This form has expired or did not come from this site; reload the page and try again."
        )


def check(request: Request, session: WebSession) -> None:
    """Refuse an unsafe request that does not carry ``session``'s token.

    The token is read from the ``X-CSRF-Token`` header, else the ``csrf_token``
    form field. A new session (no cookie, or a forged or expired one) has no
    token the client could know, so its unsafe requests are always refused.

    Raises:
        CSRFError: the method is unsafe and the token is missing or wrong.
    """
    if request.method not in UNSAFE_METHODS:
        return
    sent = request.headers.get(HEADER) or request.form.get(FIELD) or ""
    if session.age is None or not hmac.compare_digest(sent.encode(), session.csrf.encode()):
        raise CSRFError()
