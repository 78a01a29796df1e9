"""The company's sales setting: how order taxes are rounded.

``per_line`` rounds each line's tax to the currency, then adds them up (what
a customer checking line by line expects); ``per_total`` adds the exact
taxes of the lines and rounds once (the smallest rounding error on the
total). New orders copy the setting (``sales.order.tax_rounding``), so
changing it later leaves existing orders' amounts as they were.
"""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Extension

TAX_ROUNDING = [("per_line", "Round per line"), ("per_total", "Round on the total")]


class Company(Extension, extends="base.company"):
    sales_tax_rounding = fields.Selection(
        TAX_ROUNDING, "Sales tax rounding", default="per_line", help="Copied into each new order."
    )
