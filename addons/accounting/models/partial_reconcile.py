"""Partial reconciliations: an amount of a debit item matched with an amount of a credit item.

Paying an invoice matches its receivable item (a debit) with the payment's
(a credit) for the amount paid; a partial payment leaves both open for the
rest. Each match is one record: ``amount`` in the company currency, and the
amount taken from each item in that item's currency (``debit_amount_currency``,
``credit_amount_currency``; the company amount for items without a foreign
currency). Both items' open amounts (`MoveLine.amount_residual`) drop by the
match, so the open amounts of a partner's items always add up to their
balance.

``max_date`` is the later of the two items' dates: from that day on the
match counts in reports of open items at a date (`addons.accounting.aging`),
whenever it was made. Matches are made and undone by
`addons.accounting.reconciliation`; deleting them is unreconciling.
"""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import Check
from core.orm.model import Model


class PartialReconcile(Model, name="accounting.partial_reconcile"):
    _description = "Partial reconciliation"
    _order = "max_date, id"
    _rec_name = None
    _sql_constraints = (
        Check(
            "amount >= 0 AND debit_amount_currency >= 0 AND credit_amount_currency >= 0",
            name="positive",
            message="A reconciliation matches positive amounts.",
        ),
    )

    debit_line = fields.Many2one(
        "accounting.move_line", "Debit item", required=True, ondelete="cascade", index=True
    )
    credit_line = fields.Many2one(
        "accounting.move_line", "Credit item", required=True, ondelete="cascade", index=True
    )
    amount = fields.Monetary(currency="company_currency", required=True)
    debit_amount_currency = fields.Monetary(
        "Amount of the debit item's currency", currency="debit_currency", required=True
    )
    credit_amount_currency = fields.Monetary(
        "Amount of the credit item's currency", currency="credit_currency", required=True
    )
    debit_currency = fields.Many2one("base.currency", related="debit_line.currency", store=True)
    credit_currency = fields.Many2one("base.currency", related="credit_line.currency", store=True)
    max_date = fields.Date("Matched on", store=True, index=True)
    company = fields.Many2one("base.company", related="debit_line.company", store=True, index=True)
    company_currency = fields.Many2one("base.currency", related="company.currency", store=True)

    @max_date.computed_from("debit_line.date", "credit_line.date")
    def _compute_max_date(self) -> None:
        dates = [line.date for line in (self.debit_line, self.credit_line) if line is not None]
        self.max_date = max(dates) if dates else None
