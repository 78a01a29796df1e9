"""Support tickets: a label, a help, selection options and a message in ``_()`` to translate."""

from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Model


class Ticket(Model, name="i18n_probe.ticket"):
    _description = "Support ticket"

    name = fields.Char("Subject", required=True, help="One line saying what is wrong.")
    state = fields.Selection(
        [("open", "Waiting for an answer"), ("closed", "Solved")], "Status", default="open"
    )
    hours = fields.Integer("Hours spent", default=0)

    @constrains("hours")
    def _check_hours(self) -> None:
        if self.hours < 0:
            raise ValidationError(fields={"hours": _("Hours spent cannot be negative.")})
