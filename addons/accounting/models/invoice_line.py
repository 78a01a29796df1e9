"""Invoice lines: what is invoiced, on which account, at what price and with which taxes.

The quantity, prices, discount, taxes and amounts are commerce's taxed line
(`addons.commerce.documents.TaxedLine`), so an invoice of an order's lines
has the order's amounts to the cent. Its taxes are sales taxes on customer
invoices and credit notes, purchase taxes on vendor bills and credit notes.

A new line naming a product takes the product's description and taxes of
the invoice's side (when not given) and its account: the product's income
or expense account, else its category's, the journal's default account or
the company's (`addons.accounting.invoicing.complete_lines`). Posting books
one income or expense item per line, with its analytic account.

The lines of a posted or cancelled invoice never change
(`addons.accounting.models.invoice.Invoice.check_draft`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from addons.accounting import invoicing
from addons.accounting.changes import is_new
from addons.accounting.changes import previous_value
from addons.accounting.invoicing import COPIED_LINE_FIELDS
from addons.accounting.models.invoice import ACCOUNTANTS
from addons.commerce.documents import TaxedLine
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.model import Model

# Every field a user sets on a line: what a posted invoice's lines keep.
LINE_FIELDS = ("invoice", "taxes", *COPIED_LINE_FIELDS)


class InvoiceLine(TaxedLine, Model, name="accounting.invoice_line"):
    _description = "Invoice line"
    _order = "invoice, sequence, id"
    _rec_name = "description"
    _sql_constraints = (
        Check(
            "discount >= 0 AND discount <= 100", name="discount_range", message="A discount is 0 to 100 %."
        ),
    )

    invoice = fields.Many2one("accounting.invoice", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    product = fields.Many2one("product.product", ondelete="restrict", index=True)
    description = fields.Text(help="Filled from the product when left empty.")
    account = fields.Many2one(
        "accounting.account", ondelete="restrict", help="Where the line is booked.", groups=ACCOUNTANTS
    )
    uom = fields.Many2one("base.uom", "Unit")
    analytic_account = fields.Many2one(
        "accounting.analytic_account", "Analytic account", ondelete="restrict", groups=ACCOUNTANTS
    )
    currency = fields.Many2one("base.currency", related="invoice.currency", store=True)
    company = fields.Many2one("base.company", related="invoice.company", store=True, index=True)

    @property
    def _tax_scope(self) -> str:  # type: ignore[override]
        """Sales taxes on customer documents, purchase taxes on vendor ones."""
        return invoicing.tax_scope(self.invoice.kind if self.invoice is not None else "out_invoice")

    @constrains("product", "description")
    def _check_says_what_is_invoiced(self) -> None:
        if self.product is None and not self.description:
            raise ValidationError(fields={"description": _("A line needs a product or a description.")})

    @constrains(*LINE_FIELDS)
    def _check_invoice_draft(self) -> None:
        """Lines are added, changed and removed on draft invoices only."""
        invoice = self.invoice
        if invoice is None:
            return
        state = previous_value(invoice, "state") if not is_new(invoice) else invoice.state
        if state != "draft":
            invoice.check_draft(["lines"])

    def copy_values(self) -> dict[str, Any]:
        """The values of a copy of this line, on a copied invoice or a credit note.

        An extension linking lines to its own records (an order line) overrides
        it to add its field to ``super().copy_values()``, so a credit note stays
        linked to what its invoice invoiced.
        """
        return {**{name: getattr(self, name) for name in COPIED_LINE_FIELDS}, "taxes": list(self.taxes)}

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> InvoiceLine:
        """A line, completed from its product and its invoice when it names its invoice."""
        invoice = env.record("accounting.invoice", vals.get("invoice"))
        if invoice is not None:
            vals = dict(vals)
            invoicing.complete_lines(env, [vals], invoice.kind, invoice.company, invoice.journal)
        return super().new(env, vals)  # type: ignore[return-value]

    def unlink(self) -> None:
        """Delete the line of a draft invoice.

        Raises:
            ValidationError: the invoice is posted or cancelled.
        """
        if self.invoice is not None:
            self.invoice.check_draft(["lines"])
        super().unlink()
