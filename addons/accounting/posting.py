"""Posting entries: the checks, and the gap-free number of each journal and year.

`post` checks every entry first (`check_postable`), so a refused batch takes
no number; then it numbers them in journal, date and id order, and marks them
posted, all in the caller's transaction::

    post(env, moves)    # MAH/2026/00041, MAH/2026/00042, ...

Numbers come from the journal's gap-free ``base.sequence``
(`core.orm.sequences`, ``accounting.journal.<id>``): the counter row of the
journal and year is incremented with ``UPDATE ... RETURNING``, which locks it
until the transaction ends. A concurrent posting in the same journal and
year waits for it, so numbers follow commit order; a posting that rolls
back gives its number back. Neither holes nor duplicates, at the cost of
serialising postings per journal and year (not per company). Entries are
numbered in a fixed order (journal id first) so two transactions posting in
several journals lock the counters in the same order and cannot deadlock.

The same checks run again, inside the flush, whenever an entry becomes
posted (`addons.accounting.models.move.Move._check_not_posted`): no path
posts around them.
"""

from __future__ import annotations

import decimal
from typing import Any

from addons.accounting.locks import check_posting_date
from addons.accounting.models.journal import sequence_code
from core.errors import ValidationError
from core.i18n import _
from core.orm.environment import Environment
from core.orm.records import RecordSet
from core.orm.sequences import next_number

ZERO = decimal.Decimal(0)


def check_postable(move: Any) -> None:
    """Refuse to post ``move`` unless it is complete, balanced and in an open period for the user.

    Raises:
        ValidationError: it has no items, an item's account is deprecated,
            its debits and credits differ, or its date is locked
            (`addons.accounting.locks.check_posting_date`).
    """
    label = move.name or move.display_name
    lines = list(move.lines)
    if not lines:
        raise ValidationError(
            _("%(entry)s has no journal items to post.", entry=label), fields={"lines": _("Add items.")}
        )
    deprecated = sorted({line.account.display_name for line in lines if line.account.deprecated})
    if deprecated:
        raise ValidationError(
            _(
                "%(entry)s uses deprecated accounts: %(accounts)s.",
                entry=label,
                accounts=", ".join(deprecated),
            ),
            fields={"lines": _("Deprecated account.")},
        )
    debit = sum((decimal.Decimal(line.debit or 0) for line in lines), ZERO)
    credit = sum((decimal.Decimal(line.credit or 0) for line in lines), ZERO)
    if debit != credit:
        currency = move.company.currency
        raise ValidationError(
            _(
                "%(entry)s is not balanced: debits %(debit)s, credits %(credit)s, difference %(difference)s.",
                entry=label,
                debit=currency.round(debit),
                credit=currency.round(credit),
                difference=currency.round(debit - credit),
            ),
            fields={
                "lines": _(
                    "Debits %(debit)s, credits %(credit)s: they must be equal.",
                    debit=currency.round(debit),
                    credit=currency.round(credit),
                )
            },
        )
    check_posting_date(move.env, move.company, move.date)


def post(env: Environment, moves: RecordSet[Any]) -> None:
    """Check, number and post draft entries, or none of them.

    Raises:
        ValidationError: an entry is not a draft, or `check_postable` refuses it.
    """
    env.flush()
    for move in moves:
        if move.state != "draft":
            raise ValidationError(
                _("%(entry)s is not a draft: only drafts are posted.", entry=move.name or move.display_name),
                fields={"state": _("Not a draft.")},
            )
        check_postable(move)
    for move in sorted(moves, key=lambda move: (move.journal_id, move.date, move.id)):
        move.name = next_number(env, sequence_code(move.journal_id), company=move.company_id, on=move.date)
        move.state = "posted"
    env.flush()
