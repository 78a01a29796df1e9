"""What accounting adds to taxes: the account their amounts post to, and the grids they report into.

An invoice posts one journal item per tax (`addons.accounting.invoicing`)
on the tax's ``account``, or on its ``refund_account`` for credit notes.
Turkish practice needs both: the KDV of a sale is credited to 391
Hesaplanan KDV, the KDV of a sales return is debited to 191 İndirilecek
KDV (and the other way round for purchases); elsewhere credit notes usually
reverse the invoice's account, which an empty ``refund_account`` means.

Taxes may be shared by companies (no ``company``) while accounts belong to
one: an account of another company than the invoice's is not used, and the
invoice's company's default account for the tax's scope is taken instead
(`Company.default_sale_tax_account`, `Company.default_purchase_tax_account`,
set by the chart of accounts). `tax_account` is that choice.

The four grids say where the tax report (`addons.accounting.tax_report`)
puts the base and the amount of the tax, on invoices and on credit notes;
empty refund grids mean credit notes reduce the invoice grids.
"""

from __future__ import annotations

from typing import Any

from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.model import Extension

GRID = {"comodel": "accounting.tax_grid", "ondelete": "restrict"}


def tax_account(tax: Any, company: Any, refund: bool) -> Any:
    """The account ``tax``'s amount posts to on a document of ``company`` (a credit note when ``refund``).

    The tax's own account (its refund account first for a credit note) when
    it belongs to ``company``, else the company's default for the tax's scope.

    Raises:
        ValidationError: neither exists.
    """
    candidates = [tax.refund_account, tax.account] if refund else [tax.account]
    for account in candidates:
        if account is not None and account.company == company:
            return account
    default = (
        company.default_sale_tax_account if tax.scope == "sale" else company.default_purchase_tax_account
    )
    if default is None:
        raise ValidationError(
            _(
                "%(tax)s has no account in %(company)s: set one on the tax, or the company's default tax "
                "accounts.",
                tax=tax.name,
                company=company.name,
            )
        )
    return default


class Tax(Extension, extends="commerce.tax"):
    account = fields.Many2one(
        "accounting.account",
        "Tax account",
        ondelete="restrict",
        help="Where invoices post the tax (391 Hesaplanan KDV for sales, 191 İndirilecek KDV for purchases).",
    )
    refund_account = fields.Many2one(
        "accounting.account",
        "Tax account on credit notes",
        ondelete="restrict",
        help="Where credit notes post the tax; empty: the tax account.",
    )
    base_grid = fields.Many2one(label="Base grid", help="The tax return line of the base.", **GRID)
    tax_grid = fields.Many2one(label="Tax grid", help="The tax return line of the tax amount.", **GRID)
    refund_base_grid = fields.Many2one(
        label="Base grid on credit notes", help="Empty: credit notes reduce the base grid.", **GRID
    )
    refund_tax_grid = fields.Many2one(
        label="Tax grid on credit notes", help="Empty: credit notes reduce the tax grid.", **GRID
    )
