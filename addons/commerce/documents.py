"""What a taxed document (a sales or purchase order, later an invoice) and its lines declare.

Two mixins, listed before ``Model`` by the models that use them::

    class OrderLine(TaxedLine, Model, name="sales.order_line"):
        _tax_scope = "sale"
        order = fields.Many2one("sales.order", required=True, ondelete="cascade")
        currency = fields.Many2one("base.currency", related="order.currency", store=True)

    class Order(TaxedDocument, Model, name="sales.order"):
        lines = fields.One2many("sales.order_line", inverse="order")
        currency = fields.Many2one("base.currency", required=True)
        company = fields.Many2one("base.company", required=True)

`TaxedLine` adds a quantity at a unit price less a discount, its taxes, and
the stored amounts computed from them by `addons.commerce.taxes`:
``subtotal`` (the base rounded by the currency), ``tax_amount`` (each tax
rounded, then added) and ``total``. The model declares ``currency``; its
``_tax_scope`` says which taxes its lines take (``sale`` or ``purchase``).

`TaxedDocument` adds the ``tax_rounding`` (a new document copies its
company's) and the stored totals of its ``lines``: ``amount_untaxed`` (the
lines' subtotals), ``amount_tax`` (per tax, rounded per line or on the
total: `TaxedDocument.tax_totals`, what accounting posts as tax lines) and
``amount_total``. The model declares ``lines``, ``currency`` and ``company``.
`TaxedDocument.changes_lines` and `new_lines` help its ``write`` and ``new``
with the lines it is given.

Lines recompute when their own values or their list of taxes change, and
documents when their lines do; not when a tax's rate is edited later, so a
confirmed order, whose lines are locked, keeps the amounts it was confirmed
with.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any
from typing import ClassVar

from addons.commerce.models.tax import scope_error
from addons.commerce.taxes import TAX_ROUNDING
from addons.commerce.taxes import LineAmounts
from addons.commerce.taxes import document_taxes
from addons.commerce.taxes import line_amounts
from core.base.models.company import current_company
from core.errors import ValidationError
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)
LINE_INPUTS = ("price_unit", "quantity", "discount", "taxes")


class TaxedLine:
    """A line of a taxed document: quantity, unit price, discount, taxes and the amounts."""

    _tax_scope: ClassVar[str]
    currency: Any

    quantity = fields.Decimal(digits=(16, 4), default=1, required=True)
    price_unit = fields.Decimal("Unit price", digits=(20, 6), default=0, required=True)
    discount = fields.Decimal("Discount (%)", digits=(5, 2), default=0, required=True)
    taxes = fields.Many2many("commerce.tax")
    subtotal = fields.Monetary("Subtotal", currency="currency", store=True)
    tax_amount = fields.Monetary("Tax", currency="currency", store=True)
    total = fields.Monetary(currency="currency", store=True)

    @subtotal.computed_from(*LINE_INPUTS, "currency")
    @tax_amount.computed_from(*LINE_INPUTS, "currency")
    @total.computed_from(*LINE_INPUTS, "currency")
    def _compute_amounts(self) -> None:
        amounts = self.amounts()
        if self.currency is None:  # not attached to a document yet: nothing to round by
            self.subtotal, self.tax_amount = amounts.base, amounts.tax
        else:
            self.subtotal = self.currency.round(amounts.base)
            self.tax_amount = amounts.rounded_tax(self.currency)
        self.total = self.subtotal + self.tax_amount

    def amounts(self) -> LineAmounts:
        """The line's exact base and tax per tax (`addons.commerce.taxes.line_amounts`)."""
        return line_amounts(self.price_unit, self.quantity, self.discount, self.taxes)

    @constrains("taxes")
    def _check_tax_scope(self) -> None:
        message = scope_error(self.taxes, self._tax_scope)
        if message:
            raise ValidationError(fields={"taxes": message})


class TaxedDocument:
    """A taxed document: its tax rounding and the totals of its ``lines`` (`TaxedLine` records)."""

    lines: Any
    currency: Any

    tax_rounding = fields.Selection(TAX_ROUNDING, "Tax rounding", required=True, default=fields.SET_ON_CREATE)
    amount_untaxed = fields.Monetary("Untaxed amount", currency="currency", store=True)
    amount_tax = fields.Monetary("Taxes", currency="currency", store=True)
    amount_total = fields.Monetary("Total", currency="currency", store=True, tracked=True)

    @amount_untaxed.computed_from("lines.subtotal")
    @amount_tax.computed_from(*(f"lines.{name}" for name in LINE_INPUTS), "tax_rounding", "currency")
    @amount_total.computed_from("lines.subtotal", "lines.tax_amount")
    def _compute_amounts(self) -> None:
        self.amount_untaxed = sum((decimal.Decimal(line.subtotal or 0) for line in self.lines), ZERO)
        self.amount_tax = sum(self.tax_totals().values(), ZERO)
        self.amount_total = self.amount_untaxed + self.amount_tax

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Any:
        """A document that rounds its taxes as its company does, unless ``vals`` says otherwise."""
        if vals.get("tax_rounding") is None:
            company = env.record("base.company", vals.get("company")) or current_company(env)
            vals = {**vals, "tax_rounding": getattr(company, "tax_rounding", None) or "per_line"}
        return super().new(env, vals)  # type: ignore[misc]

    def changes_lines(self, items: Iterable[Any]) -> bool:
        """Whether the one2many value ``items`` adds lines to this document's or leaves some out."""
        given = [item.get("id") if isinstance(item, Mapping) else item.id for item in items or ()]
        return None in given or sorted(given) != sorted(line.id for line in self.lines)

    def tax_totals(self) -> dict[Any, decimal.Decimal]:
        """Per tax record, the document's rounded amount of it (what accounting posts as tax lines)."""
        if self.currency is None or not self.lines:
            return {}
        lines = [line.amounts() for line in self.lines]
        return document_taxes(lines, self.tax_rounding or "per_line", self.currency)


def new_lines(vals: dict[str, Any]) -> list[dict[str, Any]]:
    """The values of the lines ``vals`` creates (those without an id), for the document to complete.

    ``vals["lines"]`` becomes a list of copies (dicts copied, records kept), so
    completing them in place leaves the caller's values as they were.
    """
    vals["lines"] = [dict(line) if isinstance(line, Mapping) else line for line in vals.get("lines") or ()]
    return [line for line in vals["lines"] if isinstance(line, dict) and line.get("id") is None]


# Which product field gives a new line its taxes, by the line's tax scope.
PRODUCT_TAXES = {"sale": "taxes", "purchase": "supplier_taxes"}


def line_products(
    env: Environment, lines: Iterable[dict[str, Any]], scope: str
) -> list[tuple[dict[str, Any], Any]]:
    """Each new line naming a product, with that product; completes the line's description and taxes.

    The products, their units and their taxes load in one query each whatever
    the number of lines. A line keeps the description and taxes it was given;
    without them it takes the product's, those of ``scope`` (``sale`` or ``purchase``).
    """
    taxes = PRODUCT_TAXES[scope]
    ids = [vals["product"] for vals in lines if isinstance(vals.get("product"), int)]
    env["product.product"].browse(ids).prefetch(["uom", taxes])
    found = []
    for vals in lines:
        product = env.record("product.product", vals.get("product"))
        if product is None:
            continue
        vals.setdefault("description", product.description or product.display_name)
        if "taxes" not in vals:
            vals["taxes"] = [tax.id for tax in getattr(product, taxes)]
        found.append((vals, product))
    return found
