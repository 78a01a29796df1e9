"""Importing a bank's CSV file as a bank statement: columns, dates, amounts, and what was seen before.

The file is UTF-8 (a byte order mark is dropped), its first row names the
columns and holds the delimiter most (``,``, ``;``, tab or ``|``).
The columns are recognised by their headings, in English, Turkish,
Hungarian or Persian (`HEADINGS`), or named by the caller (`Columns`):

* a date: ``2026-03-15``, ``15.03.2026``, ``15/03/2026`` or ``2026.03.15.``;
* an amount (received positive, paid negative), or a debit and a credit
  column (money out, money in);
* a label, a reference, a counterpart (who paid or was paid) and a balance,
  all optional.

Amounts are `Decimal`, never floats: ``1.234,56`` (Turkish and Hungarian
banks), ``1,234.56``, ``-15,00``, ``(15.00)`` and ``15.00-`` are all read;
with a single separator followed by exactly three digits (``1.234``) it is
taken for a thousands separator unless ``decimal_separator`` says otherwise.
A value that cannot be read refuses the whole file with a message naming
the row and the column, and nothing is imported.

A transaction imported before, in the same journal, is skipped: each line
has an ``import_key``, a hash of the journal, date, amount, reference (else
label), and how many identical lines came before it in the file (two equal
bank fees on one day are two transactions)::

    result = import_csv(env, journal, data)
    result.statement, result.imported, result.skipped
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import decimal
import hashlib
import io
import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func
from sqlalchemy import or_
from sqlalchemy import select

from addons.accounting.models.bank_statement import statement_currency
from core.errors import ValidationError
from core.i18n import _
from core.orm.environment import Environment

ROLES = ("date", "amount", "debit", "credit", "label", "ref", "counterpart", "balance")
# Headings recognised for each column, compared without case, spaces or punctuation.
HEADINGS: dict[str, tuple[str, ...]] = {
    "date": ("date", "bookingdate", "valuedate", "transactiondate", "tarih", "islemtarihi", "işlemtarihi")
    + ("valörtarihi", "datum", "dátum", "könyvelésdátuma", "könyvelésnapja", "تاریخ"),
    "amount": ("amount", "tutar", "işlemtutarı", "islemtutari", "összeg", "مبلغ"),
    "debit": ("debit", "withdrawal", "withdrawals", "paidout", "borç", "borc", "terhelés", "برداشت"),
    "credit": ("credit", "deposit", "deposits", "paidin", "alacak", "jóváírás", "واریز"),
    "label": ("label", "description", "details", "memo", "narrative", "açıklama", "aciklama")
    + ("közlemény", "leírás", "megjegyzés", "شرح", "توضیحات"),
    "ref": ("reference", "ref", "referans", "dekontno", "belgeno", "hivatkozás", "azonosító", "شمارهپیگیری"),
    "counterpart": ("counterpart", "counterparty", "payee", "payer", "partner", "name", "karşıtaraf")
    + ("gönderen", "alıcı", "partnerneve", "ellenoldal", "طرفحساب"),
    "balance": ("balance", "bakiye", "egyenleg", "مانده"),
}
DATE_FORMATS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd"),
    (re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"), "ymd"),
    (re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$"), "dmy"),
)
DELIMITERS = (",", ";", "\t", "|")
NUMBER = re.compile(r"^\d+(\.\d+)?$")


@dataclasses.dataclass(frozen=True)
class Columns:
    """The file's heading of each column, for files whose headings are not recognised; None: absent.

    ``amount``, or ``debit`` and ``credit``, is required, and ``date``.
    """

    date: str | None = None
    amount: str | None = None
    debit: str | None = None
    credit: str | None = None
    label: str | None = None
    ref: str | None = None
    counterpart: str | None = None
    balance: str | None = None


@dataclasses.dataclass(frozen=True)
class ParsedLine:
    """A transaction read from the file (``row`` is its line number, the headings being row 1)."""

    row: int
    date: dt.date
    amount: decimal.Decimal
    label: str
    ref: str
    counterpart: str
    balance: decimal.Decimal | None


@dataclasses.dataclass(frozen=True)
class ImportResult:
    """What an import did: the statement made (None when every line was there already), and counts."""

    statement: Any
    imported: int
    skipped: int


def import_csv(
    env: Environment,
    journal: Any,
    data: str | bytes,
    *,
    columns: Columns | None = None,
    reference: str | None = None,
    decimal_separator: str | None = None,
    balance_start: decimal.Decimal | None = None,
    balance_end: decimal.Decimal | None = None,
) -> ImportResult:
    """Import ``data`` (a CSV file) as a statement of ``journal`` (a bank or cash journal), in the
    caller's transaction, skipping transactions imported before.

    ``reference`` names the statement (default: the journal's code and the
    last date); ``balance_start`` and ``balance_end`` override what the file
    says (its balance column) or what is computed.

    Raises:
        ValidationError: the journal is not a bank or cash journal; the file is not UTF-8 text, has no
            rows, or lacks a date or amount column; or a row has a value that cannot be read (the
            message names the row and the column).
    """
    if journal.type not in ("bank", "cash"):
        raise ValidationError(fields={"journal": _("Choose a bank or cash journal.")})
    parsed = parse_csv(data, columns=columns, decimal_separator=decimal_separator)
    currency = statement_currency(journal)
    keyed = list(zip(import_keys(journal.id, parsed), parsed, strict=True))
    Line = env.registry["accounting.bank_statement_line"]
    seen = set(
        env.session.scalars(
            select(Line.import_key).where(
                Line.journal_id == journal.id, Line.import_key.in_([key for key, _line in keyed])
            )
        )
    )
    fresh = [(key, line) for key, line in keyed if key not in seen]
    if not fresh:
        return ImportResult(None, 0, len(parsed))
    partners = _partners_by_name(env, {line.counterpart for _key, line in fresh if line.counterpart})
    total = sum((line.amount for _key, line in fresh), decimal.Decimal(0))
    start, end = _balances(env, journal, parsed)
    start = balance_start if balance_start is not None else start
    end = balance_end if balance_end is not None else (end if end is not None else start + total)
    last = max(line.date for _key, line in fresh)
    statement = env["accounting.bank_statement"].create(
        {
            "name": reference or f"{journal.code} {last.isoformat()}",
            "journal": journal.id,
            "currency": currency.id,
            "date": last,
            "balance_start": currency.round(start),
            "balance_end": currency.round(end),
            "lines": [
                {
                    "sequence": index,
                    "date": line.date,
                    "name": line.label or None,
                    "ref": line.ref or None,
                    "counterpart": line.counterpart or None,
                    "amount": currency.round(line.amount),
                    "partner": partners.get(line.counterpart.casefold()),
                    "import_key": key,
                }
                for index, (key, line) in enumerate(fresh)
            ],
        }
    )
    return ImportResult(statement, len(fresh), len(parsed) - len(fresh))


# -- reading the file ---------------------------------------------------------------------------


def parse_csv(
    data: str | bytes, *, columns: Columns | None = None, decimal_separator: str | None = None
) -> list[ParsedLine]:
    """The transactions of a CSV file, in its order; blank rows are skipped.

    Raises:
        ValidationError: as `import_csv` says of the file.
    """
    text = _decode(data)
    header = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=header.count)  # headings seldom hold the delimiter; labels may
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise ValidationError(_("The file is empty."))
    positions = _positions(rows[0], columns)
    parsed = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        parsed.append(_parse_row(number, row, positions, rows[0], decimal_separator))
    if not parsed:
        raise ValidationError(_("The file has no transactions under its headings."))
    return parsed


def _decode(data: str | bytes) -> str:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _("The file is not UTF-8 text: save it from the spreadsheet as CSV UTF-8.")
            ) from None
    return data.lstrip("\ufeff")


def _simplified(heading: str) -> str:
    """A heading without case, spaces or punctuation: ``"Value Date"`` → ``"valuedate"``."""
    return "".join(char for char in heading.casefold() if char.isalnum())


def _positions(headings: Sequence[str], columns: Columns | None) -> dict[str, int]:
    """The index of each role's column in ``headings``."""
    simple = [_simplified(heading) for heading in headings]
    positions: dict[str, int] = {}
    for role in ROLES:
        wanted = getattr(columns, role) if columns is not None else None
        if wanted is not None:
            if _simplified(wanted) not in simple:
                raise ValidationError(
                    _(
                        "The file has no column %(column)s; its columns are %(columns)s.",
                        column=wanted,
                        columns=", ".join(headings),
                    )
                )
            positions[role] = simple.index(_simplified(wanted))
        elif columns is None:
            known = {_simplified(name) for name in HEADINGS[role]}
            found = [
                index
                for index, heading in enumerate(simple)
                if heading in known and index not in positions.values()
            ]
            if found:
                positions[role] = found[0]
    if "date" not in positions or not ("amount" in positions or {"debit", "credit"} <= positions.keys()):
        raise ValidationError(
            _(
                "The file needs a date column and an amount column (or debit and credit columns); "
                "its columns are %(columns)s.",
                columns=", ".join(headings),
            )
        )
    return positions


def _parse_row(
    number: int, row: Sequence[str], positions: dict[str, int], headings: Sequence[str], separator: str | None
) -> ParsedLine:
    def cell(role: str) -> str:
        index = positions.get(role)
        return row[index].strip() if index is not None and index < len(row) else ""

    def fail(role: str, message: str) -> ValidationError:
        return ValidationError(
            _(
                "Row %(row)s, column %(column)s: %(problem)s",
                row=number,
                column=headings[positions[role]],
                problem=message,
            )
        )

    day = parse_date(cell("date"))
    if day is None:
        raise fail(
            "date", _("%(value)s is not a date like 2026-03-15 or 15.03.2026.", value=cell("date") or "—")
        )
    amounts: dict[str, decimal.Decimal] = {}
    for role in ("amount", "debit", "credit", "balance"):
        if role in positions and cell(role):
            value = parse_amount(cell(role), separator)
            if value is None:
                raise fail(role, _("%(value)s is not an amount like 1.234,56 or 1234.56.", value=cell(role)))
            amounts[role] = value
    if "amount" in positions:
        if "amount" not in amounts:
            raise fail("amount", _("the amount is missing."))
        amount = amounts["amount"]
    else:
        if "debit" not in amounts and "credit" not in amounts:
            raise fail("debit", _("neither a debit nor a credit is given."))
        amount = abs(amounts.get("credit", decimal.Decimal(0))) - abs(
            amounts.get("debit", decimal.Decimal(0))
        )
    return ParsedLine(
        number, day, amount, cell("label"), cell("ref"), cell("counterpart"), amounts.get("balance")
    )


def parse_date(text: str) -> dt.date | None:
    """A date written ``2026-03-15`` (an ISO timestamp's date too), ``2026.03.15.``, ``15.03.2026``,
    ``15/03/2026`` or ``15-03-2026``; None when it is none of them or not a real day."""
    value = text.strip().replace(" ", "").rstrip(".")
    if "T" in value[10:11]:
        value = value[:10]
    for pattern, order in DATE_FORMATS:
        match = pattern.match(value)
        if match:
            first, second, third = (int(part) for part in match.groups())
            year, month, day = (first, second, third) if order == "ymd" else (third, second, first)
            try:
                return dt.date(year, month, day)
            except ValueError:
                return None
    return None


def parse_amount(text: str, separator: str | None = None) -> decimal.Decimal | None:
    """An amount as banks write it, as a `Decimal`; None when it is not one.

    ``separator`` is the decimal separator (``,`` or ``.``) when known; without
    it, the last of ``.`` and ``,`` is the decimal one when both appear, and a
    single one is a thousands separator only when it recurs or is followed by
    exactly three digits.
    """
    value = "".join(text.split()).replace("'", "").replace("\u00a0", "")
    negative = False
    if value.startswith("(") and value.endswith(")"):
        negative, value = True, value[1:-1]
    if value.endswith("-"):
        negative, value = True, value[:-1]
    if value.startswith(("-", "+")):
        negative, value = value[0] == "-", value[1:]
    if separator is None:
        separator = _decimal_separator(value)
    thousands = "." if separator == "," else ","
    value = (
        value.replace(thousands, "").replace(separator, ".")
        if separator
        else value.replace(",", "").replace(".", "")
    )
    if not NUMBER.match(value):
        return None
    amount = decimal.Decimal(value)
    return -amount if negative else amount


def _decimal_separator(value: str) -> str | None:
    """The decimal separator ``value`` seems to use, or None when it has only thousands separators."""
    dot, comma = value.rfind("."), value.rfind(",")
    if dot >= 0 and comma >= 0:
        return "." if dot > comma else ","
    mark = "." if dot >= 0 else "," if comma >= 0 else None
    if mark is None:
        return "."
    if value.count(mark) > 1 or len(value) - value.rfind(mark) - 1 == 3:
        return None
    return mark


# -- what the import adds ---------------------------------------------------------------------------


def import_keys(journal_id: int, lines: Sequence[ParsedLine]) -> list[str]:
    """Each line's key: a hash of the journal, date, amount, reference (else label) and how many
    identical lines came before it in the file."""
    keys, counts = [], {}
    for line in lines:
        text = " ".join((line.ref or line.label).casefold().split())
        base = f"{journal_id}|{line.date.isoformat()}|{line.amount.normalize():f}|{text}"
        counts[base] = counts.get(base, 0) + 1
        keys.append(hashlib.sha256(f"{base}|{counts[base]}".encode()).hexdigest()[:40])
    return keys


def _partners_by_name(env: Environment, names: set[str]) -> dict[str, int]:
    """The partners named as counterparts, by that name without case: one query. (SQLite lowers ASCII
    letters only: there, ``ŞAHİN`` finds ``ŞAHİN`` but not ``Şahin``.)"""
    if not names:
        return {}
    Partner = env.registry["base.partner"]
    lowered = {name.lower() for name in names}
    named = or_(func.lower(Partner.name).in_(lowered), Partner.name.in_(names))
    stmt = Partner.select(env, []).where(named).order_by(Partner.id)
    found: dict[str, int] = {}
    for partner in env.session.scalars(stmt):
        found.setdefault(partner.name.casefold(), partner.id)
    return found


def _balances(
    env: Environment, journal: Any, lines: Sequence[ParsedLine]
) -> tuple[decimal.Decimal, decimal.Decimal | None]:
    """The opening balance, and the closing one when the file gives balances: from the file's balance
    column (its first and last transactions, the file in either date order), else the journal's last
    statement's closing balance and None."""
    with_balance = [line for line in lines if line.balance is not None]
    if with_balance:
        first, last = with_balance[0], with_balance[-1]
        if first.date > last.date:
            first, last = last, first
        return first.balance - first.amount, last.balance  # type: ignore[operator]
    previous = env["accounting.bank_statement"].search([("journal", "=", journal.id)], limit=1)
    return (previous[0].balance_end if previous else decimal.Decimal(0)), None
