"""The accounts a product's invoice lines book to: income when sold, expense when bought.

A line takes the product's account, else its category's, else the invoice
journal's default account, else the company's default
(`addons.accounting.invoicing.line_account`). Products and categories are
shared by companies while accounts belong to one: an account of another
company than the invoice's is passed over.
"""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Extension

INCOME = {"comodel": "accounting.account", "label": "Income account", "ondelete": "restrict"}
EXPENSE = {"comodel": "accounting.account", "label": "Expense account", "ondelete": "restrict"}


class Product(Extension, extends="product.product"):
    income_account = fields.Many2one(help="Customer invoice lines of the product book here.", **INCOME)
    expense_account = fields.Many2one(help="Vendor bill lines of the product book here.", **EXPENSE)


class Category(Extension, extends="product.category"):
    income_account = fields.Many2one(help="For products of the category without their own.", **INCOME)
    expense_account = fields.Many2one(help="For products of the category without their own.", **EXPENSE)
