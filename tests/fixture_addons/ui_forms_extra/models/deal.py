"""Adds a competitor note and an escalation to deals."""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Extension
from core.orm.model import api_method


class Deal(Extension, extends="ui_forms.deal"):
    competitor = fields.Char()
    escalated = fields.Boolean()

    @api_method
    def escalate(self) -> None:
        self.write({"escalated": True, "priority": "1"})
