"""Hooks the sales addon offers: what other addons can do when orders move through the workflow.

Implement them in your addon's ``hooks.py`` with ``@hookimpl`` (from
``core.hookspecs``) and list that module in ``register(addon)``; your addon
must depend on ``sales`` (or list it in ``extras``). They are declared here
rather than in ``docs/hooks.md``, which covers the kernel's hooks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from core.hookspecs import hookspec

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.records import RecordSet


@hookspec
def sales_order_confirmed(env: Environment, orders: RecordSet[Any]) -> None:
    """Quotations became sales orders.

    When: from ``sales.order.action_confirm`` (the "Confirm" button and
    ``POST /api/v1/sales.order/<id>/call/action_confirm``), after the new
    state ``confirmed`` is written and flushed, inside the same transaction
    as the confirmation. Raising rolls the confirmation back: the order stays
    a quotation and the caller gets the error (a `core.errors.UserError`
    reaches the user as its message).

    Args:
        env: the confirming user's environment (not the system's): what the
            implementation reads and writes obeys that user's rights. Use
            ``with env.sudo():`` for consequences the user may not do by hand.
        orders: the confirmed ``sales.order`` records (today always one;
            implementations must accept several).

    Returns:
        Nothing; return values are ignored. Every implementation runs.

    Example (crm's extra of sales marks the opportunity won)::

        @hookimpl
        def sales_order_confirmed(env, orders):
            for order in orders:
                if order.opportunity is not None and order.opportunity.state == "open":
                    order.opportunity.action_won()
    """


@hookspec
def sales_order_cancelled(env: Environment, orders: RecordSet[Any]) -> None:
    """Quotations or sales orders were cancelled.

    When: from ``sales.order.action_cancel``, after the state ``cancelled`` is
    written and flushed, inside the same transaction. Raising rolls the
    cancellation back, so an addon can refuse it (say, an order already
    shipped) with a `core.errors.UserError` that the user reads.

    Args:
        env: the cancelling user's environment.
        orders: the cancelled ``sales.order`` records; their previous state is
            in their history (``order.history()``), not in the arguments.

    Returns:
        Nothing; return values are ignored. Every implementation runs.
    """
