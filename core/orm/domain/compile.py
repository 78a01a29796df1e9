"""Compile parsed domain nodes into SQLAlchemy boolean expressions.

Relations in a path become ``EXISTS`` subqueries through SQLAlchemy's
``has()`` (many2one) and ``any()`` (one2many, many2many); values are
converted by their field, so ``("date", ">=", "2026-01-01")`` compares dates.
Negative operators (``!=``, ``not in``, ``not like``) also match empty values,
as a user reading "is not X" expects; on a dotted path they match exactly the
records the positive condition does not (``("tags.name", "!=", "vip")``: no tag
is named vip). ``like`` is case-sensitive on both databases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import and_
from sqlalchemy import false
from sqlalchemy import func
from sqlalchemy import not_
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy import true

from core.errors import DomainError
from core.orm.domain.ast import NEGATIVE
from core.orm.domain.ast import And
from core.orm.domain.ast import Node
from core.orm.domain.ast import Not
from core.orm.domain.ast import Or
from core.orm.fields.base import Field
from core.orm.fields.numeric import INTEGER_MAX
from core.orm.fields.numeric import INTEGER_MIN

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.model import Model

LIKE_ESCAPE = "\\"
NAME_OPERATORS = frozenset({"=", "!=", "like", "ilike", "not like", "not ilike"})
POSITIVE = {"!=": "=", "not in": "in", "not like": "like", "not ilike": "ilike", "not set": "is set"}


def compile_node(env: Environment, model: type[Model], node: Node) -> ColumnElement[bool]:
    """The SQL condition for ``node`` on ``model``."""
    if isinstance(node, And):
        return and_(true(), *(compile_node(env, model, child) for child in node.children))
    if isinstance(node, Or):
        return or_(false(), *(compile_node(env, model, child) for child in node.children))
    if isinstance(node, Not):
        return not_(compile_node(env, model, node.child))
    return _condition(env, model, node.path, node.operator, node.value)


def _condition(
    env: Environment, model: type[Model], path: tuple[Field[Any], ...], operator: str, value: Any
) -> ColumnElement[bool]:
    field = path[0]
    if len(path) > 1 and operator in POSITIVE:
        return not_(_condition(env, model, path, POSITIVE[operator], value))
    if len(path) > 1:
        comodel = env.registry[field.comodel]  # type: ignore[attr-defined]
        inner = _readable(env, comodel, _condition(env, comodel, path[1:], operator, value))
        relation = getattr(model, field.name)
        return relation.has(inner) if field.type_name == "many2one" else relation.any(inner)
    if field.type_name in ("one2many", "many2many"):
        return _to_many(env, model, field, operator, value)
    return _scalar(env, model, field, operator, value)


def _convert(env: Environment, field: Field[Any], value: Any) -> Any:
    if field.type_name == "many2one" or field.name == "id":
        if field.type_name == "many2one" and (value is None or value is False):
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            if not INTEGER_MIN <= value <= INTEGER_MAX:  # a 32-bit INTEGER column on PostgreSQL
                raise DomainError(f"{field.name}: {value} is beyond any record id.")
            return value
        record_id = getattr(value, "id", None)
        if isinstance(record_id, int):
            return record_id
        raise DomainError(f"{field.name}: expected a record id, got {value!r}.")
    try:
        return field.convert(value, env)
    except ValueError as error:
        raise DomainError(f"{field.name}: {error}") from None


def _like_pattern(value: str) -> str:
    escaped = value.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(env: Environment, column: Any, value: str, *, case_sensitive: bool) -> ColumnElement[bool]:
    if not case_sensitive:
        return column.ilike(_like_pattern(value), escape=LIKE_ESCAPE)  # type: ignore[no-any-return]
    if env.session.get_bind().dialect.name == "sqlite":
        # SQLite's LIKE ignores the case of ASCII letters; instr() compares exactly.
        return func.instr(column, value) > 0  # type: ignore[no-any-return]
    return column.like(_like_pattern(value), escape=LIKE_ESCAPE)  # type: ignore[no-any-return]


def _scalar(
    env: Environment, model: type[Model], field: Field[Any], operator: str, value: Any
) -> ColumnElement[bool]:
    column = getattr(model, "id" if field.name == "id" else field.column_name)
    if field.type_name == "many2one" and isinstance(value, str) and operator in NAME_OPERATORS:
        comodel = env.registry[field.comodel]  # type: ignore[attr-defined]
        if not comodel._rec_name:
            raise DomainError(f"{comodel._name} records have no name to match {value!r} against.")
        text_op = POSITIVE.get(operator, operator)
        inner = _scalar(env, comodel, comodel._fields[comodel._rec_name], text_op, value)
        matched = getattr(model, field.name).has(_readable(env, comodel, inner))
        return or_(not_(matched), column.is_(None)) if operator in NEGATIVE else matched
    if operator == "is set":
        return column.is_not(None)
    if operator == "not set":
        return column.is_(None)
    if operator == "child_of":
        return _child_of(env, model, field, column, value)
    if operator in ("in", "not in"):
        values = [_convert(env, field, item) for item in value]
        present = [item for item in values if item is not None]
        has_null = None in values
        condition = column.in_(present)
        if has_null:
            condition = or_(condition, column.is_(None))
        if operator == "in":
            return condition
        return not_(condition) if has_null else or_(not_(condition), column.is_(None))
    if operator in ("like", "ilike", "not like", "not ilike"):
        matched = _contains(env, column, value, case_sensitive="ilike" not in operator)
        return or_(not_(matched), column.is_(None)) if operator in NEGATIVE else matched
    converted = _convert(env, field, value)
    if converted is None:
        if operator == "=":
            return column.is_(None)
        if operator == "!=":
            return column.is_not(None)
        raise DomainError(f"{field.name}: cannot compare with {operator!r} to an empty value.")
    comparisons = {
        "=": column.__eq__,
        "!=": column.__ne__,
        "<": column.__lt__,
        "<=": column.__le__,
        ">": column.__gt__,
        ">=": column.__ge__,
    }
    condition: ColumnElement[bool] = comparisons[operator](converted)
    return or_(condition, column.is_(None)) if operator == "!=" else condition


def _to_many(
    env: Environment, model: type[Model], field: Field[Any], operator: str, value: Any
) -> ColumnElement[bool]:
    relation = getattr(model, field.name)
    comodel = env.registry[field.comodel]  # type: ignore[attr-defined]
    if operator == "is set":
        return relation.any(_readable(env, comodel, true()))
    if operator == "not set":
        return not_(relation.any(_readable(env, comodel, true())))
    if operator in ("=", "in", "!=", "not in"):
        items = value if isinstance(value, list | tuple | set | frozenset) else [value]
        ids = [_convert(env, comodel._fields.get("id") or _id(comodel), item) for item in items]
        matched = relation.any(_readable(env, comodel, comodel.id.in_(ids)))
        return matched if operator in ("=", "in") else not_(matched)
    if operator in ("like", "ilike", "not like", "not ilike") and comodel._rec_name:
        positive = operator.replace("not ", "")
        inner = _scalar(env, comodel, comodel._fields[comodel._rec_name], positive, value)
        matched = relation.any(_readable(env, comodel, inner))
        return not_(matched) if operator.startswith("not") else matched
    raise DomainError(f"{field.name}: operator {operator!r} does not apply to a list of records.")


def _readable(env: Environment, comodel: type[Model], condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """``condition`` on related records, limited to those the user's read rules let them see,
    so a domain through a relation never matches on (and so reveals) rows hidden from them."""
    if env.su:
        return condition
    rule = env.access.condition(comodel, "read")
    return condition if rule is None else and_(condition, rule)


def _id(model: type[Model]) -> Field[Any]:
    from core.orm.domain.parse import id_field

    return id_field(model._name)


def _child_of(
    env: Environment, model: type[Model], field: Field[Any], column: Any, value: Any
) -> ColumnElement[bool]:
    tree = env.registry[field.comodel] if field.type_name == "many2one" else model  # type: ignore[attr-defined]
    parent = tree._parent_field
    if not parent:
        raise DomainError(
            f"{tree._name} is not a tree (it declares no _parent_field), so 'child_of' does not apply."
        )
    roots = value if isinstance(value, list | tuple) else [value]
    roots = [_convert(env, _id(tree), root) for root in roots]
    parent_column = getattr(tree, tree._fields[parent].column_name)
    nodes = select(tree.id.label("id")).where(tree.id.in_(roots)).cte("subtree", recursive=True)
    # UNION, not UNION ALL: it drops rows already found, so a cycle in the data ends the recursion.
    nodes = nodes.union(select(tree.id).where(parent_column == nodes.c.id))
    return column.in_(select(nodes.c.id))
