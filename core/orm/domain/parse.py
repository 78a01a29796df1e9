"""Parse the list form of a domain into typed nodes, validating it against a model.

A domain is a list of conditions ``[path, operator, value]`` joined by AND,
with Polish-notation operators ``"&"``, ``"|"`` (two operands) and ``"!"`` (one)::

    [("state", "=", "done"), "|", ("partner.country.code", "=", "TR"), ("amount", ">", 1000)]

A path follows relations with dots. Unknown fields, unknown operators, a
wrong arity or a wrong value type raise `DomainError` naming the problem.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from core.errors import DomainError
from core.orm.domain.ast import OPERATORS
from core.orm.domain.ast import And
from core.orm.domain.ast import Condition
from core.orm.domain.ast import Node
from core.orm.domain.ast import Not
from core.orm.domain.ast import Or
from core.orm.fields.base import Field
from core.orm.fields.numeric import Integer

if TYPE_CHECKING:
    from core.orm.model import Model
    from core.orm.registry import Registry

MAX_DEPTH = 6
# Fields ``like`` can match: text, and relations by the name of their records.
TEXTUAL = frozenset({"char", "text", "selection", "many2one", "one2many", "many2many"})


def id_field(model_name: str) -> Field[Any]:
    """The implicit ``id`` field every model has."""
    return Integer("ID").bind("id", model_name, "base")


def resolve_path(registry: Registry, model: type[Model], dotted: str) -> tuple[Field[Any], ...]:
    """The fields along ``dotted`` starting at ``model``.

    Raises:
        DomainError: a name is not a field, or a non-final step is not a relation.
    """
    if not isinstance(dotted, str) or not dotted:
        raise DomainError(f"A condition must start with a field name, not {dotted!r}.")
    names = dotted.split(".")
    if len(names) > MAX_DEPTH:
        raise DomainError(f"The path {dotted!r} is longer than {MAX_DEPTH} steps.")
    steps: list[Field[Any]] = []
    current = model
    for position, name in enumerate(names):
        field = id_field(current._name) if name == "id" else current._fields.get(name)
        if field is None:
            raise DomainError(f"{current._name} has no field {name!r} (in {dotted!r}).")
        if field.related and not field.store:
            expanded = resolve_path(registry, current, field.related)
            steps.extend(expanded)
            field = expanded[-1]
        else:
            steps.append(field)
        if position < len(names) - 1:
            comodel = getattr(field, "comodel", None)
            if comodel is None:
                raise DomainError(
                    f"{current._name}.{name} is not a relation, so {dotted!r} cannot go through it."
                )
            current = registry[comodel]
    unstored = next((step for step in steps if not step.store and step.name != "id"), None)
    if unstored is not None:
        raise DomainError(
            f"{unstored.model_name}.{unstored.name} is computed on the fly and cannot be searched."
        )
    return tuple(steps)


def _condition(registry: Registry, model: type[Model], item: Sequence[Any]) -> Condition:
    if len(item) != 3:
        raise DomainError(f"A condition has three parts [field, operator, value], not {list(item)!r}.")
    dotted, operator, value = item
    if not isinstance(operator, str) or operator.lower() not in OPERATORS:
        raise DomainError(f"Unknown operator {operator!r}; use one of {', '.join(sorted(OPERATORS))}.")
    operator = operator.lower()
    path = resolve_path(registry, model, dotted)
    if operator in ("in", "not in") and not isinstance(value, list | tuple | set | frozenset):
        raise DomainError(f"{operator!r} needs a list of values for {dotted!r}.")
    if operator in ("like", "ilike", "not like", "not ilike"):
        if not isinstance(value, str):
            raise DomainError(f"{operator!r} needs text for {dotted!r}.")
        if path[-1].type_name not in TEXTUAL:
            raise DomainError(f"{operator!r} matches text; {dotted!r} is not a text field.")
    empty = value is None or value is False
    emptiness = operator in ("is set", "not set") or (operator in ("=", "!=") and empty)
    if path[-1].type_name == "json" and not emptiness:
        # Databases compare JSON differently (PostgreSQL's json type has no '=' at all).
        raise DomainError(f"{dotted!r} holds JSON data; search it with 'is set' or 'not set'.")
    if operator == "child_of" and path[-1].type_name != "many2one" and path[-1].name != "id":
        raise DomainError(f"'child_of' applies to a many2one or id, not {dotted!r}.")
    return Condition(path, operator, value)


def parse(registry: Registry, model: type[Model], domain: Iterable[Any]) -> Node:
    """The validated node tree of ``domain`` for ``model``."""
    if isinstance(domain, str | bytes | Mapping) or not isinstance(domain, Iterable):
        raise DomainError("A domain is a list of conditions.")
    stack: list[Node] = []
    for item in reversed(list(domain)):
        if item in ("&", "|"):
            if len(stack) < 2:
                raise DomainError(f"{item!r} needs two conditions after it.")
            first, second = stack.pop(), stack.pop()
            stack.append(And((first, second)) if item == "&" else Or((first, second)))
        elif item == "!":
            if not stack:
                raise DomainError("'!' needs a condition after it.")
            stack.append(Not(stack.pop()))
        elif isinstance(item, list | tuple):
            stack.append(_condition(registry, model, item))
        else:
            raise DomainError(f"Unexpected {item!r} in a domain; expected a condition or '&', '|', '!'.")
    return And(tuple(reversed(stack)))


def fields_in(node: Node) -> list[Field[Any]]:
    """Every field a condition of ``node`` goes through (to check the user may see them)."""
    if isinstance(node, Condition):
        return list(node.path)
    if isinstance(node, Not):
        return fields_in(node.child)
    return [field for child in node.children for field in fields_in(child)]


def mentions(node: Node, field_name: str) -> bool:
    """Whether a condition of ``node`` starts with the field ``field_name``."""
    if isinstance(node, Condition):
        return node.path[0].name == field_name
    if isinstance(node, Not):
        return mentions(node.child, field_name)
    return any(mentions(child, field_name) for child in node.children)
