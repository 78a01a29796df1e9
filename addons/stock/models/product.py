"""Products as stock sees them: a type, tracking, weight and volume, lead time, and quantities.

Only ``storable`` products have quantities checked and reserved; a
``consumable`` is moved and counted but never waited for; a ``service`` is
never moved. The quantity fields are computed on read, for all the
products read at once (`addons.stock.forecast.levels`).
"""

from __future__ import annotations

import decimal
from typing import Any

from addons.stock import forecast
from addons.stock.models.quant import QUANTITY
from core.orm import fields
from core.orm.compute import computes_batch
from core.orm.model import Extension
from core.orm.records import RecordSet

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
    @computes_batch
    def _compute_quantities(self: RecordSet[Any]) -> None:  # type: ignore[misc]
        ids = [product.id for product in self if product.id is not None]
        found = forecast.levels(self.env, ids) if ids else {}
        zero = decimal.Decimal(0)
        for product in self:
            levels = found.get(product.id)
            product.qty_on_hand = levels.on_hand if levels else zero
            product.qty_free = levels.free if levels else zero
            product.qty_incoming = levels.incoming if levels else zero
            product.qty_outgoing = levels.outgoing if levels else zero
            product.qty_forecast = levels.forecast if levels else zero
