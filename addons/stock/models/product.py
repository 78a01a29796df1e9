"""Products as stock sees them: a type, tracking, weight and volume, lead time, and quantities.

Only ``storable`` products have quantities checked and reserved; a
``consumable`` is moved and counted but never waited for; a ``service`` is
never moved. The quantity fields are computed on read for one product (the
product form); lists and reports read `addons.stock.forecast.levels` for
many products at once.
"""

from __future__ import annotations

import decimal

from addons.stock import forecast
from addons.stock.models.quant import QUANTITY
from core.orm import fields
from core.orm.model import Extension

TYPES = [("storable", "Storable"), ("consumable", "Consumable"), ("service", "Service")]
TRACKING = [("none", "Not tracked"), ("lot", "By lot"), ("serial", "By serial number")]


class Product(Extension, extends="product.product"):
    type = fields.Selection(TYPES, "Product type", default="consumable", required=True, index=True)
    tracking = fields.Selection(TRACKING, default="none", required=True)
    weight = fields.Decimal("Weight (kg)", digits=(12, 3))
    volume = fields.Decimal("Volume (m³)", digits=(12, 4))
    sale_delay = fields.Integer(
        "Customer lead time (days)", default=0, help="Days from the order to the delivery."
    )
    qty_on_hand = fields.Decimal("On hand", digits=QUANTITY)
    qty_free = fields.Decimal("Free to use", digits=QUANTITY)
    qty_incoming = fields.Decimal("Incoming", digits=QUANTITY)
    qty_outgoing = fields.Decimal("Outgoing", digits=QUANTITY)
    qty_forecast = fields.Decimal("Forecast", digits=QUANTITY)

    @qty_on_hand.computed_from()
    @qty_free.computed_from()
    @qty_incoming.computed_from()
    @qty_outgoing.computed_from()
    @qty_forecast.computed_from()
    def _compute_quantities(self) -> None:
        levels = forecast.levels(self.env, [self.id]).get(self.id) if self.id else None
        zero = decimal.Decimal(0)
        self.qty_on_hand = levels.on_hand if levels else zero
        self.qty_free = levels.free if levels else zero
        self.qty_incoming = levels.incoming if levels else zero
        self.qty_outgoing = levels.outgoing if levels else zero
        self.qty_forecast = levels.forecast if levels else zero
