"""The company's tax setting: how its documents round their taxes.

``per_line`` or ``per_total`` (`addons.commerce.taxes.document_taxes`). New
documents copy the setting (their own ``tax_rounding``), so changing it later
leaves existing documents' amounts as they were.
"""

from __future__ import annotations

from addons.commerce.taxes import TAX_ROUNDING
from core.orm import fields
from core.orm.model import Extension


class Company(Extension, extends="base.company"):
    tax_rounding = fields.Selection(
        TAX_ROUNDING, "Tax rounding", default="per_line", help="Copied into each new order and invoice."
    )
