"""Reconciliation: matching the debit and credit items of one account and partner, and undoing it.

`reconcile` matches the open items it is given, oldest due date first, by
creating partial reconciliations (`addons.accounting.models.partial_reconcile`);
each item's open amount drops by what it was matched with, and an item with
nothing open left is ``reconciled``::

    reconcile(env, invoice_items + payment_items)   # pays the oldest invoices first
    unreconcile(env, payment_items)                 # the invoices are open again

Items that share a foreign currency are matched in that currency: 400 EUR
of a payment settle 400 EUR of an invoice, whatever each was worth in the
company currency on its own date. What an item has left in the company
currency once nothing is open in its currency is a realised exchange
difference (IAS 21): one entry, dated the later item's date, in the
company's first miscellaneous journal, books it against the company's
exchange gain or loss account (646 Kambiyo Karları, 656 Kambiyo Zararları)
and is matched with those items, so they are reconciled in both
currencies. Items of different currencies are matched in the company
currency, each giving up its own currency in proportion.

`unreconcile` removes the matches of the items it is given, and those of
the exchange difference entries that came with them, which it reverses.
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any

from addons.accounting import posting
from addons.accounting.locks import check_posting_date
from core.errors import ValidationError
from core.i18n import _
from core.orm.environment import Environment
from core.orm.records import RecordSet

ZERO = decimal.Decimal(0)


class _Open:
    """What an item has open while matching: in the company currency and in its own."""

    def __init__(self, line: Any) -> None:
        self.line = line
        self.amount = decimal.Decimal(line.amount_residual or 0)
        self.in_currency = decimal.Decimal(
            line.amount_residual_currency if line.currency is not None else line.amount_residual or 0
        )


def reconcile(env: Environment, lines: Iterable[Any]) -> list[Any]:
    """Match the open debit and credit items of ``lines`` as far as they go; returns the partial
    reconciliations made (exchange differences included).

    Debits and credits are matched in order of due date (the item's date
    without one), then id. Items already reconciled are left out.

    Raises:
        ValidationError: an item is not posted, its account is not reconciled,
            or the items differ in account, partner or company; or an exchange
            difference is due and the company has no exchange account, no
            miscellaneous journal, or the date is locked.
    """
    items = [line for line in dict.fromkeys(lines) if not line.reconciled]
    if not items:
        return []
    _check_reconcilable(items)
    company = items[0].company
    currencies = {line.currency for line in items}
    foreign = len(currencies) == 1 and None not in currencies and items[0].currency != company.currency
    opened = [_Open(line) for line in items]
    values: list[dict[str, Any]] = []
    if foreign:
        currency = items[0].currency
        values += _match(opened, company.currency, in_currency=currency)
        values += _match([item for item in opened if not item.in_currency], company.currency)
    else:
        values += _match(opened, company.currency)
    partials = list(env["accounting.partial_reconcile"].create(values)) if values else []
    leftovers = [item for item in opened if foreign and not item.in_currency and item.amount]
    if leftovers:
        partials += _book_exchange_difference(env, leftovers, max(line.date for line in items))
    env.flush()
    return partials


def _check_reconcilable(items: Sequence[Any]) -> None:
    first = items[0]
    for line in items:
        if line.parent_state != "posted":
            raise ValidationError(
                _(
                    "Only items of posted entries are reconciled; %(entry)s is not posted.",
                    entry=line.move.name,
                )
            )
        if not line.account.reconcile:
            raise ValidationError(
                _("%(account)s does not allow reconciliation.", account=line.account.display_name)
            )
        if (line.account, line.partner, line.company) != (first.account, first.partner, first.company):
            raise ValidationError(
                _("Only items of one account and one partner are reconciled together."),
                fields={"lines": _("Same account and partner.")},
            )


def _match(opened: Sequence[_Open], company_currency: Any, in_currency: Any = None) -> list[dict[str, Any]]:
    """Partial reconciliations of the debits and credits of ``opened``, which they update.

    With ``in_currency``, the items (all in it) are matched by their open
    amounts in it and give up their company amounts in proportion; without,
    by company amounts, giving up their own currencies in proportion.
    """
    by_due = sorted(opened, key=lambda item: (item.line.date_maturity or item.line.date, item.line.id))
    key = (lambda item: item.in_currency) if in_currency is not None else (lambda item: item.amount)
    debits = [item for item in by_due if key(item) > 0]
    credits = [item for item in by_due if key(item) < 0]
    values = []
    while debits and credits:
        debit, credit = debits[0], credits[0]
        if in_currency is not None:
            matched = min(debit.in_currency, -credit.in_currency)
            from_debit = _share(debit.amount, matched, debit.in_currency, company_currency)
            from_credit = _share(-credit.amount, matched, -credit.in_currency, company_currency)
            amount = max(min(from_debit, from_credit), ZERO)
            debit_currency = credit_currency = matched
        else:
            amount = min(debit.amount, -credit.amount)
            debit_currency = _share(debit.in_currency, amount, debit.amount, debit.line.currency)
            credit_currency = _share(-credit.in_currency, amount, -credit.amount, credit.line.currency)
        debit.amount -= amount
        credit.amount += amount
        debit.in_currency -= debit_currency
        credit.in_currency += credit_currency
        values.append(
            {
                "debit_line": debit.line.id,
                "credit_line": credit.line.id,
                "amount": amount,
                "debit_amount_currency": debit_currency,
                "credit_amount_currency": credit_currency,
            }
        )
        if not key(debit):
            debits.pop(0)
        if not key(credit):
            credits.pop(0)
    return values


def _share(
    whole: decimal.Decimal, part: decimal.Decimal, of: decimal.Decimal, currency: Any
) -> decimal.Decimal:
    """The share of ``whole`` that ``part`` is of ``of``, rounded by ``currency``: all of it when
    ``part`` is all of ``of``; ``part`` itself when ``currency`` is None (an item without a currency
    of its own gives up its company amount)."""
    if part == of:
        return whole
    if currency is None:
        return part
    if not of:
        return ZERO
    return currency.round(whole * part / of)


def _book_exchange_difference(env: Environment, leftovers: Sequence[_Open], day: Any) -> list[Any]:
    """Post the entry on ``day`` taking each leftover company amount to the exchange accounts, and
    match it with the leftovers."""
    first = leftovers[0].line
    company = first.company
    gain, loss = company.default_exchange_gain_account, company.default_exchange_loss_account
    journals = env["accounting.journal"].search(
        [("company", "=", company.id), ("type", "=", "general")], limit=1
    )
    if gain is None or loss is None or not journals:
        raise ValidationError(
            _(
                "An exchange difference is due: give %(company)s exchange gain and loss accounts and a "
                "miscellaneous journal.",
                company=company.name,
            )
        )
    label = _("Exchange difference")
    lines = []
    for index, item in enumerate(leftovers):
        line = item.line
        lines.append(
            {**_item(line.account, line.partner, -item.amount, label, line.currency), "sequence": 2 * index}
        )
        counterpart = _item(loss if item.amount > 0 else gain, line.partner, item.amount, label)
        lines.append({**counterpart, "sequence": 2 * index + 1})
    move = env["accounting.move"].create(
        {
            "journal": journals[0].id,
            "date": day,
            "partner": first.partner,
            "ref": label,
            "exchange_difference": True,
            "lines": lines,
        }
    )
    posting.post(env, RecordSet(env, type(move), [move]))
    values = []
    for item, exchange in zip(leftovers, move.lines[::2], strict=True):
        debit, credit = (item.line, exchange) if item.amount > 0 else (exchange, item.line)
        values.append(
            {
                "debit_line": debit.id,
                "credit_line": credit.id,
                "amount": abs(item.amount),
                "debit_amount_currency": ZERO,
                "credit_amount_currency": ZERO,
            }
        )
        item.amount = ZERO
    return list(env["accounting.partial_reconcile"].create(values))


def _item(
    account: Any, partner: Any, balance: decimal.Decimal, label: str, currency: Any = None
) -> dict[str, Any]:
    """The values of a journal item of ``balance`` (debit when positive), zero in ``currency`` if given."""
    values = {
        "account": account.id,
        "partner": partner,
        "name": label,
        "debit": max(balance, ZERO),
        "credit": max(-balance, ZERO),
    }
    if currency is not None:
        values.update({"currency": currency.id, "amount_currency": ZERO})
    return values


def unreconcile(env: Environment, lines: Iterable[Any]) -> None:
    """Remove the matches of ``lines``, and reverse the exchange difference entries matched with them
    or with the items they were matched with (their matches go too); the items are open again.

    Raises:
        ValidationError: an exchange difference entry cannot be reversed (a lock date).
    """
    partials: set[Any] = set()
    touched: set[Any] = set()
    for line in lines:
        for partial in (*line.matched_debits, *line.matched_credits):
            partials.add(partial)
            touched.update((partial.debit_line, partial.credit_line))
    exchanges = {
        counterpart.move
        for line in touched
        for partial in (*line.matched_debits, *line.matched_credits)
        for counterpart in (partial.debit_line, partial.credit_line)
        if counterpart.move.exchange_difference
    }
    for move in exchanges:
        for line in move.lines:
            partials.update((*line.matched_debits, *line.matched_credits))
    for partial in partials:
        partial.unlink()
    env.flush()
    for move in sorted(exchanges, key=lambda move: move.id):
        move.reverse(move.date if _open_on(env, move) else env.today())


def _open_on(env: Environment, move: Any) -> bool:
    """Whether the user may still post an entry on ``move``'s date (no lock date forbids it)."""
    try:
        check_posting_date(env, move.company, move.date)
    except ValidationError:
        return False
    return True
