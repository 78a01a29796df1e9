"""Constraints with messages a user can read: SQL ones and Python ones.

::

    class Product(Model, name="sales.product"):
        _sql_constraints = (
            Unique("code", message="Another product already has this code."),
            Check("list_price >= 0", name="price_positive", message="The price cannot be negative."),
        )

        @constrains("min_qty", "max_qty")
        def _check_range(self) -> None:
            if self.min_qty > self.max_qty:
                raise ValidationError(fields={"max_qty": "Must be at least the minimum."})
"""

from __future__ import annotations

import abc
import re
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from typing import ClassVar
from typing import TypeVar

from sqlalchemy import CheckConstraint
from sqlalchemy import Constraint
from sqlalchemy import UniqueConstraint
from sqlalchemy import text
from sqlalchemy.schema import conv

F = TypeVar("F", bound=Callable[..., Any])

CONSTRAINS_MARK = "_tessera_constrains"


def constrains(*field_names: str) -> Callable[[F], F]:
    """Run the decorated method on each record created, or whose ``field_names`` changed.

    The method raises `ValidationError` to refuse the change; it runs during
    the flush, before anything is written, so the whole action is refused.
    Queries inside it see the database as it was before the pending changes.
    """

    def decorate(method: F) -> F:
        setattr(method, CONSTRAINS_MARK, tuple(field_names))
        return method

    return decorate


@dataclass(frozen=True)
class SQLConstraint(abc.ABC):
    """A constraint enforced by the database, with the message shown when it is violated."""

    message: str
    prefix: ClassVar[str]

    @property
    @abc.abstractmethod
    def key(self) -> str:
        """The constraint's name within its table."""

    @abc.abstractmethod
    def build(self, table_name: str, columns: dict[str, str]) -> Constraint:
        """The SQLAlchemy constraint, given the column of each field name."""

    def name_in(self, table_name: str) -> str:
        """The constraint's name in the database, e.g. ``uq_sales_product_code``."""
        return f"{self.prefix}_{table_name}_{self.key}"

    def reported_in(self, error: str, table_name: str, columns: Mapping[str, str]) -> bool:
        """Whether the database's error message ``error`` (lower case) reports this constraint.

        PostgreSQL names the constraint, and so does SQLite for CHECK constraints.
        The whole name must match: ``uq_t_partner`` is not ``uq_t_partner_date``.
        """
        return re.search(rf"\b{re.escape(self.name_in(table_name).lower())}\b", error) is not None


@dataclass(frozen=True, init=False)
class Unique(SQLConstraint):
    """No two rows share the same values of ``fields`` (field names, not columns).

    SQL counts two NULLs as different, so rows with an empty field never
    clash. ``nulls_distinct=False`` makes empty values equal on PostgreSQL
    (``NULLS NOT DISTINCT``); SQLite has no such option, and relies on its
    single writer and on the addon looking before it inserts.
    """

    fields: tuple[str, ...]
    nulls_distinct: bool
    prefix = "uq"

    def __init__(self, *fields: str, message: str, nulls_distinct: bool = True) -> None:
        object.__setattr__(self, "fields", fields)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "nulls_distinct", nulls_distinct)

    @property
    def key(self) -> str:
        return "_".join(self.fields)

    def build(self, table_name: str, columns: dict[str, str]) -> Constraint:
        return UniqueConstraint(
            *(columns[name] for name in self.fields),
            name=conv(self.name_in(table_name)),
            postgresql_nulls_not_distinct=not self.nulls_distinct,
        )

    def reported_in(self, error: str, table_name: str, columns: Mapping[str, str]) -> bool:
        # SQLite names the columns instead: "UNIQUE constraint failed: t.partner_id, t.date".
        failed = error.partition("unique constraint failed: ")[2].strip()
        listed = ", ".join(f"{table_name}.{columns[name]}" for name in self.fields).lower()
        return failed == listed or super().reported_in(error, table_name, columns)


@dataclass(frozen=True, init=False)
class Check(SQLConstraint):
    """A SQL boolean expression every row satisfies (written by the addon, never by users)."""

    sql: str
    name: str
    prefix = "ck"

    def __init__(self, sql: str, *, name: str, message: str) -> None:
        object.__setattr__(self, "sql", sql)
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "message", message)

    @property
    def key(self) -> str:
        return self.name

    def build(self, table_name: str, columns: dict[str, str]) -> Constraint:
        # conv(): the name is final; the metadata's naming convention would prefix it a second time.
        return CheckConstraint(text(self.sql), name=conv(self.name_in(table_name)))


def constraint_methods(cls: type) -> list[tuple[str, tuple[str, ...]]]:
    """The ``@constrains`` methods of a composed model class: (method name, field names).

    Looked up by name along the MRO, so an override without the decorator still
    runs under the trigger its original declared.
    """
    found: dict[str, tuple[str, ...]] = {}
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            marked = getattr(value, CONSTRAINS_MARK, None)
            if marked is not None:
                found[name] = marked
    return list(found.items())
