"""Analytic accounts: cost centres and projects that journal items are assigned to, across accounts.

The general ledger says what was spent (rent, salaries); the analytic
account says for what (the İzmir branch, the Ankara project). Reports take
an analytic account as a filter, and the journal items list groups by it.
"""

from __future__ import annotations

from core.base.models.company import current_company
from core.orm import fields
from core.orm.constraints import Unique
from core.orm.model import Model

KINDS = [("cost_centre", "Cost centre"), ("project", "Project")]


class AnalyticAccount(Model, name="accounting.analytic_account"):
    _description = "Analytic account"
    _order = "code, name, id"
    _sql_constraints = (
        Unique("code", "company", message="Another analytic account of this company has this code."),
    )

    name = fields.Char(required=True, index=True)
    code = fields.Char("Reference")
    kind = fields.Selection(KINDS, default="cost_centre", required=True)
    company = fields.Many2one("base.company", default=current_company, required=True, index=True)
    active = fields.Boolean(default=True)
