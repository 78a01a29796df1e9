"""With ext_board installed, a task sits on one of its stages."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Extension


class Task(Extension, extends="ext_tasks.task"):
    stage = fields.Many2one("ext_board.stage", ondelete="set null")
