"""Messages: the history of records of models with ``_history`` (creations, changes, notes).

The kernel writes them (`core.orm.history`); users read them with
``record.history()`` and add notes with ``record.post_note(body)``. A message
is never changed or deleted except by the system (``env.su``), so the history
stays an audit trail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.errors import AccessError
from core.orm import fields
from core.orm.history import APPEND_ONLY
from core.orm.model import Model


class Message(Model, name="base.message"):
    """One entry in the history of the record ``model`` #``res_id``."""

    _description = "Message"
    _order = "created_at desc, id desc"

    model = fields.Char("Model", required=True, index=True)
    res_id = fields.Integer("Record id", required=True, index=True)
    kind = fields.Selection(
        [("creation", "Created"), ("change", "Changed"), ("note", "Note")], required=True, default="note"
    )
    body = fields.Text()
    changes = fields.Json(
        help="The tracked fields changed: field, label, old and new value as users read them."
    )
    author = fields.Many2one("base.user", help="Who made the change or wrote the note.")

    def write(self, vals: Mapping[str, Any]) -> None:
        """Refused except for the system: history is append-only.

        Raises:
            AccessError: outside ``env.su``.
        """
        if not self.env.su:
            raise AccessError(APPEND_ONLY)
        super().write(vals)

    def unlink(self) -> None:
        """Refused except for the system: history is append-only.

        Raises:
            AccessError: outside ``env.su``.
        """
        if not self.env.su:
            raise AccessError(APPEND_ONLY)
        super().unlink()
