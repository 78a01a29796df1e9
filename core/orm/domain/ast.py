"""The typed nodes a parsed domain is made of.

`parse` turns the list form users and addons write into these nodes, checking
every field and operator against the model; only nodes are compiled to SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any

if TYPE_CHECKING:
    from core.orm.fields.base import Field

OPERATORS = frozenset(
    {
        "=", "!=", "<", "<=", ">", ">=",
        "in", "not in",
        "like", "ilike", "not like", "not ilike",
        "is set", "not set",
        "child_of",
    }
)  # fmt: skip
NEGATIVE = frozenset({"!=", "not in", "not like", "not ilike", "not set"})


@dataclass(frozen=True)
class Condition:
    """``path operator value``: ``path`` is the chain of fields from the searched model."""

    path: tuple[Field[Any], ...]
    operator: str
    value: Any

    @property
    def field(self) -> Field[Any]:
        return self.path[-1]


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


Node = Condition | And | Or | Not
