"""Access control inside the ORM, so no path (UI, API, search, grouping, export, hooks) goes around it.

Three layers, all granted to groups (`base.group`, with implied groups):

- rights (`base.access`): may the user read, create, write or delete a model at all;
- rules (`base.rule`): a domain limiting which rows, per operation;
- field groups (``fields.Decimal(groups=("sales.group_manager",))``): who sees a field.

Reads are checked on SQLAlchemy's ``do_orm_execute``: every ORM SELECT (searches,
counts, grouping, relation loads) needs the read right of each model it touches
and gets the read rules as loader criteria (``with_loader_criteria``), so rows
outside them simply do not exist for the user; each alias of a model (a report's
``aliased(Model)``, in a join or a subquery) is restricted by its own rows. Writes are checked on flush and
in the batch paths. The system (``env.su``: no user, or inside ``env.sudo()``)
is never restricted. Core statements on tables are the kernel's own and are not
checked: addon code uses the ORM.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy import and_
from sqlalchemy import event
from sqlalchemy import inspect
from sqlalchemy import or_
from sqlalchemy import select
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session
from sqlalchemy.orm import sessionmaker
from sqlalchemy.orm import with_loader_criteria
from sqlalchemy.orm.util import LoaderCriteriaOption
from sqlalchemy.sql.util import ClauseAdapter
from sqlalchemy.sql.util import find_tables

from core.errors import AccessError
from core.i18n import _
from core.i18n import current
from core.orm.domain.compile import compile_node
from core.orm.domain.parse import parse
from core.orm.environment import ENV_KEY
from core.orm.fields.relational import Many2many

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.fields.base import Field
    from core.orm.model import Model
    from core.orm.registry import Registry

OPERATIONS = ("read", "create", "write", "delete")
BYPASS = "tessera_unchecked"
PLACEHOLDERS = ("@user", "@partner", "@company", "@companies")


def install_access_events(factory: sessionmaker[Session]) -> None:
    """Check reads on every ORM SELECT of the sessions ``factory`` makes."""
    event.listen(factory, "do_orm_execute", _check_select)


def resolve_placeholders(domain: Any, values: dict[str, Any]) -> Any:
    """``domain`` with ``"@user"``-style placeholders replaced by ``values`` (0 / [0] when missing)."""
    if isinstance(domain, list | tuple):
        return [resolve_placeholders(item, values) for item in domain]
    if isinstance(domain, str) and domain in PLACEHOLDERS:
        return values.get(domain, [0] if domain == "@companies" else 0)
    return domain


def _relation(registry: Registry, model_name: str, field_name: str) -> tuple[Any, Any, Any]:
    """The relation table of a many2many field and its (this side, other side) columns."""
    field = registry[model_name]._fields[field_name]
    assert isinstance(field, Many2many)
    table = field.relation_table(registry)
    return table, table.c[field.column1], table.c[field.column2]


def group_ids_of(registry: Registry, session: Session, user_id: int | None) -> frozenset[int]:
    """The ids of the user's groups, with every group they imply."""
    _, member, group = _relation(registry, "base.user", "groups")
    _, implying, implied = _relation(registry, "base.group", "implied")
    direct = set(session.scalars(select(group).where(member == user_id)))
    edges: dict[int, set[int]] = {}
    for group_id, implied_id in session.execute(select(implying, implied)):
        edges.setdefault(group_id, set()).add(implied_id)
    return _closure(direct, edges)


def group_names(registry: Registry, session: Session, group_ids: Iterable[int]) -> frozenset[str]:
    """The external ids (``"base.group_system"``) of the groups ``group_ids``."""
    xmlids = registry["base.external_id"]._table
    stmt = select(xmlids.c.addon, xmlids.c.name).where(
        xmlids.c.model == "base.group", xmlids.c.res_id.in_(list(group_ids) or [0])
    )
    return frozenset(f"{addon}.{name}" for addon, name in session.execute(stmt))


def group_names_of(registry: Registry, session: Session, user_id: int | None) -> frozenset[str]:
    """The external ids of every group the user is in, directly or implied."""
    return group_names(registry, session, group_ids_of(registry, session, user_id))


class AccessPolicy:
    """What one user may do, loaded once per environment with a few Core queries.

    The kernel's own tables are read with Core statements (which the read
    checks leave alone), through the registry's models, never by table name.
    """

    def __init__(self, env: Environment) -> None:
        self.env = env
        self.user_id = env.user_id
        registry, session = env.registry, env.session
        self.group_ids = group_ids_of(registry, session, self.user_id)
        self.group_names = group_names(registry, session, self.group_ids)
        self.is_admin = "base.group_system" in self.group_names
        access = registry["base.access"]._table
        self.rights: dict[str, set[str]] = {}
        stmt = select(access).where(
            or_(access.c.group_id.is_(None), access.c.group_id.in_(self.group_ids or [0]))
        )
        for row in session.execute(stmt):
            granted = self.rights.setdefault(row.model, set())
            granted.update(op for op in OPERATIONS if getattr(row, f"can_{op}"))
        self.rules = self._load_rules()
        self._conditions: dict[tuple[str, str], ColumnElement[bool]] = {}
        self.values = self._placeholder_values()

    def _load_rules(self) -> dict[str, list[tuple[bool, Any, set[str]]]]:
        registry, session = self.env.registry, self.env.session
        rules_table = registry["base.rule"]._table
        _, rule, group = _relation(registry, "base.rule", "groups")
        groups_of: dict[int, set[int]] = {}
        for rule_id, group_id in session.execute(select(rule, group)):
            groups_of.setdefault(rule_id, set()).add(group_id)
        rules: dict[str, list[tuple[bool, Any, set[str]]]] = {}
        for row in session.execute(select(rules_table).where(rules_table.c.active.is_(True))):
            groups = groups_of.get(row.id, set())
            if groups and not groups & self.group_ids:
                continue
            operations = {op for op in OPERATIONS if getattr(row, f"on_{op}")}
            rules.setdefault(row.model, []).append((not groups, row.domain, operations))
        return rules

    def _placeholder_values(self) -> dict[str, Any]:
        registry, session = self.env.registry, self.env.session
        users = registry["base.user"]._table
        _, user, company = _relation(registry, "base.user", "companies")
        row = session.execute(select(users).where(users.c.id == self.user_id)).first()
        allowed = list(session.scalars(select(company).where(user == self.user_id)))
        current = row.company_id if row is not None else None
        if current is not None and current not in allowed:
            allowed.append(current)
        return {
            "@user": self.user_id or 0,
            "@partner": (row.partner_id if row is not None else None) or 0,
            "@company": current or 0,
            "@companies": allowed or [0],
        }

    # -- questions -------------------------------------------------------------

    def allows(self, model_name: str, operation: str) -> bool:
        """Whether the user has the right to do ``operation`` on ``model_name`` at all.

        Reports (`core.orm.report`) are only ever read, whoever the user.
        """
        if operation != "read" and model_name in self.env.registry.reports:
            return False
        return self.is_admin or operation in self.rights.get(model_name, ())

    def check(self, model: type[Model], operation: str) -> None:
        """Raise `AccessError` unless the user may do ``operation`` on ``model``."""
        if not self.allows(model._name, operation):
            raise AccessError(right_refused(model, operation))

    def can_see_field(self, field: Field[Any]) -> bool:
        return not field.groups or self.is_admin or bool(self.group_names.intersection(field.groups))

    def check_fields(self, model: type[Model], names: Iterable[str]) -> None:
        """Raise `AccessError` if any of the fields ``names`` is restricted to groups the user lacks."""
        for name in names:
            field = model._fields.get(name)
            if field is not None and not self.can_see_field(field):
                raise AccessError(
                    _(
                        "You may not see or change %(field)s on %(model)s.",
                        field=current().field_label(field),
                        model=current().model_label(model),
                    )
                )

    def check_order(self, model: type[Model], order: str | None) -> None:
        """Raise `AccessError` if ``order`` (``"name desc, partner.name, id"``) sorts by a field the
        user may not see: the order of the results would reveal its values."""
        for part in (order or "").split(","):
            if not part.split():
                continue
            name, _, target = part.split()[0].partition(".")
            self.check_fields(model, [name])
            field = model._fields.get(name)
            if target and field is not None and field.type_name == "many2one":
                self.check_fields(self.env.registry[field.comodel], [target])  # type: ignore[attr-defined]

    def condition(self, model: type[Model], operation: str) -> ColumnElement[bool] | None:
        """The SQL condition the rules of ``model`` impose on ``operation``, or None when none apply."""
        rules = [
            (is_global, domain)
            for is_global, domain, ops in self.rules.get(model._name, ())
            if operation in ops
        ]
        if not rules:
            return None
        key = (model._name, operation)
        if key not in self._conditions:
            # A rule's own paths through relations are the system's: rules do not nest.
            previous, self.env.su = self.env.su, True
            try:
                compiled = [
                    (
                        is_global,
                        compile_node(
                            self.env,
                            model,
                            parse(self.env.registry, model, resolve_placeholders(domain, self.values)),
                        ),
                    )
                    for is_global, domain in rules
                ]
            finally:
                self.env.su = previous
            global_part = [cond for is_global, cond in compiled if is_global]
            group_part = [cond for is_global, cond in compiled if not is_global]
            if group_part:
                global_part.append(or_(*group_part))
            self._conditions[key] = and_(*global_part)
        return self._conditions[key]

    def check_rows(self, model: type[Model], operation: str, ids: Sequence[int]) -> None:
        """Raise `AccessError` if a rule for ``operation`` excludes any of the rows ``ids``."""
        condition = self.condition(model, operation)
        if condition is None or not ids:
            return
        stmt = select(model.id).where(model.id.in_(ids), condition).execution_options(**{BYPASS: True})
        allowed = set(self.env.session.scalars(stmt))
        if len(allowed) < len(set(ids)):
            raise AccessError(rules_refused(model, operation))


def right_refused(model: type[Model], operation: str) -> str:
    """Why a user without the right to ``operation`` on ``model`` is refused, in their language."""
    label, name = current().model_label(model), model._name
    return {
        "read": _(
            "You may not read %(model)s records (%(name)s); ask an administrator.", model=label, name=name
        ),
        "create": _(
            "You may not create %(model)s records (%(name)s); ask an administrator.", model=label, name=name
        ),
        "write": _(
            "You may not change %(model)s records (%(name)s); ask an administrator.", model=label, name=name
        ),
        "delete": _(
            "You may not delete %(model)s records (%(name)s); ask an administrator.", model=label, name=name
        ),
    }[operation]


def rules_refused(model: type[Model], operation: str) -> str:
    """Why the access rules of ``model`` refuse ``operation`` on some records, in the user's language."""
    label = current().model_label(model)
    return {
        "read": _("The access rules of %(model)s records do not let you read these records.", model=label),
        "create": _(
            "The access rules of %(model)s records do not let you create these records.", model=label
        ),
        "write": _("The access rules of %(model)s records do not let you change these records.", model=label),
        "delete": _(
            "The access rules of %(model)s records do not let you delete these records.", model=label
        ),
    }[operation]


def _closure(start: set[int], edges: dict[int, set[int]]) -> frozenset[int]:
    seen: set[int] = set()
    stack = list(start)
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(edges.get(node, ()))
    return frozenset(seen)


def _check_select(state: ORMExecuteState) -> None:
    env: Environment | None = state.session.info.get(ENV_KEY)
    if env is None or env.su or not state.is_select or state.execution_options.get(BYPASS):
        return
    if not state.is_orm_statement:
        # Core statements on tables (the policy's own queries among them) are the kernel's.
        return
    models = _models_in(env, state)
    if not models:
        return
    policy = env.access
    options = []
    for model in models:
        policy.check(model, "read")
        condition = policy.condition(model, "read")
        if condition is not None:
            options.append(rule_criteria(model, condition))
    if options:
        state.statement = state.statement.options(*options)


def rule_criteria(model: type[Model], condition: ColumnElement[bool]) -> LoaderCriteriaOption:
    """The loader criteria restricting every occurrence of ``model`` in a statement to ``condition``.

    ``condition`` is built on the model's own table. Each alias of the model
    (``aliased(Model)`` in a report, a domain through a self-referencing
    relation such as ``parent.name``) gets it rewritten onto the alias, in the
    WHERE clause, in a join's ON clause and inside subqueries alike: a ready-made
    expression would keep naming the model's table there, restricting the outer
    rows instead of the alias's and correlating the subquery with the outer query.

    The lambda is SQLAlchemy's per-entity form of the criteria; ``condition``, its
    only closure variable, is part of the statement's cache key (so a structurally
    different rule compiles anew) and its values are bound parameters extracted on
    each execution (so a cached statement never carries one user's values to another).
    """
    from core.orm.report import Report

    if issubclass(model, Report):
        # A report's rows come from a query whose ``bindparam(callable_=...)`` (today's date) must be
        # evaluated at each run; with lambda criteria a cached statement ran with the first run's
        # values (addons/stock/tests/test_stock_reports.py). Reports are read whole, never through an alias.
        return with_loader_criteria(model, condition, include_aliases=True)
    return with_loader_criteria(model, lambda entity: _on_entity(entity, condition), include_aliases=True)


def _on_entity(entity: Any, condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """``condition``, built on a model's own table, for ``entity``: that model or one of its aliases."""
    info = inspect(entity, raiseerr=False)
    if info is None or not info.is_aliased_class:
        return condition
    return ClauseAdapter(info.selectable).traverse(condition)


def _models_in(env: Environment, state: ORMExecuteState) -> list[type[Model]]:
    """Every model the statement reads: its entities, its FROM clause (``select(func.count())
    .select_from(Model)``) and its subqueries (domains through relations)."""
    from core.orm.model import Model

    found = [mapper.class_ for mapper in state.all_mappers if issubclass(mapper.class_, Model)]
    for table in find_tables(state.statement):
        model = env.registry.models_by_table.get(getattr(table, "name", ""))
        if model is not None and model not in found:
            found.append(model)
    return found


def check_flush(
    env: Environment, new: Sequence[Model], changed: Iterable[Model], deleted: Sequence[Model]
) -> None:
    """Rights for every record a flush creates, changes or deletes; rules for existing rows."""
    if env.su:
        return
    policy = env.access
    for operation, records in (("create", new), ("write", list(changed)), ("delete", deleted)):
        by_model: dict[type[Model], list[Model]] = {}
        for record in records:
            by_model.setdefault(type(record), []).append(record)
        for model, group in by_model.items():
            policy.check(model, operation)
            if operation != "create":
                policy.check_rows(model, operation, [record.id for record in group])


def check_rules_after(env: Environment, records: Sequence[Model], operation: str) -> None:
    """After the INSERTs or UPDATEs: the rows must satisfy the rules of ``operation``.

    New rows must satisfy the create rules. Changed rows are checked against
    the write rules before the change too (`check_flush`), so a user can
    neither touch a row outside the rules nor move one of theirs out of them.
    """
    if env.su or not records:
        return
    by_model: dict[type[Model], list[int]] = {}
    for record in records:
        by_model.setdefault(type(record), []).append(record.id)
    for model, ids in by_model.items():
        env.access.check_rows(model, operation, ids)
