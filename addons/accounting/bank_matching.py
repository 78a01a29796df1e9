"""Matching suggestions: which open invoices or bills a bank transaction probably pays.

For each line still to match, the open items of posted entries on
receivable accounts (for money received) or payable accounts (for money
paid), grouped by entry and partner, are ranked:

====  ===============================================================
100   the invoice's number (or the vendor's bill number, the entry's
      reference) is in the label, reference or counterpart
 80   the partner's name is there and the amount is what is open
 50   the amount is what is open
 20   the partner's name is there
====  ===============================================================

Ties go to the oldest due date. Numbers are compared without case, spaces
or punctuation (``SAT/2026/00042`` is found in ``"FT SAT2026-00042"``);
a partner is recognised by the first word of its name of three letters or
more (``Anadolu`` for *Anadolu Makine A.Ş.*). The candidates of every line
are read in one query, whatever the number of lines::

    for line, found in suggestions(env, statement.lines).items():
        found[0].invoice_id, found[0].reason
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from addons.accounting.account_types import types_where
from addons.accounting.reporting import Filters
from addons.accounting.reporting import Ledger
from core.i18n import _
from core.orm.environment import Environment

ZERO = decimal.Decimal(0)
LIMIT = 3
SCORES = {"reference": 100, "partner_amount": 80, "amount": 50, "partner": 20}


@dataclasses.dataclass(frozen=True)
class Candidate:
    """An open invoice or bill: its entry's open receivable or payable items for one partner."""

    move_id: int
    invoice_id: int
    number: str
    references: tuple[str, ...]
    partner_id: int | None
    partner: str
    company_id: int
    role: str
    open_amount: decimal.Decimal  # in the company currency, positive
    open_in_currency: dict[int | None, decimal.Decimal]  # by the items' currency id
    due: dt.date


@dataclasses.dataclass(frozen=True)
class Suggestion:
    """A document a transaction may pay, why, and how sure (`SCORES`)."""

    candidate: Candidate
    score: int
    reason: str

    @property
    def invoice_id(self) -> int:
        return self.candidate.invoice_id


def suggestions(env: Environment, lines: Iterable[Any], limit: int = LIMIT) -> dict[int, list[Suggestion]]:
    """The best ``limit`` suggestions of each line still to match, by line id (lines with none are
    left out). One query for the candidates of all the lines."""
    pending = [line for line in lines if line.state == "to_match" and line.amount]
    if not pending:
        return {}
    by_company: dict[int, list[Candidate]] = {}
    for candidate in candidates(env, {line.company.id for line in pending}):
        by_company.setdefault(candidate.company_id, []).append(candidate)
    found = {}
    for line in pending:
        ranked = rank(line, by_company.get(line.company.id, []))[:limit]
        if ranked:
            found[line.id] = ranked
    return found


def candidates(env: Environment, company_ids: Iterable[int]) -> list[Candidate]:
    """The open invoices and bills of the companies: their posted receivable and payable items not
    reconciled, by entry and partner. One query, as the user."""
    companies = sorted(company_ids)
    ledger = Ledger(env, Filters(company=companies[0]))  # the currency's decimals for `money`
    Line, Account, Move = ledger.Line, ledger.Account, ledger.Move
    Invoice, Partner = env.registry["accounting.invoice"], env.registry["base.partner"]
    roles = {kind: role for role in ("receivable", "payable") for kind in types_where(role=role)}
    conditions = [Line.company_id.in_(companies), Line.parent_state == "posted"]
    rule = None if env.su else env.access.condition(Line, "read")
    if rule is not None:
        conditions.append(rule)
    keys = (
        Line.move_id,
        Line.partner_id,
        Line.company_id,
        Line.currency_id,
        Account.type,
        Move.name,
        Move.ref,
        Invoice.id,
        Invoice.ref,
        Partner.name,
    )
    stmt = (
        select(
            *keys,
            func.sum(Line.amount_residual),
            func.sum(func.coalesce(Line.amount_residual_currency, Line.amount_residual)),
            func.min(func.coalesce(Line.date_maturity, Line.date)),
        )
        .join(Account, Account.id == Line.account_id)
        .join(Move, Move.id == Line.move_id)
        .join(Invoice, Invoice.move_id == Line.move_id)
        .outerjoin(Partner, Partner.id == Line.partner_id)
        .where(Account.type.in_(list(roles)), Line.reconciled.is_(False), *conditions)
        .group_by(*keys)
    )
    grouped: dict[tuple[int, int | None], dict[str, Any]] = {}
    for row in env.session.execute(stmt):
        (
            move,
            partner,
            company,
            currency,
            kind,
            number,
            move_ref,
            invoice,
            invoice_ref,
            name,
            amount,
            in_currency,
            due,
        ) = row
        entry = grouped.setdefault(
            (move, partner),
            {
                "move_id": move,
                "invoice_id": invoice,
                "number": number or "",
                "references": tuple(ref for ref in (move_ref, invoice_ref) if ref),
                "partner_id": partner,
                "partner": name or "",
                "company_id": company,
                "role": roles[kind],
                "open_amount": ZERO,
                "open_in_currency": {},
                "due": due,
            },
        )
        sign = 1 if roles[kind] == "receivable" else -1
        entry["open_amount"] += sign * ledger.money(amount)
        entry["open_in_currency"][currency] = entry["open_in_currency"].get(
            currency, ZERO
        ) + sign * ledger.money(in_currency)
        entry["due"] = min(entry["due"], due)
    return [Candidate(**entry) for entry in grouped.values() if entry["open_amount"] > 0]


def rank(line: Any, candidates: Iterable[Candidate]) -> list[Suggestion]:
    """The candidates ``line`` may pay, best first: received money pays receivables, paid money payables."""
    role = "receivable" if line.amount > 0 else "payable"
    text = " ".join(part for part in (line.name, line.ref, line.counterpart) if part)
    compact = _compact(text)
    words = set(_words(text))
    amount = abs(line.amount)
    company_currency = line.company.currency
    reasons = {
        "reference": _("Its number is in the transaction"),
        "partner_amount": _("Same partner and amount"),
        "amount": _("Same amount"),
        "partner": _("Same partner"),
    }
    found = []
    for candidate in candidates:
        if candidate.role != role:
            continue
        if line.currency == company_currency:
            open_amount: decimal.Decimal | None = candidate.open_amount
        else:
            open_amount = candidate.open_in_currency.get(line.currency.id)
        same_amount = open_amount == amount
        numbers = [_compact(number) for number in (candidate.number, *candidate.references)]
        named = _partner_word(candidate.partner) in words
        if any(len(number) >= 4 and number in compact for number in numbers):
            key = "reference"
        elif named and same_amount:
            key = "partner_amount"
        elif same_amount:
            key = "amount"
        elif named:
            key = "partner"
        else:
            continue
        found.append(Suggestion(candidate, SCORES[key], reasons[key]))
    found.sort(
        key=lambda suggestion: (-suggestion.score, suggestion.candidate.due, suggestion.candidate.move_id)
    )
    return found


def _compact(text: str) -> str:
    """``text`` without case, spaces or punctuation."""
    return "".join(char for char in text.casefold() if char.isalnum())


def _words(text: str) -> list[str]:
    """The words of ``text``, without case, split on anything that is not a letter or a digit."""
    cleaned = "".join(char if char.isalnum() else " " for char in text.casefold())
    return cleaned.split()


def _partner_word(name: str) -> str | None:
    """The word a partner is recognised by: the first of its name of three letters or more."""
    return next((word for word in _words(name) if len(word) >= 3), None)
