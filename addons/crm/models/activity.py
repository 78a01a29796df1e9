"""Activities: the next call, meeting, email or to-do on a lead or a partner, assigned to someone.

Marking one done (`Activity.action_done`) writes "Call done: <summary> —
<feedback>" in the history of its lead (or partner) and closes it; closed
activities stay, so the history of who did what when is complete and the
follow-up job knows when a lead was last worked on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.model import Model
from core.orm.model import api_method

KINDS = [("call", "Call"), ("meeting", "Meeting"), ("email", "Email"), ("todo", "To-do")]
STATES = [("planned", "Planned"), ("done", "Done")]
# One message per kind, so each is translated as a whole sentence.
DONE_MESSAGES: dict[str, Callable[[str], str]] = {
    "call": lambda summary: _("Call done: %(summary)s", summary=summary),
    "meeting": lambda summary: _("Meeting done: %(summary)s", summary=summary),
    "email": lambda summary: _("Email done: %(summary)s", summary=summary),
    "todo": lambda summary: _("To-do done: %(summary)s", summary=summary),
}


class Activity(Model, name="crm.activity"):
    _description = "Activity"
    _order = "date_due, id"
    _rec_name = "summary"

    kind = fields.Selection(KINDS, "Type", default="call", required=True)
    summary = fields.Char(required=True)
    note = fields.Text()
    date_due = fields.Date("Due date", required=True, default=Environment.today, index=True)
    user = fields.Many2one("base.user", "Assigned to", default=lambda env: env.user_id)
    lead = fields.Many2one("crm.lead", ondelete="cascade")
    partner = fields.Many2one("base.partner", ondelete="cascade")
    state = fields.Selection(STATES, default="planned", required=True, index=True)
    date_done = fields.Datetime("Done on", readonly=True, copy=False)
    feedback = fields.Text(readonly=True, copy=False)
    rule = fields.Many2one("crm.followup_rule", "Created by rule", readonly=True, copy=False)

    @constrains("lead", "partner")
    def _check_target(self) -> None:
        if self.lead is None and self.partner is None:
            raise ValidationError(fields={"lead": _("Link the activity to a lead or a partner.")})

    @api_method
    def action_done(self, feedback: str | None = None) -> None:
        """Close the activity and log it, with ``feedback``, in its lead's (or partner's) history.

        Raises:
            ValidationError: it is already done.
            AccessError: the user may not read the lead or partner.
        """
        if self.state == "done":
            raise ValidationError(_("This activity is already done."), fields={"state": _("Done.")})
        body = DONE_MESSAGES[self.kind](self.summary)
        feedback = (feedback or "").strip() or None
        if feedback:
            body = f"{body} — {feedback}"
        target: Any = self.lead if self.lead is not None else self.partner
        target.post_note(body)
        self.write({"state": "done", "date_done": dt.datetime.now(dt.UTC), "feedback": feedback})
