"""Taxes: a percentage or a fixed amount per unit, included in the price or added to it, or a group.

A tax's ``scope`` says which documents offer it: sales documents, purchase
documents, or none (a tax used only inside groups). A group tax stands for
its ``children``, applied in their order (``sequence``), as if the line had
them instead; its own amount and price inclusion are not used, and it cannot
contain another group. How a line's taxes are computed is
`addons.commerce.taxes.line_amounts`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import Check
from core.orm.constraints import constrains
from core.orm.model import Model

AMOUNT_TYPES = [
    ("percent", "Percentage of the price"),
    ("fixed", "Fixed amount per unit"),
    ("group", "Group of taxes"),
]
SCOPES = [("sale", "Sales"), ("purchase", "Purchases"), ("none", "None")]


class Tax(Model, name="commerce.tax"):
    _description = "Tax"
    _order = "sequence, name"
    _sql_constraints = (
        Check("amount >= 0", name="amount_positive", message="A tax amount cannot be negative."),
    )

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    scope = fields.Selection(
        SCOPES, "Used in", default="sale", required=True, help="Which documents offer this tax."
    )
    amount_type = fields.Selection(AMOUNT_TYPES, "Computation", default="percent", required=True)
    amount = fields.Decimal(
        digits=(16, 4), default=0, required=True, help="The rate in percent, or the amount per unit."
    )
    price_include = fields.Boolean(
        "Included in price", default=False, help="Prices with this tax already contain it."
    )
    children = fields.Many2many(
        "commerce.tax",
        "Taxes of the group",
        relation="commerce_tax_group_rel",
        column1="group_id",
        column2="tax_id",
        help="Applied in their order instead of the group.",
    )
    company = fields.Many2one("base.company")
    active = fields.Boolean(default=True)

    @constrains("amount_type", "children")
    def _check_group(self) -> None:
        if self.amount_type != "group":
            if self.children:
                raise ValidationError(fields={"children": _("Only a group of taxes contains taxes.")})
            return
        if not self.children:
            raise ValidationError(fields={"children": _("Add the taxes of the group.")})
        if any(child.amount_type == "group" or child is self for child in self.children):
            raise ValidationError(fields={"children": _("A group cannot contain a group.")})


def scope_error(taxes: Iterable[Any], scope: str) -> str | None:
    """A message refusing those of ``taxes`` that are not used in ``scope``; None when all are."""
    wrong = [tax.name for tax in taxes if tax.scope != scope]
    if not wrong:
        return None
    return _(
        "Only taxes used in “%(scope)s” fit here, not %(taxes)s.",
        scope=_(dict(SCOPES)[scope]),
        taxes=", ".join(wrong),
    )
