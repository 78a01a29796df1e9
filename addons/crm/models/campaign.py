"""Marketing campaigns: leads point at the campaign that brought them; `stats` reports on it.

::

    campaign.stats()
    # {"campaign": {"id": 3, "display_name": "Autumn fair 2026"}, "leads": 12, "opportunities": 7,
    #  "won": 3, "won_revenue": "41250.00", "conversion_rate": 25.0}
"""

from __future__ import annotations

import decimal
from typing import Any

from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Model
from core.orm.model import api_method

CENT = decimal.Decimal("0.01")


class Campaign(Model, name="crm.campaign"):
    _description = "Campaign"
    _order = "date_start desc, name"

    name = fields.Char(required=True)
    source = fields.Many2one("crm.source", help="Where the campaign's leads come from, when it is one place.")
    date_start = fields.Date("Start")
    date_end = fields.Date("End")
    budget = fields.Monetary(currency="currency")
    currency = fields.Many2one("base.currency")
    active = fields.Boolean(default=True)
    notes = fields.Text()

    @constrains("date_start", "date_end")
    def _check_dates(self) -> None:
        if self.date_start and self.date_end and self.date_end < self.date_start:
            raise ValidationError(fields={"date_end": _("A campaign cannot end before it starts.")})

    @api_method
    def stats(self) -> dict[str, Any]:
        """This campaign's row of `Lead.campaign_stats`, as JSON-ready values (the API's report)."""
        lead = self.env.registry["crm.lead"]
        rows = lead.campaign_stats(self.env, [("campaign", "=", self.id)], by="campaign")  # type: ignore[attr-defined]
        row = rows[0] if rows else {"leads": 0, "opportunities": 0, "won": 0, "conversion_rate": 0.0}
        return {
            "campaign": {"id": self.id, "display_name": self.display_name},
            "leads": row["leads"],
            "opportunities": row["opportunities"],
            "won": row["won"],
            "won_revenue": str(decimal.Decimal(row.get("won_revenue", 0)).quantize(CENT)),
            "conversion_rate": row["conversion_rate"],
        }
