"""Payment terms: when a document's total is paid, in one or more installments.

Each line is an installment due some ``days`` after the document date
(moved to the last day of that month with ``end_of_month``): a percentage
of the total, or the balance, what the other lines leave. A term has exactly
one balance line and its percentages add up to 100 at most::

    term.installments(Decimal("1000.00"), dt.date(2026, 1, 15), eur)
    # "30% now, 70% in 60 days": [(2026-01-15, 300.00), (2026-03-16, 700.00)]
    term.due_date(dt.date(2026, 1, 15))   # 2026-03-16, the last installment's day

Percentages are rounded by the currency and the balance takes the rest, so
the installments always add up to the total exactly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import decimal
from typing import Any

from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import constrains
from core.orm.model import Model

KINDS = [("percent", "Percent of the total"), ("balance", "Balance")]
HUNDRED = decimal.Decimal(100)
ZERO = decimal.Decimal(0)


class PaymentTerm(Model, name="commerce.payment_term"):
    _description = "Payment term"
    _order = "sequence, name"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    lines = fields.One2many("commerce.payment_term_line", inverse="term", label="Installments")
    note = fields.Text(help="Printed on documents with these terms.")
    active = fields.Boolean(default=True)

    @constrains("lines")
    def _check_lines(self) -> None:
        balances = [line for line in self.lines if line.kind == "balance"]
        if len(balances) != 1:
            raise ValidationError(
                _("%(name)s: a payment term has one balance line.", name=self.name),
                fields={"lines": _("Give exactly one line the balance.")},
            )
        percents = [decimal.Decimal(line.value or 0) for line in self.lines if line.kind == "percent"]
        if sum(percents, ZERO) > HUNDRED:
            raise ValidationError(
                _("%(name)s: the percentages add up to more than 100.", name=self.name),
                fields={"lines": _("Percentages of at most 100 in all.")},
            )

    def installments(self, total: Any, day: dt.date, currency: Any) -> list[tuple[dt.date, decimal.Decimal]]:
        """The due dates and amounts of ``total`` for a document dated ``day``, earliest first.

        Percentages are rounded by ``currency``; the balance line takes the
        rest, so the amounts add up to ``total`` exactly.
        """
        total = decimal.Decimal(total or 0)
        amounts = {
            line.id: currency.round(total * decimal.Decimal(line.value or 0) / HUNDRED)
            for line in self.lines
            if line.kind == "percent"
        }
        rest = total - sum(amounts.values(), ZERO)
        dated = [(line.due_on(day), amounts.get(line.id, rest)) for line in self.lines]
        return sorted(dated, key=lambda installment: installment[0])

    def due_date(self, day: dt.date) -> dt.date:
        """The day the last installment is due, for a document dated ``day``."""
        return max((line.due_on(day) for line in self.lines), default=day)


class PaymentTermLine(Model, name="commerce.payment_term_line"):
    _description = "Payment term installment"
    _order = "term, sequence, id"
    _rec_name = None
    _sql_constraints = (
        Check("days >= 0", name="days_positive", message="Days cannot be negative."),
        Check("value >= 0 AND value <= 100", name="value_range", message="A percentage is 0 to 100."),
    )

    term = fields.Many2one("commerce.payment_term", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(KINDS, "Amount", default="balance", required=True)
    value = fields.Decimal("Percent", digits=(5, 2), default=0, required=True, help="For percent lines.")
    days = fields.Integer(default=0, required=True, help="Days after the document date.")
    end_of_month = fields.Boolean(
        "End of month", default=False, help="Due on the last day of the month those days lead to."
    )

    @constrains("kind", "value", "term")
    def _check_term(self) -> None:
        if self.term is not None:
            self.term._check_lines()

    def due_on(self, day: dt.date) -> dt.date:
        """The day this installment is due for a document dated ``day``."""
        due = day + dt.timedelta(days=self.days or 0)
        if self.end_of_month:
            due = due.replace(day=calendar.monthrange(due.year, due.month)[1])
        return due

    def unlink(self) -> None:
        """Delete the installment.

        Raises:
            ValidationError: it is its term's balance line.
        """
        if self.kind == "balance" and self.term is not None:
            raise ValidationError(
                _("The balance line of %(name)s cannot be deleted; change it instead.", name=self.term.name),
                fields={"lines": _("Give exactly one line the balance.")},
            )
        super().unlink()
