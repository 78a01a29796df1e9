"""Hooks the accounting addon offers: what other addons can do when invoices are posted.

Implement them in your addon's ``hooks.py`` with ``@hookimpl`` (from
``core.hookspecs``) and list that module in ``register(addon)``; your addon
must depend on ``accounting`` (or list it in ``extras``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from core.hookspecs import hookspec

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.records import RecordSet


@hookspec
def accounting_invoice_posted(env: Environment, invoices: RecordSet[Any]) -> None:
    """Invoices, bills or credit notes were posted: numbered, their journal entries posted.

    When: from ``accounting.invoice.action_post`` (the "Post" button,
    ``POST /api/v1/accounting.invoice/<id>/call/action_post``, and a whole
    credit note made from an invoice), after the invoices' state is
    ``posted``, their ``name`` is their entry's number and credit notes are
    reconciled with the invoice they credit, inside the same transaction.
    Raising rolls the posting back: the invoices stay drafts, no number is
    taken, and the caller gets the error.

    Args:
        env: the posting user's environment (their rights apply; use
            ``with env.sudo():`` for what they may not do by hand).
        invoices: the posted ``accounting.invoice`` records; their
            ``origin`` names the document they invoice (an order's number).

    Returns:
        Nothing; return values are ignored. Every implementation runs.
    """
