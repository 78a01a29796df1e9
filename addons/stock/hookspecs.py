"""Hooks the stock addon offers: done moves, and replenishment that purchase (and later mrp) carry out.

Implement them in your addon's ``hooks.py`` with ``@hookimpl`` (from
``core.hookspecs``); your addon must depend on ``stock`` or list it in
``extras``.
"""

from __future__ import annotations

import decimal
from typing import TYPE_CHECKING
from typing import Any

from core.hookspecs import hookspec

if TYPE_CHECKING:
    from addons.stock.replenish import Need
    from core.orm.environment import Environment
    from core.orm.records import RecordSet


@hookspec
def stock_moves_done(env: Environment, moves: RecordSet[Any]) -> None:
    """Moves were done: goods left and entered locations, and the quants changed.

    When: from validating a transfer (``stock.picking.action_validate``) or
    applying an inventory adjustment, after the quants, the moves' states,
    ``quantity_done``, ``price_unit`` and ``value`` are written, inside the
    same transaction. Raising rolls the whole validation back. Accounting
    posts valuation entries here; documents update what they received or
    delivered.

    Args:
        env: the validating user's environment, inside ``env.sudo()``.
        moves: the ``stock.move`` records now done.
    """


@hookspec
def stock_replenish(env: Environment, needs: list[Need]) -> None:
    """Goods must be bought or made: reorder rules found forecasts below their minimum.

    When: from the job ``stock.replenish`` (hourly, as the system) and
    ``addons.stock.replenish.run``. Every implementation gets every need and
    acts on those it can serve (purchase: products with a vendor).

    Args:
        needs: what is missing, one `addons.stock.replenish.Need` per rule.
    """


@hookspec
def stock_planned_incoming(
    env: Environment, warehouse: Any, product_ids: list[int]
) -> dict[int, decimal.Decimal]:
    """Quantities on their way to ``warehouse`` that are not stock moves yet (draft purchase orders).

    Replenishment counts them, so it does not order twice. The results of
    all implementations are added up.

    Returns:
        Per product id, the quantity planned; missing products count as zero.
    """
