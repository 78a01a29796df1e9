"""What accounting adds to companies: their chart, default accounts and lock dates.

``chart_template`` records which chart was loaded (`addons.accounting.charts`);
the default accounts are where documents book when nothing more precise is
known (receivable and payable for partners, income and expense for
products), ``default_retained_earnings_account`` receives the result of
each closed fiscal year, the default tax accounts take the taxes that have
no account of the company (`addons.accounting.models.tax.tax_account`) and
the exchange accounts the realised exchange differences of reconciliations
(`addons.accounting.reconciliation`). The two lock dates close periods
(`addons.accounting.locks`): only advisers change them, through
`Company.set_lock_dates`, and the hard lock date never moves back. A new
company gets the default follow-up levels (`followup_level.default_levels`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from addons.accounting import charts
from addons.accounting.changes import previous_value
from addons.accounting.locks import check_adviser
from addons.accounting.models.followup_level import default_levels
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.model import Extension
from core.orm.model import api_method
from core.orm.records import RecordSet

DEFAULT_ACCOUNT = {"ondelete": "restrict"}


def chart_selection() -> list[tuple[str, str]]:
    """The shipped chart templates as selection options: (code, name)."""
    return [(code, chart.name) for code, chart in charts.chart_templates().items()]


class Company(Extension, extends="base.company"):
    chart_template = fields.Selection(chart_selection(), "Chart of accounts", readonly=True, copy=False)
    default_receivable_account = fields.Many2one(
        "accounting.account", "Default receivable account", copy=False, **DEFAULT_ACCOUNT
    )
    default_payable_account = fields.Many2one(
        "accounting.account", "Default payable account", copy=False, **DEFAULT_ACCOUNT
    )
    default_income_account = fields.Many2one(
        "accounting.account", "Default income account", copy=False, **DEFAULT_ACCOUNT
    )
    default_expense_account = fields.Many2one(
        "accounting.account", "Default expense account", copy=False, **DEFAULT_ACCOUNT
    )
    default_retained_earnings_account = fields.Many2one(
        "accounting.account",
        "Retained earnings account",
        copy=False,
        help="Receives the result of each fiscal year when it is closed.",
        **DEFAULT_ACCOUNT,
    )
    default_sale_tax_account = fields.Many2one(
        "accounting.account", "Default tax account for sales", copy=False, **DEFAULT_ACCOUNT
    )
    default_purchase_tax_account = fields.Many2one(
        "accounting.account", "Default tax account for purchases", copy=False, **DEFAULT_ACCOUNT
    )
    default_exchange_gain_account = fields.Many2one(
        "accounting.account", "Exchange gain account", copy=False, **DEFAULT_ACCOUNT
    )
    default_exchange_loss_account = fields.Many2one(
        "accounting.account", "Exchange loss account", copy=False, **DEFAULT_ACCOUNT
    )
    period_lock_date = fields.Date(
        "Lock date for non-advisers",
        readonly=True,
        copy=False,
        help="Only accounting advisers post entries dated on or before it.",
    )
    hard_lock_date = fields.Date(
        "Lock date for everyone",
        readonly=True,
        copy=False,
        help="Nobody creates, changes or posts entries dated on or before it; it never moves back.",
    )

    @classmethod
    def create(cls, env: Environment, vals_list: Sequence[Mapping[str, Any]]) -> RecordSet[Any]:
        """Create the companies, each with the default follow-up levels."""
        companies = super().create(env, vals_list)
        with env.sudo():
            env["accounting.followup_level"].create(
                [vals for company in companies for vals in default_levels(company)]
            )
        return companies

    @constrains("period_lock_date", "hard_lock_date")
    def _check_lock_dates(self) -> None:
        """Only advisers move lock dates; the hard one only forward, and not over draft entries."""
        previous = previous_value(self, "hard_lock_date")
        new = self.hard_lock_date
        if new == previous and self.period_lock_date == previous_value(self, "period_lock_date"):
            return  # a new company without lock dates, or another field of the company changed
        check_adviser(self.env, _("Only accounting advisers change lock dates."))
        if previous is not None and (new is None or new < previous):
            raise ValidationError(
                _("The lock date for everyone cannot move back from %(day)s.", day=previous.isoformat()),
                fields={"hard_lock_date": _("It only moves forward.")},
            )
        if new is not None and new != previous:
            drafts = self.env["accounting.move"].search_count(
                [("company", "=", self.id), ("state", "=", "draft"), ("date", "<=", new.isoformat())]
            )
            if drafts:
                raise ValidationError(
                    _(
                        "%(count)s draft entries are dated on or before %(day)s: post or delete them "
                        "before locking.",
                        count=drafts,
                        day=new.isoformat(),
                    ),
                    fields={"hard_lock_date": _("Draft entries in the period.")},
                )

    @api_method
    def set_lock_dates(
        self, period_lock_date: dt.date | None = None, hard_lock_date: dt.date | None = None
    ) -> Company:
        """Set the period lock date (empty clears it) and, if given, move the hard lock date forward.

        Raises:
            AccessError: the user is not an accounting adviser.
            ValidationError: the hard lock date would move back, or draft
                entries are dated on or before it.
        """
        env = self.env
        check_adviser(env, _("Only accounting advisers change lock dates."))
        vals: dict[str, dt.date | None] = {"period_lock_date": period_lock_date}
        if hard_lock_date is not None:
            vals["hard_lock_date"] = hard_lock_date
        with env.sudo():
            self.write(vals)
        return self

    @api_method
    def action_load_chart(self, template: str) -> Company:
        """Load the chart of accounts ``template`` (its accounts, journals and default accounts).

        Raises:
            AccessError: the user is not an accounting adviser.
            UserError: no such template, or the company already has accounts.
        """
        check_adviser(self.env, _("Only accounting advisers load a chart of accounts."))
        charts.load_chart(self.env, self, template)
        return self
