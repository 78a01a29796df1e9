"""1.2.0: bank statements, follow-ups and the cash flow statement; invoices' access for salespeople
moved to sales (its extra of accounting).

Companies charted before get the default follow-up levels, as new companies
do. The access records of salespeople to invoices, which accounting's data
created as its extra of sales, now come from sales' data under the same
names: their external ids pass to sales, so its upgrade updates them rather
than adding copies.
"""

from __future__ import annotations

from typing import Any

from addons.accounting.models.followup_level import ensure_default_levels
from core.orm.environment import Environment

MOVED_TO_SALES = (
    "access_invoice_salesperson",
    "access_invoice_line_salesperson",
    "rule_invoice_salesperson",
    "rule_invoice_line_salesperson",
    "rule_invoice_accounting",
)


def migrate(op: Any, env: Environment) -> None:
    ensure_default_levels(env)
    moved = env["base.external_id"].search(
        [("addon", "=", "accounting"), ("name", "in", list(MOVED_TO_SALES))]
    )
    moved.write({"addon": "sales"})
