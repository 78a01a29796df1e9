"""Follow-up levels: how a company reminds customers of overdue invoices, by days past the due date.

Each level of a company is reached when the oldest overdue invoice of a
customer is ``days`` days late; its ``text`` is the letter printed for the
reminder, with placeholders filled in: ``{partner}``, ``{company}``,
``{amount}`` (what is overdue), ``{days}`` (how late the oldest invoice is)
and ``{date}``. The default levels (`default_levels`: a friendly reminder
at 15 days, a second notice at 30, a final notice at 60) are made for every
company when accounting is installed; their texts are printed in the
partner's language while they are left as shipped::

    env["accounting.followup_level"].create(default_levels(company))
"""

from __future__ import annotations

from typing import Any

from core.base.models.company import current_company
from core.i18n import _
from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import Unique
from core.orm.environment import Environment
from core.orm.model import Model


class FollowupLevel(Model, name="accounting.followup_level"):
    _description = "Follow-up level"
    _order = "company, days, id"
    _sql_constraints = (
        Check(
            "days > 0", name="days_positive", message="A follow-up level comes some days after the due date."
        ),
        Unique("company", "days", message="The company has another follow-up level after these many days."),
    )

    name = fields.Char(required=True)
    company = fields.Many2one("base.company", default=current_company, required=True, index=True)
    days = fields.Integer("Days after the due date", required=True, default=15)
    sequence = fields.Integer(default=10)
    text = fields.Text("Letter", help="Placeholders: {partner}, {company}, {amount}, {days}, {date}.")


def default_levels(company: Any) -> list[dict[str, Any]]:
    """The values of the shipped levels for ``company``: 15, 30 and 60 days."""
    return [
        {
            "company": company.id,
            "sequence": 10,
            "days": 15,
            "name": _("Friendly reminder"),
            "text": _(
                "Dear {partner},\n\nOur records show that the invoices below, {amount} in total, are past "
                "their due date. This may well be an oversight: please arrange the payment, or ignore this "
                "letter if it is already on its way.\n\nKind regards,\n{company}"
            ),
        },
        {
            "company": company.id,
            "sequence": 20,
            "days": 30,
            "name": _("Second notice"),
            "text": _(
                "Dear {partner},\n\nDespite our reminder, the invoices below, {amount} in total, are still "
                "unpaid, the oldest {days} days after its due date. Please pay them within seven days, or "
                "contact us if something is wrong with them.\n\nKind regards,\n{company}"
            ),
        },
        {
            "company": company.id,
            "sequence": 30,
            "days": 60,
            "name": _("Final notice"),
            "text": _(
                "Dear {partner},\n\nThe invoices below, {amount} in total, are now more than {days} days "
                "overdue. Unless we receive the payment within seven days of {date}, we will have to stop "
                "deliveries and pass the matter on for collection.\n\nYours sincerely,\n{company}"
            ),
        },
    ]


def ensure_default_levels(env: Environment) -> None:
    """Give the shipped levels to every company that has none (at install and at upgrade)."""
    Level = env["accounting.followup_level"]
    with_levels = {level.company.id for level in Level.search([])}
    Level.create(
        [
            vals
            for company in env["base.company"].search([("id", "not in", sorted(with_levels))])
            for vals in default_levels(company)
        ]
    )
