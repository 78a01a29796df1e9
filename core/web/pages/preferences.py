"""``POST /web/preferences/language``: the user picks the language of their pages.

Users may not write their own user record in general (only administrators
manage users), but their language is theirs to choose: it is written as
the system, and nothing else is::

    <form method="post" action="/web/preferences/language">
      <input type="hidden" name="csrf_token" value="..."><input type="hidden" name="next" value="/web/...">
      <button name="lang" value="tr">Türkçe</button>
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from werkzeug.exceptions import BadRequest
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from core.i18n import LANGUAGES
from core.i18n import _
from core.web.auth import safe_next

if TYPE_CHECKING:
    from core.web.app import Request


def language(request: Request) -> Response:
    """Set the posted ``lang`` as the user's language and go back to ``next``.

    Raises:
        BadRequest: ``lang`` is not a shipped language.
    """
    lang = request.form.get("lang", "")
    assert request.user is not None
    if lang not in LANGUAGES:
        raise BadRequest(_("Choose one of the languages offered."))
    with request.env.sudo() as env:
        env["base.user"].get(request.user.id).write({"lang": lang})
    return redirect(safe_next(request.form.get("next")), 303)
