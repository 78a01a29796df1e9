"""Hooks the accounting addon offers: what other addons can do when invoices are booked and posted.

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


@hookspec
def accounting_invoice_line_items(
    env: Environment, invoice: Any, items: dict[int, list[dict[str, Any]]]
) -> None:
    """An invoice is being booked: its lines' income or expense items may go to other accounts.

    When: from ``accounting.invoice.action_post`` (`addons.accounting.invoicing.entry_values`),
    once per invoice, before its entry is created, inside the posting transaction. The tax
    and receivable (payable) items are made after it, from what the lines' items add up to.
    Raising refuses the posting: the invoices stay drafts, and the caller gets the error
    (a check of what is invoiced belongs here, before anything is booked).

    Args:
        env: the posting user's environment (their rights apply).
        invoice: the ``accounting.invoice`` being posted (still a draft).
        items: per invoice line id (lines with an amount), the values of the journal
            items booking it: at first one, the line's subtotal on its account
            (``account`` an id, ``debit``/``credit`` in the company currency,
            ``amount_currency`` and ``currency`` on foreign invoices, ``taxes`` it is
            the base of, ``name``, ``partner``, ``analytic_account``). Change them in place:
            another account, or several items for one line (a clearing account and a
            price difference). Each line's items must still add up to what they were,
            in the company currency and in the invoice's; posting refuses otherwise.

    Returns:
        Nothing; return values are ignored. Every implementation runs, in plugin order.
    """


@hookspec
def accounting_followups_created(env: Environment, followups: RecordSet[Any]) -> None:
    """The daily job made reminders of overdue invoices (`addons.accounting.followups.create_followups`).

    When: once per run that made any, after the ``accounting.followup`` records
    and their history notes are created, inside the job's transaction. Raising
    rolls the run back: no reminder is made that day. Work on the whole batch
    (a query per reminder would make the job grow with the number of customers).

    Args:
        env: the job's environment (the system's, or the user running it by hand).
        followups: the new ``accounting.followup`` records, with their
            ``partner`` (the customer company), ``level``, ``date`` and ``amount``.

    Returns:
        Nothing; return values are ignored. Every implementation runs.
    """
