"""Follow-ups: the reminder a customer gets when invoices are overdue, at one level, on one day.

The daily job (`addons.accounting.followups.create_followups`) makes them:
the partner, the level their oldest overdue invoice reached, the day, what
was overdue in the company currency and the overdue items. A reminder is
``to_send`` until a bookkeeper prints the letter (``/accounting/followup/<id>/print``,
in the partner's language) and marks it sent: the kernel sends no email yet.
"""

from __future__ import annotations

from typing import ClassVar

from core.base.models.company import current_company
from core.orm import fields
from core.orm.environment import Environment
from core.orm.model import Model
from core.orm.model import api_method
from core.orm.workflow import Transitions

STATES = [("to_send", "To send"), ("sent", "Sent")]


class Followup(Model, name="accounting.followup"):
    _description = "Follow-up"
    _order = "date desc, id desc"
    _history = True
    TRANSITIONS: ClassVar[Transitions] = Transitions({"to_send": {"sent"}, "sent": set()})

    partner = fields.Many2one("base.partner", required=True, ondelete="cascade", index=True)
    company = fields.Many2one("base.company", default=current_company, required=True, index=True)
    level = fields.Many2one("accounting.followup_level", required=True, ondelete="restrict", index=True)
    date = fields.Date(default=Environment.today, required=True, index=True)
    currency = fields.Many2one("base.currency", related="company.currency", store=True)
    amount = fields.Monetary("Overdue", currency="currency", required=True)
    items = fields.Many2many(
        "accounting.move_line",
        relation="accounting_followup_item_rel",
        column1="followup_id",
        column2="line_id",
        label="Overdue items",
    )
    state = fields.Selection(STATES, "Status", default="to_send", required=True, readonly=True, tracked=True)

    @api_method
    def action_mark_sent(self) -> Followup:
        """The letter went out (printed and posted, or sent by hand).

        Raises:
            ValidationError: it was marked sent already.
        """
        self.TRANSITIONS.move([self], "sent")
        return self
