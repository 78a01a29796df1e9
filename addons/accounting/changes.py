"""What a pending change replaces: a field's value before the flush in progress.

Constraints see records with their new values; rules about how a value may
change (a posted entry stays posted, a lock date only moves forward) need the
old one too, which SQLAlchemy keeps in the attribute's history until the
flush ends::

    previous_value(move, "state")   # "draft" while posting, "posted" afterwards
    is_new(move)                    # True while the entry is being created
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect as sa_inspect


def is_new(record: Any) -> bool:
    """Whether ``record`` is being created by the flush in progress (it has no row yet)."""
    return not sa_inspect(record).has_identity


def previous_value(record: Any, name: str) -> Any:
    """The value of the stored field ``name`` before the pending change (the current one when unchanged).

    For a record not yet in the database it is the current value.
    """
    history = sa_inspect(record).attrs[name].history
    return history.deleted[0] if history.deleted else getattr(record, name)
