"""Tasks: something to do."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Model


class Task(Model, name="ext_tasks.task"):
    _description = "Task"

    name = fields.Char(required=True)
    done = fields.Boolean()
