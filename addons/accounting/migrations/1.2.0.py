"""1.2.0: bank statements, follow-ups and the cash flow statement. Companies charted before get the
default follow-up levels, as new companies do."""

from __future__ import annotations

from typing import Any

from addons.accounting.models.followup_level import default_levels
from core.orm.environment import Environment


def migrate(op: Any, env: Environment) -> None:
    levels = env["accounting.followup_level"]
    for company in env["base.company"].search([]):
        if not levels.search_count([("company", "=", company.id)]):
            levels.create(default_levels(company))
