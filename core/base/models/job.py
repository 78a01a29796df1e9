"""The state of each scheduled job: when it last ran, how it went, when it runs next."""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Unique
from core.orm.model import Model


class JobState(Model, name="base.job"):
    _description = "Scheduled job"
    _order = "name"
    _sql_constraints = (Unique("name", message="This job is already known."),)

    name = fields.Char(required=True, readonly=True)
    last_started_at = fields.Datetime("Last started", readonly=True)
    last_finished_at = fields.Datetime("Last finished", readonly=True)
    last_status = fields.Selection([("ok", "Succeeded"), ("failed", "Failed")], readonly=True)
    last_error = fields.Text(readonly=True)
    next_run_at = fields.Datetime("Next run", readonly=True)
