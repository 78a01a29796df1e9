"""``POST /web/<model>/batch``: archive, unarchive or delete the records selected in a list.

One transaction for all of them, as the user: a right or a rule that refuses
one record refuses the batch (403 page), and a deletion another record's
required reference forbids is refused with the database's reason (409)::

    <form method="post" action="/web/base.partner/batch">
      <input type="hidden" name="csrf_token" value="...">
      <input type="checkbox" name="ids" value="7"> ...
      <button name="operation" value="archive">Archive</button>
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import NotFound
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from core.i18n import _
from core.web.auth import safe_next
from core.web.pages.urls import list_url

if TYPE_CHECKING:
    from core.web.app import Request

OPERATIONS = ("archive", "unarchive", "delete")
MAX_ID = 2**31 - 1  # ids are 32-bit integers in PostgreSQL


def selected_ids(values: list[str]) -> list[int]:
    """The record ids of a form or query, repeated (``ids=1&ids=2``) or comma-separated.

    Raises:
        BadRequest: one of them is not a record id.
    """
    ids = [part.strip() for value in values for part in value.split(",") if part.strip()]
    if not all(part.isascii() and part.isdigit() and int(part) <= MAX_ID for part in ids):
        raise BadRequest(_("Record ids are whole numbers."))
    return list(dict.fromkeys(int(part) for part in ids))


def batch(request: Request, model: str) -> Response:
    """Apply the posted ``operation`` to the posted ``ids``, then go back to ``next`` (the list)."""
    env = request.env
    if model not in env.registry:
        raise NotFound(_("There is no model named %(model)s.", model=model))
    operation = request.form.get("operation", "")
    if operation not in OPERATIONS:
        raise BadRequest(_("Choose archive, unarchive or delete."))
    ids = selected_ids(request.form.getlist("ids"))
    if not ids:
        raise BadRequest(_("Select at least one record."))
    records = env[model].browse(ids)
    if operation == "delete":
        records.unlink()
    else:
        if "active" not in env.registry[model]._fields:
            raise BadRequest(_("These records cannot be archived."))
        records.write({"active": operation == "unarchive"})
    env.flush()
    target = request.form.get("next")
    return redirect(safe_next(target) if target else list_url(model), 303)
