"""The domain language: search conditions as data, validated, then compiled to SQL.

::

    from core.orm.domain import compile_domain
    condition = compile_domain(Order, [("partner.name", "ilike", "acme"), ("amount", ">", 100)], env)

Archived records (``active`` false) are left out unless the domain mentions
``active`` or the context sets ``active_test`` to False.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import and_

from core.orm.domain.compile import compile_node
from core.orm.domain.parse import fields_in
from core.orm.domain.parse import mentions
from core.orm.domain.parse import parse

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.model import Model

__all__ = ["compile_domain", "parse"]


def compile_domain(model: type[Model], domain: Iterable[Any], env: Environment) -> ColumnElement[bool]:
    """The SQL condition selecting ``model``'s records that match ``domain``.

    Raises:
        DomainError: the domain is malformed or names an unknown field or operator.
    """
    node = parse(env.registry, model, domain)
    if not env.su:
        for field in fields_in(node):
            env.access.check_fields(env.registry[field.model_name], [field.name])
    condition = compile_node(env, model, node)
    if "active" in model._fields and env.context.get("active_test", True) and not mentions(node, "active"):
        condition = and_(model.active.is_(True), condition)  # type: ignore[attr-defined]
    return condition
