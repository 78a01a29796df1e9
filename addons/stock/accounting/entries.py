"""Valuation entries: each transfer or count that moves goods into or out of the company's stock posts one.

From ``stock_moves_done`` (`addons.stock.hookspecs`), in the validating
transaction: the done moves of storable products whose ``value`` is not zero
(they crossed the border of the company's internal locations,
`addons.stock.valuation`) are grouped by company, transfer (or count) and
day, and each group becomes one entry in the company's stock journal, dated
the day the goods moved on the user's calendar, referenced by the transfer,
with its partner; each move gives a debit and a credit item of its value
(`addons.stock.accounting.accounts` says which accounts), pointing at the
move. The entries are posted with accounting's `posting.post`, so numbering,
lock dates and immutability apply as to any entry: a transfer done in a
locked period is refused, and with it the whole validation.

Receipt of 10 chairs at 30.00 (Tek Düzen)::

    STJ/2026/00001  WH/IN/00001  Ege Mobilya
        153 Ticari Mallar           300.00
        329 Diğer Ticari Borçlar              300.00

A company without a stock journal keeps its stock out of the books: its
moves post nothing (periodic inventory).
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from typing import Any

from addons.accounting.locks import check_posting_date
from addons.accounting.posting import post
from addons.stock.accounting.accounts import Accounts
from addons.stock.ledger import plain
from core.errors import ValidationError
from core.i18n import _
from core.orm.environment import Environment
from core.orm.records import RecordSet

ZERO = decimal.Decimal(0)
# What posting reads of each move, loaded for all of them at once.
MOVE_PATHS = ("product.category", "location", "location_dest", "picking.partner", "company")


def post_valuation(env: Environment, moves: RecordSet[Any]) -> list[Any]:
    """Post the valuation entries of done ``moves``; returns the entries.

    Raises:
        ValidationError: a day of the moves is locked for the user in the company's books.
        UserError: an account is missing, or a move crosses into a location of no known usage.
    """
    moves.prefetch(MOVE_PATHS)
    groups: dict[tuple[Any, ...], list[Any]] = defaultdict(list)
    for move in moves:
        if move.product.type == "storable" and move.value and move.company.stock_journal is not None:
            day = move.date_done.astimezone(env.tz).date()
            document = move.picking.id if move.picking is not None else move.origin
            groups[(move.company.id, document, day)].append(move)
    resolver = Accounts(env)
    values = []
    for (_company, _document, day), members in groups.items():
        first = members[0]
        company, picking = first.company, first.picking
        reference = picking.name if picking is not None else first.origin
        partner = picking.partner if picking is not None else None
        _check_open(env, company, day, reference)
        lines = [line for move in members for line in _items(resolver, move, partner)]
        if lines:
            values.append(
                {
                    "journal": company.stock_journal.id,
                    "date": day,
                    "ref": reference,
                    "partner": partner.id if partner is not None else None,
                    "lines": lines,
                }
            )
    if not values:
        return []
    created = env["accounting.move"].create(values)
    post(env, created)
    return list(created)


def _check_open(env: Environment, company: Any, day: Any, reference: str) -> None:
    """Refuse the transfer when its day is locked in the company's books, saying so in stock's words."""
    try:
        check_posting_date(env, company, day)
    except ValidationError as refusal:
        raise ValidationError(
            _(
                "%(reference)s cannot be done on %(day)s, a day closed in the books: %(reason)s",
                reference=reference,
                day=day.isoformat(),
                reason=refusal.message,
            ),
            fields=refusal.fields,
        ) from None


def _items(resolver: Accounts, move: Any, partner: Any) -> list[dict[str, Any]]:
    """The debit and credit items of one move (none when both sides are the same account)."""
    debit, credit = resolver.sides(move)
    if debit.id == credit.id:
        return []
    amount = abs(decimal.Decimal(move.value))
    label = f"{move.product.display_name}: {plain(move.quantity_done)} × {plain(move.price_unit or ZERO)}"
    common = {"partner": partner.id if partner is not None else None, "name": label, "stock_move": move.id}
    return [
        {**common, "account": debit.id, "debit": amount, "credit": ZERO},
        {**common, "account": credit.id, "debit": ZERO, "credit": amount},
    ]
