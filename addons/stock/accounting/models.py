"""What stock adds to accounting's records, and accounting to stock's.

* ``base.company``: ``stock_journal`` (empty: the company keeps its stock out
  of the books, periodic inventory booked by hand) and the default stock
  accounts, filled from the chart template (`addons.accounting.charts`);
* ``product.category``: the same accounts, for the products of the category
  and of its children that have none of their own, in the account's company;
* ``accounting.move_line``: ``stock_move``, the move an item books, locked
  once its entry is posted like the item's other fields.
"""

from __future__ import annotations

from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Extension

BOOKKEEPERS = ("accounting.group_user",)
# Each role's account: on categories ``<role>_account``, on companies ``default_<role>_account``.
ROLES = {
    "stock_valuation": ("Stock valuation account", "The value of the goods on hand."),
    "stock_received": (
        "Goods received not invoiced",
        "Credited by receipts, debited by the vendor's bill (and by returns to the vendor).",
    ),
    "cogs": ("Cost of goods sold account", "Debited by deliveries, credited by customer returns."),
    "inventory_loss": ("Inventory loss account", "Debited when a count finds less than the books."),
    "inventory_gain": ("Inventory gain account", "Credited when a count finds more than the books."),
}


def _account(label: str, help_text: str, **options: object) -> fields.Many2one:
    return fields.Many2one(
        "accounting.account", label, help=help_text, ondelete="restrict", groups=BOOKKEEPERS, **options
    )


class Company(Extension, extends="base.company"):
    stock_journal = fields.Many2one(
        "accounting.journal",
        "Stock journal",
        copy=False,
        ondelete="restrict",
        groups=BOOKKEEPERS,
        help="Where each move of goods into or out of the company's stock posts its entry. Empty: "
        "stock stays out of the books (periodic inventory).",
    )
    default_stock_valuation_account = _account(*ROLES["stock_valuation"], copy=False)
    default_stock_received_account = _account(*ROLES["stock_received"], copy=False)
    default_cogs_account = _account(*ROLES["cogs"], copy=False)
    default_inventory_loss_account = _account(*ROLES["inventory_loss"], copy=False)
    default_inventory_gain_account = _account(*ROLES["inventory_gain"], copy=False)


class Category(Extension, extends="product.category"):
    stock_valuation_account = _account(*ROLES["stock_valuation"])
    stock_received_account = _account(*ROLES["stock_received"])
    cogs_account = _account(*ROLES["cogs"])
    inventory_loss_account = _account(*ROLES["inventory_loss"])
    inventory_gain_account = _account(*ROLES["inventory_gain"])


class MoveLine(Extension, extends="accounting.move_line"):
    stock_move = fields.Many2one("stock.move", "Stock move", readonly=True, index=True, ondelete="restrict")

    @constrains("stock_move")
    def _check_stock_move_locked(self) -> None:
        self._check_entry_not_posted()
