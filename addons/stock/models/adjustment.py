"""Inventory adjustments: counted quantities that correct what the books say is on hand.

An adjustment lists products (and lots) counted in a location. Applying it
compares each count with the quantity on hand at that moment and makes a
done move for the difference, from or to the inventory loss location, so
the count becomes the quantity on hand; the adjustment's history records
who applied it and the differences. A count below what is reserved for
transfers is refused: unreserve those transfers first.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from sqlalchemy import select

from addons.stock import ledger
from addons.stock import validation
from addons.stock.models.quant import QUANTITY
from core.base.models.company import current_company
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.environment import Environment
from core.orm.model import Model
from core.orm.model import api_method

STATES = [("draft", "Draft"), ("done", "Applied")]
ZERO = decimal.Decimal(0)


class Adjustment(Model, name="stock.adjustment"):
    _description = "Inventory adjustment"
    _order = "date desc, id desc"
    _history = True

    name = fields.Char("Reference", required=True)
    date = fields.Date(default=Environment.today, required=True)
    location = fields.Many2one("stock.location", required=True, ondelete="restrict")
    state = fields.Selection(STATES, default="draft", required=True, readonly=True, tracked=True, copy=False)
    lines = fields.One2many("stock.adjustment_line", inverse="adjustment")
    company = fields.Many2one("base.company", default=current_company, required=True)

    @api_method
    def action_load(self) -> Adjustment:
        """Add a line for each product and lot on hand in the location, counted as what the books say."""
        self._refuse_applied()
        present = {(line.product.id, line.lot.id if line.lot else None) for line in self.lines}
        location_ids = list(self.env["stock.location"].search([("id", "child_of", self.location.id)]).ids)
        for quant in self.env["stock.quant"].search(
            [("location", "in", location_ids), ("quantity", "!=", 0)]
        ):
            key = (quant.product.id, quant.lot.id if quant.lot else None)
            if key in present or quant.location.id != self.location.id:
                continue
            present.add(key)
            self.env["stock.adjustment_line"].new(
                {"adjustment": self, "product": quant.product, "lot": quant.lot, "counted": quant.quantity}
            )
        self.env.flush()
        return self

    @api_method
    def action_apply(self) -> Adjustment:
        """Make the counted quantities the quantities on hand, with one done move per difference.

        Raises:
            ValidationError: already applied, no lines, or a count below what is reserved.
        """
        self._refuse_applied()
        if not self.lines:
            raise ValidationError(fields={"lines": _("Count at least one product.")})
        env = self.env
        loss = env.ref("stock.location_inventory")
        notes = []
        with env.sudo():
            levels = self._levels()
            moves = []
            for line in self.lines:
                on_hand, reserved = levels.get(
                    (line.product.id, line.lot.id if line.lot else None), (ZERO, ZERO)
                )
                counted = decimal.Decimal(line.counted)
                if counted < reserved:
                    raise ValidationError(
                        _(
                            "%(product)s: %(reserved)s are reserved for transfers; "
                            "count at least that many or unreserve them.",
                            product=line.product.display_name,
                            reserved=ledger.plain(reserved),
                        ),
                        fields={"counted": _("Below the reserved quantity.")},
                    )
                line.theoretical = on_hand
                difference = counted - on_hand
                if not difference:
                    continue
                gain = difference > 0
                notes.append(
                    f"{line.product.display_name}: {ledger.plain(on_hand)} → {ledger.plain(counted)}"
                )
                move = env["stock.move"].create(
                    {
                        "product": line.product.id,
                        "quantity": abs(difference),
                        "location": loss.id if gain else self.location.id,
                        "location_dest": self.location.id if gain else loss.id,
                        "origin": self.name,
                        "date": dt.datetime.now(dt.UTC),
                        "company": self.company.id,
                        "state": "ready",
                        "confirmed_at": dt.datetime.now(dt.UTC),
                    }
                )
                env["stock.move_line"].create(
                    {
                        "move": move.id,
                        "location": move.location.id,
                        "location_dest": move.location_dest.id,
                        "lot": line.lot.id if line.lot else None,
                        "quantity": abs(difference),
                    }
                )
                moves.append(move)
            if moves:
                validation.do_moves(env, moves)
            self.state = "done"
            env.flush()
        self.post_note(
            _("Counted: %(changes)s", changes="; ".join(notes)) if notes else _("Counted: no difference.")
        )
        return self

    def _levels(self) -> dict[tuple[int, Any], tuple[decimal.Decimal, decimal.Decimal]]:
        """On hand and reserved per (product, lot) in the location itself (not its children)."""
        table = ledger.quant_table(self.env)
        stmt = select(table.c.product_id, table.c.lot_id, table.c.quantity, table.c.reserved_quantity).where(
            table.c.location_id == self.location.id,
            table.c.product_id.in_({line.product.id for line in self.lines}),
        )
        return {
            (product, lot): (ledger.to_quantity(quantity), ledger.to_quantity(reserved))
            for product, lot, quantity, reserved in self.env.session.execute(stmt)
        }

    def _refuse_applied(self) -> None:
        """Refuse users who may not count stock, and counts already applied."""
        if not self.env.su:
            self.env.access.check(type(self), "write")
        if self.state == "done":
            raise ValidationError(
                _("%(name)s is already applied.", name=self.name),
                fields={"state": _("Not allowed from this state.")},
            )


class AdjustmentLine(Model, name="stock.adjustment_line"):
    _description = "Inventory count"
    _order = "adjustment, id"
    _rec_name = None

    adjustment = fields.Many2one("stock.adjustment", required=True, ondelete="cascade", index=True)
    product = fields.Many2one("product.product", required=True, ondelete="restrict")
    lot = fields.Many2one("stock.lot", "Lot / serial number", ondelete="restrict")
    counted = fields.Decimal("Counted", digits=QUANTITY, required=True, default=0)
    theoretical = fields.Decimal("On hand before", digits=QUANTITY, readonly=True)
    difference = fields.Decimal(digits=QUANTITY)

    @difference.computed_from("counted", "theoretical")
    def _compute_difference(self) -> None:
        self.difference = (
            decimal.Decimal(self.counted or 0) - decimal.Decimal(self.theoretical)
            if self.theoretical is not None
            else None
        )
