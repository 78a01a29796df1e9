"""sales with crm: quotations made from opportunities, and the opportunity each order came from.

Registered only when crm is installed (``addon.extra("crm")``). An
opportunity lists its quotations and orders (``orders``) and gets
`Lead.action_new_quotation`, the form's "New quotation" button; an order
gains its ``opportunity`` and the sales ``team``. Confirming an order wins its
opportunity (`addons.sales.hooks_crm`).
"""

from __future__ import annotations

from typing import Any

from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.model import Extension
from core.orm.model import api_method


class Lead(Extension, extends="crm.lead"):
    orders = fields.One2many("sales.order", inverse="opportunity")

    @api_method
    def action_new_quotation(self) -> Any:
        """A draft quotation for the opportunity's customer, salesperson and team; its form opens.

        Raises:
            ValidationError: the opportunity has no customer yet (convert it first).
        """
        if self.partner is None:
            raise ValidationError(
                _("Choose the customer of this opportunity before quoting."),
                fields={"partner": _("Needed for a quotation.")},
            )
        vals: dict[str, Any] = {"partner": self.partner.id, "opportunity": self.id}
        if self.user is not None:
            vals["user"] = self.user.id
        if self.team is not None:
            vals["team"] = self.team.id
        if self.company is not None:
            vals["company"] = self.company.id
        return self.env["sales.order"].create(vals)


class Order(Extension, extends="sales.order"):
    opportunity = fields.Many2one("crm.lead", "Opportunity", index=True, tracked=True)
    team = fields.Many2one("crm.team", "Sales team")
