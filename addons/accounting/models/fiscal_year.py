"""Fiscal years: a company's accounting years, open until an adviser closes them.

A fiscal year is a date range of one company; two never overlap. Its form
is where advisers close periods: it shows the company's lock dates and sets
them (`FiscalYear.set_lock_dates`). Closing
one (`FiscalYear.action_close`, `addons.accounting.closing`) posts the entry
that moves the year's income and expenses to the retained earnings account,
marks the year closed and locks the books up to its last day for everyone.
Years not declared are calendar years: reports and posting need no fiscal
year record, only closing does.
"""

from __future__ import annotations

import datetime as dt

from addons.accounting import closing
from addons.accounting.changes import previous_value
from core.base.models.company import current_company
from core.errors import UserError
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Model
from core.orm.model import api_method

STATES = [("open", "Open"), ("closed", "Closed")]


class FiscalYear(Model, name="accounting.fiscal_year"):
    _description = "Fiscal year"
    _order = "date_from desc, id"
    _history = True

    name = fields.Char(required=True)
    company = fields.Many2one("base.company", default=current_company, required=True, index=True)
    date_from = fields.Date("Start date", required=True)
    date_to = fields.Date("End date", required=True)
    state = fields.Selection(
        STATES, "Status", default="open", required=True, readonly=True, tracked=True, copy=False
    )
    closing_move = fields.Many2one(
        "accounting.move", "Closing entry", readonly=True, copy=False, ondelete="restrict"
    )
    period_lock_date = fields.Date(
        "Lock date for non-advisers", related="company.period_lock_date", readonly=True
    )
    hard_lock_date = fields.Date("Lock date for everyone", related="company.hard_lock_date", readonly=True)

    @constrains("date_from", "date_to", "company")
    def _check_dates(self) -> None:
        if previous_value(self, "state") == "closed":
            raise ValidationError(
                _("%(year)s is closed: its dates and company no longer change.", year=self.name),
                fields={"date_to": _("Closed.")},
            )
        if self.date_from > self.date_to:
            raise ValidationError(
                _("A fiscal year ends after it starts."), fields={"date_to": _("Before the start date.")}
            )
        overlapping = self.env["accounting.fiscal_year"].search_count(
            [
                ("company", "=", self.company.id),
                ("id", "!=", self.id or 0),
                ("date_from", "<=", self.date_to.isoformat()),
                ("date_to", ">=", self.date_from.isoformat()),
            ]
        )
        if overlapping:
            raise ValidationError(
                _("Another fiscal year of %(company)s overlaps these dates.", company=self.company.name),
                fields={"date_from": _("Overlaps another fiscal year.")},
            )

    def unlink(self) -> None:
        """Delete an open fiscal year.

        Raises:
            UserError: the year is closed (its closing entry refers to it).
        """
        if self.state == "closed":
            raise UserError(_("%(year)s is closed: it cannot be deleted.", year=self.name))
        super().unlink()

    @api_method
    def set_lock_dates(
        self, period_lock_date: dt.date | None = None, hard_lock_date: dt.date | None = None
    ) -> FiscalYear:
        """Set the lock dates of the year's company (`addons.accounting.models.company.Company`).

        Raises:
            AccessError: the user is not an accounting adviser.
            ValidationError: the hard lock date would move back or pass over draft entries.
        """
        self.company.set_lock_dates(period_lock_date=period_lock_date, hard_lock_date=hard_lock_date)
        return self

    @api_method
    def action_close(self) -> FiscalYear:
        """Post the closing entry, close the year and lock the books up to its end (`closing.close_year`).

        Raises:
            AccessError: the user is not an accounting adviser.
            ValidationError: the year is closed already, draft entries remain
                in it, or the company has no retained earnings account.
        """
        closing.close_year(self)
        return self
