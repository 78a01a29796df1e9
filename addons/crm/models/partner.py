"""crm's additions to partners: their opportunities and activities, shown as pages of the partner form.

``opportunities`` lists every lead and opportunity pointing at the partner
(as the reader may see them: salespeople see their own and unassigned ones).
"""

from __future__ import annotations

from core.orm import fields
from core.orm.model import Extension


class Partner(Extension, extends="base.partner"):
    opportunities = fields.One2many("crm.lead", inverse="partner")
    activities = fields.One2many("crm.activity", inverse="partner")
