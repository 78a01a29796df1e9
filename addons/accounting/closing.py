"""Closing a fiscal year: the entry moving its result to equity, then the lock.

`close_year` (an adviser's action on ``accounting.fiscal_year``) checks that
no draft entry remains in the year, then posts one entry dated the year's
last day, in the company's first miscellaneous journal, marked
``is_closing``: for each income and expense account, an item taking its
balance of the year back to zero, and one item on the company's retained
earnings account for the difference, the year's result (a credit for a
profit, a debit for a loss). The year becomes closed and the company's hard
lock date moves to its last day, so nothing can be booked in it any more.

Reports leave closing entries out of profit and loss, so a closed year
still shows its result there, and keep them everywhere else: the balance
sheet then shows the result inside equity instead of as the year's result.
"""

from __future__ import annotations

import decimal
from typing import Any

from addons.accounting import posting
from addons.accounting import reporting
from addons.accounting.locks import check_adviser
from core.errors import ValidationError
from core.i18n import _
from core.orm.records import RecordSet

ZERO = decimal.Decimal(0)


def close_year(year: Any) -> None:
    """Post ``year``'s closing entry, mark it closed and set the company's hard lock date to its end.

    Raises:
        AccessError: the user is not an accounting adviser.
        ValidationError: the year is closed, draft entries are dated in it,
            the company has no retained earnings account or no
            miscellaneous journal, or a lock date forbids the entry.
    """
    env = year.env
    check_adviser(env, _("Only accounting advisers close fiscal years."))
    company = year.company
    if year.state == "closed":
        raise ValidationError(_("%(year)s is closed already.", year=year.name))
    drafts = env["accounting.move"].search_count(
        [
            ("company", "=", company.id),
            ("state", "=", "draft"),
            ("date", ">=", year.date_from.isoformat()),
            ("date", "<=", year.date_to.isoformat()),
        ]
    )
    if drafts:
        raise ValidationError(
            _(
                "%(count)s draft entries are dated in %(year)s: post or delete them first.",
                count=drafts,
                year=year.name,
            )
        )
    balances = reporting.closing_balances(env, company.id, year.date_from, year.date_to)
    closing_move = _post_closing_entry(
        year, {account: amount for account, amount in balances.items() if amount}
    )
    year.write({"state": "closed", "closing_move": closing_move.id if closing_move is not None else None})
    if company.hard_lock_date is None or company.hard_lock_date < year.date_to:
        with env.sudo():
            company.write({"hard_lock_date": year.date_to})
    env.flush()


def _post_closing_entry(year: Any, balances: dict[int, decimal.Decimal]) -> Any:
    """The posted closing entry of ``year`` for these account balances, or None when all are zero."""
    if not balances:
        return None
    env, company = year.env, year.company
    retained = company.default_retained_earnings_account
    if retained is None:
        raise ValidationError(
            _("Set the retained earnings account of %(company)s before closing a year.", company=company.name)
        )
    journals = env["accounting.journal"].search(
        [("company", "=", company.id), ("type", "=", "general")], limit=1
    )
    if not journals:
        raise ValidationError(
            _("%(company)s needs a miscellaneous journal for the closing entry.", company=company.name)
        )
    label = _("Closing of %(year)s", year=year.name)
    lines = [
        {
            "account": account,
            "name": label,
            "debit": -amount if amount < 0 else ZERO,
            "credit": max(amount, ZERO),
        }
        for account, amount in sorted(balances.items())
    ]
    result = sum(balances.values(), ZERO)  # debit-positive: a loss when positive
    if result:
        lines.append(
            {
                "account": retained.id,
                "name": _("Result of %(year)s", year=year.name),
                "debit": max(result, ZERO),
                "credit": -result if result < 0 else ZERO,
            }
        )
    move = env["accounting.move"].create(
        {"journal": journals[0].id, "date": year.date_to, "ref": label, "is_closing": True, "lines": lines}
    )
    posting.post(env, RecordSet(env, type(move), [move]))
    return move
