"""Transfers: receipts, deliveries and internal transfers, each a group of moves done together.

A transfer is numbered ``<warehouse code>/IN|OUT|INT/00001`` from the
sequence of its kind and takes its locations from its warehouse: receipts
go from the vendors location to ``WH/Stock``, deliveries from ``WH/Stock``
to the customers location. Its ``state`` follows its moves (`picking_state`)::

    draft ──confirm──▶ waiting ──(goods reserved)──▶ ready ──validate──▶ done
                          ╰─────────────cancel───────────╯──▶ cancelled

With the shipping policy "as soon as possible" (``direct``) a transfer is
ready as soon as something is reserved; with "when all products are ready"
(``one``) when everything is. Validating moves what the lines say and, when
less than the demand was moved, puts the rest in a backorder
(`addons.stock.validation`). A done transfer can be returned
(`addons.stock.returns`).
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from addons.stock import reservation
from addons.stock import returns
from addons.stock import validation
from addons.stock.models.move import utc_now
from addons.stock.models.warehouse import default_warehouse
from core.errors import ValidationError
from core.i18n import _
from core.orm import fields
from core.orm.environment import Environment
from core.orm.model import Model
from core.orm.model import api_method
from core.orm.sequences import next_number

KINDS = [("incoming", "Receipt"), ("outgoing", "Delivery"), ("internal", "Internal transfer")]
CODES = {"incoming": "IN", "outgoing": "OUT", "internal": "INT"}
STATES = [
    ("draft", "Draft"),
    ("waiting", "Waiting"),
    ("ready", "Ready"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
POLICIES = [("direct", "As soon as possible"), ("one", "When all products are ready")]


def picking_state(move_states: Sequence[str], policy: str) -> str:
    """A transfer's state from its moves' states and its shipping policy."""
    live = [state for state in move_states if state != "cancelled"]
    if not move_states:
        return "draft"
    if not live:
        return "cancelled"
    if all(state == "done" for state in live):
        return "done"
    if any(state == "draft" for state in live):
        return "draft"
    pending = [state for state in live if state != "done"]
    if all(state == "ready" for state in pending):
        return "ready"
    if policy == "direct" and any(state in ("ready", "partial") for state in pending):
        return "ready"
    return "waiting"


def default_locations(env: Environment, kind: str, warehouse: Any) -> tuple[Any, Any]:
    """Where a transfer of ``kind`` goes from and to in ``warehouse``."""
    if kind == "incoming":
        return env.ref("stock.location_suppliers"), warehouse.lot_stock
    if kind == "outgoing":
        return warehouse.lot_stock, env.ref("stock.location_customers")
    return warehouse.lot_stock, warehouse.lot_stock


class Picking(Model, name="stock.picking"):
    _description = "Transfer"
    _order = "scheduled_date desc, id desc"
    _history = True

    name = fields.Char("Reference", required=True, readonly=True, copy=False, index=True)
    kind = fields.Selection(KINDS, "Type", default="internal", required=True, index=True)
    warehouse = fields.Many2one("stock.warehouse", default=default_warehouse, required=True, index=True)
    partner = fields.Many2one("base.partner", "Partner", index=True, tracked=True)
    location = fields.Many2one(
        "stock.location", "From", required=True, ondelete="restrict", default=fields.SET_ON_CREATE
    )
    location_dest = fields.Many2one(
        "stock.location", "To", required=True, ondelete="restrict", default=fields.SET_ON_CREATE
    )
    scheduled_date = fields.Datetime("Scheduled", default=utc_now, required=True, index=True, tracked=True)
    date_done = fields.Datetime("Done on", readonly=True, copy=False)
    origin = fields.Char("Source document", index=True)
    state = fields.Selection(STATES, store=True, readonly=True, tracked=True, index=True)
    move_type = fields.Selection(POLICIES, "Shipping policy", default="direct", required=True)
    moves = fields.One2many("stock.move", inverse="picking")
    backorder_of = fields.Many2one("stock.picking", "Backorder of", readonly=True, copy=False)
    return_of = fields.Many2one("stock.picking", "Return of", readonly=True, copy=False)
    company = fields.Many2one("base.company", related="warehouse.company", store=True)
    note = fields.Text()

    @state.computed_from("moves.state", "move_type")
    def _compute_state(self) -> None:
        self.state = picking_state([move.state for move in self.moves], self.move_type)

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Picking:
        """A transfer numbered from its kind's sequence, with its warehouse's locations when not given."""
        vals = dict(vals)
        kind = vals.get("kind") or "internal"
        warehouse = vals.get("warehouse")
        if isinstance(warehouse, int):
            warehouse = env["stock.warehouse"].get(warehouse)
        if warehouse is None and "warehouse" not in vals:
            warehouse = default_warehouse(env)
        if warehouse is not None:
            source, destination = default_locations(env, kind, warehouse)
            vals.setdefault("location", source)
            vals.setdefault("location_dest", destination)
            if not vals.get("name"):
                vals["name"] = f"{warehouse.code}/{CODES[kind]}/{next_number(env, f'stock.picking.{kind}')}"
        picking = super().new(env, vals)
        picking._complete_moves()
        return picking  # type: ignore[return-value]

    def write(self, vals: Mapping[str, Any]) -> None:
        """Change the transfer; new moves take its locations, date and origin when they lack them."""
        super().write(vals)
        if "moves" in vals:
            self._complete_moves()

    def _complete_moves(self) -> None:
        with self.env.session.no_autoflush:
            new_moves = [move for move in self.moves if move.id is None]
        for move in new_moves:
            for name, source in (
                ("location", "location"),
                ("location_dest", "location_dest"),
                ("date", "scheduled_date"),
                ("origin", "origin"),
                ("company", "company"),
            ):
                if getattr(move, name) is None and getattr(self, source) is not None:
                    setattr(move, name, getattr(self, source))

    # -- workflow ---------------------------------------------------------------------

    def _open_moves(self) -> list[Any]:
        return [move for move in self.moves if move.state in ("waiting", "partial", "ready")]

    @api_method
    def action_confirm(self) -> Picking:
        """Confirm the draft moves (they queue for stock in this order) and reserve what is free.

        Raises:
            ValidationError: the transfer has no moves, or is done or cancelled.
        """
        self._refuse_closed()
        drafts = [move for move in self.moves if move.state == "draft"]
        if not drafts and not self._open_moves():
            raise ValidationError(
                _("%(name)s has no products to move.", name=self.name), fields={"moves": _("Add a product.")}
            )
        at = dt.datetime.now(dt.UTC)
        for move in drafts:
            move.state = "waiting"
            move.confirmed_at = at
        self.env.flush()
        reservation.assign(self.env, self._open_moves())
        return self

    @api_method
    def action_assign(self) -> Picking:
        """Check availability: reserve what is free for the moves, after older moves of the same products."""
        self._refuse_closed()
        if any(move.state == "draft" for move in self.moves):
            return self.action_confirm()
        reservation.assign(self.env, self._open_moves())
        return self

    @api_method
    def action_unreserve(self) -> Picking:
        """Give back the goods reserved for this transfer."""
        self._refuse_closed()
        reservation.release(self.env, self._open_moves())
        return self

    @api_method
    def action_validate(self, backorder: bool = True) -> Picking | None:
        """Move what the lines say; what was not moved goes to a backorder, or is dropped.

        Args:
            backorder: keep the quantities not moved in a new transfer
                (returned); ``False`` cancels them.

        Raises:
            ValidationError: nothing to move, a lot is missing, or stock would go negative.
        """
        self._refuse_closed()
        if any(move.state == "draft" for move in self.moves):
            self.action_confirm()
        return validation.validate(self, backorder=backorder)

    @api_method
    def action_cancel(self) -> Picking:
        """Cancel what was not moved yet and release its reservations.

        Raises:
            ValidationError: the transfer is done.
        """
        if not self.env.su:
            self.env.access.check(type(self), "write")
        if self.state == "done":
            raise ValidationError(
                _("%(name)s is done: return the goods instead.", name=self.name),
                fields={"state": _("Not allowed from this state.")},
            )
        moves = [move for move in self.moves if move.state not in ("done", "cancelled")]
        reservation.release(self.env, moves)
        for move in moves:
            move.state = "cancelled"
        self.env.flush()
        return self

    @api_method
    def action_return(self, quantities: Mapping[Any, Any] | None = None) -> Picking:
        """A new transfer bringing the goods of this done transfer back.

        Args:
            quantities: per move id, how much to return; all that is not yet returned by default.

        Raises:
            ValidationError: the transfer is not done, or a quantity is more than can be returned.
        """
        if not self.env.su:
            self.env.access.check(type(self), "create")
        parsed = None
        if quantities is not None:
            try:
                parsed = {int(key): decimal.Decimal(str(value)) for key, value in quantities.items()}
            except (ValueError, ArithmeticError):
                raise ValidationError(fields={"quantities": _("Give a number per move id.")}) from None
        return returns.make_return(self, parsed)

    def _refuse_closed(self) -> None:
        """Refuse users who may not operate transfers, and transfers already done or cancelled."""
        if not self.env.su:
            self.env.access.check(type(self), "write")
        if self.state in ("done", "cancelled"):
            raise ValidationError(
                _("%(name)s is %(state)s.", name=self.name, state=_(dict(STATES)[self.state]).lower()),
                fields={"state": _("Not allowed from this state.")},
            )
