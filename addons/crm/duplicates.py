"""Duplicate leads: the same email (any case), phone number or company name as another active lead.

Each lead stores its three match keys (computed on flush, indexed), and
``duplicate_count``: how many other active leads of its company share at
least one of them. The count is kept by the ``records_created`` and
``records_written`` hooks (`addons.crm.hooks`) for the leads written and every
lead they match, in three SELECTs and one UPDATE (per thousand changed counts)
whatever the batch size. It is a derived value, written with Core statements
outside the user's rights: a salesperson learns that a lead has duplicates
they may not open, and asks their manager. A lead whose key changed away from its old
matches leaves those matches' counts one too high until the hourly job
(`refresh_flagged`) recounts every lead with duplicates::

    email_key(" Ayse@Example.COM ")   # "ayse@example.com"
    phone_key("+90 532 555 11 22")    # "325551122": the last nine digits
    company_key("Anadolu  Makine")    # "anadolu makine"
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_
from sqlalchemy import case
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from core.orm.environment import Environment

KEYS = ("email_key", "phone_key", "company_key")
# Trunk and country prefixes differ (0532…, +90 532…, 0090 532…); the last nine digits do not.
PHONE_DIGITS = 9
MIN_PHONE_DIGITS = 6
CHUNK = 1_000


def email_key(email: str | None) -> str | None:
    """``email`` trimmed and case-folded, or None when empty."""
    return email.strip().casefold() or None if email else None


def phone_key(phone: str | None) -> str | None:
    """The last nine digits of ``phone`` (any script's digits), or None for fewer than six digits."""
    if not phone:
        return None
    digits = "".join(str(unicodedata.digit(char)) for char in phone if char.isdigit())
    return digits[-PHONE_DIGITS:] if len(digits) >= MIN_PHONE_DIGITS else None


def company_key(name: str | None) -> str | None:
    """``name`` case-folded with its whitespace collapsed, or None when empty."""
    return " ".join(name.casefold().split()) or None if name else None


def refresh(env: Environment, ids: Iterable[int]) -> None:
    """Recount ``duplicate_count`` of the leads ``ids`` and of every active lead sharing a key with them."""
    seeds = set(ids)
    if not seeds:
        return
    table = env.registry["crm.lead"]._table
    first = _rows(env, table, seeds, _keys(_rows(env, table, seeds, {}).values()))
    ring = _rows(env, table, set(), _keys(first.values()))
    ring.update(first)
    index: dict[tuple[str, str], set[int]] = defaultdict(set)
    for row in ring.values():
        if row.active:
            for key in KEYS:
                if getattr(row, key):
                    index[(key, getattr(row, key))].add(row.id)
    changed: dict[int, int] = {}
    for row in first.values():
        matches = set().union(*(index.get((key, getattr(row, key)), set()) for key in KEYS))
        count = sum(1 for other in matches - {row.id} if ring[other].company_id == row.company_id)
        if count != row.duplicate_count:
            changed[row.id] = count
    _store(env, changed)


def refresh_flagged(env: Environment) -> None:
    """Recount every active lead counted as having duplicates (the job's repair of stale counts)."""
    table = env.registry["crm.lead"]._table
    stmt = select(table.c.id).where(table.c.active.is_(True), table.c.duplicate_count > 0)
    refresh(env, env.session.scalars(stmt))


def _store(env: Environment, counts: dict[int, int]) -> None:
    """Write ``counts`` (by lead id) with one UPDATE per chunk, and into the leads loaded in the session."""
    model = env.registry["crm.lead"]
    table = model._table
    ids = sorted(counts)
    for start in range(0, len(ids), CHUNK):
        chunk = {lead_id: counts[lead_id] for lead_id in ids[start : start + CHUNK]}
        value = case(chunk, value=table.c.id, else_=table.c.duplicate_count)
        env.session.execute(update(table).where(table.c.id.in_(list(chunk))).values(duplicate_count=value))
    for lead_id, count in counts.items():
        loaded = env.session.identity_map.get(identity_key(model, (lead_id,)))
        if loaded is not None:
            set_committed_value(loaded, "duplicate_count", count)


def _keys(rows: Iterable[Any]) -> dict[str, set[str]]:
    """The non-empty keys of ``rows``, by kind."""
    found: dict[str, set[str]] = {key: set() for key in KEYS}
    for row in rows:
        for key in KEYS:
            if getattr(row, key):
                found[key].add(getattr(row, key))
    return found


def _rows(env: Environment, table: Any, ids: set[int], keys: dict[str, set[str]]) -> dict[int, Any]:
    """Rows of the leads ``ids`` and of the active leads with one of ``keys``, by id (one SELECT)."""
    shared = [table.c[key].in_(sorted(values)) for key, values in keys.items() if values]
    conditions = ([table.c.id.in_(sorted(ids))] if ids else []) + (
        [and_(table.c.active.is_(True), or_(*shared))] if shared else []
    )
    if not conditions:
        return {}
    columns = [table.c.id, table.c.active, table.c.company_id, table.c.duplicate_count]
    stmt = select(*columns, *(table.c[key] for key in KEYS)).where(or_(*conditions))
    return {row.id: row for row in env.session.execute(stmt)}
