"""The quant ledger: the one place where quantities on hand and reserved change.

Every change is a delta on a key (product, location, lot), applied with
``UPDATE ... SET quantity = quantity + :delta`` on the quant's row, locked
first (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite has one writer at a
time), or an INSERT when the key has no quant yet; one statement of each kind
for all the keys of an operation. Rows are locked in key order, so two
transactions touching the same quants lock them in the same order and cannot
deadlock. A concurrent first INSERT of the same key is
refused by the unique constraint (the user retries) rather than doubling
the row.

Because each move subtracts from its source exactly what it adds to its
destination, the sum of a product's quantities over all locations never
changes: the virtual locations (vendors, customers, inventory loss) go
negative by what the internal ones gained. Internal locations may not go
negative unless their warehouse allows it (`check_not_negative`).

Core statements bypass the ORM's access rules on purpose: quants are the
consequence of documents the user was allowed to change, not records they
edit. Quants already loaded in the session are expired so they read again.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from typing import NamedTuple

from sqlalchemy import and_
from sqlalchemy import bindparam
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update

from core.errors import ValidationError
from core.i18n import _
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)


class Key(NamedTuple):
    """Where a quantity is: product id, location id and lot id (None without a lot)."""

    product: int
    location: int
    lot: int | None


@dataclass
class Delta:
    """What to add to a quant: on hand and reserved (either may be negative)."""

    quantity: decimal.Decimal = ZERO
    reserved: decimal.Decimal = ZERO


def quant_table(env: Environment) -> Any:
    return env.registry["stock.quant"]._table


def _matches(table: Any, key: Key) -> Any:
    lot = table.c.lot_id.is_(None) if key.lot is None else table.c.lot_id == key.lot
    return and_(table.c.product_id == key.product, table.c.location_id == key.location, lot)


def apply(env: Environment, deltas: Mapping[Key, Delta]) -> None:
    """Add each delta to its key's quant, creating the quant when the key has none.

    A fixed number of statements whatever the number of keys: one SELECT
    locking the existing quants (in key order), one INSERT of the missing
    ones and one UPDATE executed for many rows.

    Does not check the result: call `check_not_negative` once all the deltas
    of an operation are applied.
    """
    wanted = {key: delta for key, delta in deltas.items() if delta.quantity or delta.reserved}
    if not wanted:
        return
    table = quant_table(env)
    session = env.session
    stmt = (
        select(table.c.id, table.c.product_id, table.c.location_id, table.c.lot_id)
        .where(or_(*(_matches(table, key) for key in wanted)))
        .order_by(table.c.product_id, table.c.location_id, table.c.lot_id)
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    existing = {Key(row.product_id, row.location_id, row.lot_id): row.id for row in session.execute(stmt)}
    now = func.now()
    missing = [key for key in wanted if key not in existing]
    if missing:
        locations = env.registry["stock.location"]._table
        companies = dict(
            session.execute(
                select(locations.c.id, locations.c.company_id).where(
                    locations.c.id.in_({key.location for key in missing})
                )
            ).all()
        )
        session.execute(
            insert(table).values(created_at=now, updated_at=now),
            [
                {
                    "product_id": key.product,
                    "location_id": key.location,
                    "lot_id": key.lot,
                    "quantity": wanted[key].quantity,
                    "reserved_quantity": wanted[key].reserved,
                    "company_id": companies.get(key.location),
                    "created_by_id": env.user_id,
                    "updated_by_id": env.user_id,
                }
                for key in sorted(missing, key=_order)
            ],
        )
    if existing:
        session.execute(
            update(table)
            .where(table.c.id == bindparam("quant_id"))
            .values(
                quantity=table.c.quantity + bindparam("add_quantity"),
                reserved_quantity=table.c.reserved_quantity + bindparam("add_reserved"),
                updated_at=now,
                updated_by_id=env.user_id,
            ),
            [
                {
                    "quant_id": existing[key],
                    "add_quantity": wanted[key].quantity,
                    "add_reserved": wanted[key].reserved,
                }
                for key in sorted(existing, key=_order)
            ],
        )
    expire_loaded(env)


def _order(key: Key) -> tuple[int, int, int]:
    return (key.product, key.location, key.lot or 0)


def expire_loaded(env: Environment) -> None:
    """Make quants already loaded in the session read their new values on next access."""
    quant = env.registry["stock.quant"]
    for record in list(env.session.identity_map.values()):
        if isinstance(record, quant):
            env.session.expire(record)


def check_not_negative(env: Environment, keys: Iterable[Key]) -> None:
    """Refuse quantities below zero, or below what is reserved, in internal locations.

    Locations of a warehouse that ``allow_negative`` are exempt.

    Raises:
        ValidationError: naming the product and location short of stock.
    """
    keys = list(keys)
    if not keys:
        return
    table = quant_table(env)
    locations = env.registry["stock.location"]._table
    stmt = (
        select(table.c.product_id, table.c.location_id, table.c.quantity, table.c.reserved_quantity)
        .join(locations, locations.c.id == table.c.location_id)
        .where(
            locations.c.usage == "internal",
            table.c.quantity < 0,
            table.c.product_id.in_({key.product for key in keys}),
            table.c.location_id.in_({key.location for key in keys}),
        )
    )
    for product_id, location_id, quantity, _reserved in env.session.execute(stmt):
        location = env["stock.location"].get(location_id)
        if any(
            warehouse.allow_negative
            for warehouse in env["stock.warehouse"].search(
                [("view_location", "in", [node.id for node in location.ancestry()])]
            )
        ):
            continue
        product = env["product.product"].get(product_id)
        raise ValidationError(
            _(
                "Not enough %(product)s in %(location)s: this would leave %(quantity)s.",
                product=product.display_name,
                location=location.display_name,
                quantity=plain(quantity),
            ),
            fields={"quantity": _("Not enough stock.")},
        )


class Levels(NamedTuple):
    on_hand: decimal.Decimal
    reserved: decimal.Decimal

    @property
    def free(self) -> decimal.Decimal:
        """What can still be reserved."""
        return self.on_hand - self.reserved


def quantities(
    env: Environment, product_ids: Iterable[int], location_ids: Iterable[int]
) -> dict[int, Levels]:
    """On hand and reserved per product id over ``location_ids``; products without quants get zeros."""
    product_ids, location_ids = list(product_ids), list(location_ids)
    result = {product: Levels(ZERO, ZERO) for product in product_ids}
    if not product_ids or not location_ids:
        return result
    table = quant_table(env)
    stmt = (
        select(table.c.product_id, func.sum(table.c.quantity), func.sum(table.c.reserved_quantity))
        .where(table.c.product_id.in_(product_ids), table.c.location_id.in_(location_ids))
        .group_by(table.c.product_id)
    )
    for product, quantity, reserved in env.session.execute(stmt):
        result[product] = Levels(to_quantity(quantity), to_quantity(reserved))
    return result


def to_quantity(value: Any) -> decimal.Decimal:
    """A SQL sum as a Decimal at the quantity scale (SQLite sums NUMERIC as floats)."""
    return decimal.Decimal(str(value or 0)).quantize(decimal.Decimal("0.0001"))


def plain(quantity: Any) -> str:
    """A quantity as people write it: ``10``, ``2.5`` (no trailing zeros, no exponent)."""
    return format(decimal.Decimal(quantity).normalize(), "f")
