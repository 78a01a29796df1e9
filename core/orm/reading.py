"""`search_read`: matching rows as JSON-ready dicts, read column by column in SQL.

List views and the API show values, not objects, so they need not pay for
building ORM instances: stored columns come from one SELECT; many2one display
names from one query per target model; one2many and many2many ids from one
query per field. The number of queries depends on the fields asked for, never
on the number of rows::

    env["base.partner"].search_read([("is_company", "=", True)], ["name", "country"], limit=80)
    # [{"id": 7, "name": "Acme", "country": {"id": 1, "display_name": "Türkiye"}}, ...]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import select

from core.errors import ValidationError
from core.i18n import _
from core.orm.fields.relational import Many2many
from core.orm.fields.relational import Many2one
from core.orm.fields.relational import One2many
from core.orm.model import visible_fields
from core.orm.names import display_names
from core.orm.records import RecordSet

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.model import Model


def search_read(
    env: Environment,
    model: type[Model],
    domain: Iterable[Any] = (),
    field_names: Sequence[str] | None = None,
    *,
    order: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """The records matching ``domain`` as dicts of ``field_names`` (all fields when None).

    Raises:
        ValidationError: a field name is unknown.
        DomainError: the domain is invalid.
    """
    names = (
        [name for name in visible_fields(env, model, field_names) if name != "id"]
        if field_names is None
        else list(field_names)
    )
    unknown = [name for name in names if name not in model._fields and name != "id"]
    if unknown:
        raise ValidationError(
            fields={
                name: _("%(model)s has no field %(name)r.", model=model._name, name=name) for name in unknown
            }
        )
    visible_fields(env, model, [name for name in names if name != "id"])
    if not env.su:
        env.access.check_order(model, order)
    fields = [model._fields[name] for name in names if name != "id"]
    stored = [f for f in fields if f.store and f.type_name not in ("one2many", "many2many")]
    computed = [f for f in fields if not f.store]
    # ORM attributes, not table columns: statements stay ORM-enabled, so session
    # events and loader criteria (row-level access rules) apply to them too.
    columns = [model.id, *(getattr(model, f.column_name) for f in stored)]
    stmt = select(*columns).where(model.where(env, domain))
    stmt = stmt.order_by(*model.default_order(order)).offset(offset or None).limit(limit)
    rows = [dict(row._mapping) for row in env.session.execute(stmt)]
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    results: list[dict[str, Any]] = [{"id": row["id"]} for row in rows]
    for field in stored:
        if isinstance(field, Many2one):
            names_by_id = display_names(
                env, env.registry[field.comodel], [row[field.column_name] for row in rows]
            )
            for result, row in zip(results, rows, strict=True):
                target = row[field.column_name]
                result[field.name] = (
                    None if target not in names_by_id else {"id": target, "display_name": names_by_id[target]}
                )
        else:
            for result, row in zip(results, rows, strict=True):
                result[field.name] = field.to_json(row[field.column_name])
    for field in fields:
        if isinstance(field, One2many | Many2many):
            linked = _linked_ids(env, model, field, ids)
            for result in results:
                result[field.name] = linked.get(result["id"], [])
    if computed:
        records = RecordSet(env, model, list(model.browse(env, ids)))
        for result, values in zip(results, records.read([f.name for f in computed]), strict=True):
            result.update({key: value for key, value in values.items() if key != "id"})
    return [{key: result[key] for key in ["id", *names] if key in result} for result in results]


def _linked_ids(
    env: Environment, model: type[Model], field: One2many | Many2many, ids: list[int]
) -> dict[int, list[int]]:
    linked: dict[int, list[int]] = defaultdict(list)
    if isinstance(field, One2many):
        target = env.registry[field.comodel]
        owner = getattr(target, target._fields[field.inverse].column_name)
        stmt = select(owner, target.id).where(owner.in_(ids)).order_by(*target.default_order())
    else:
        table = field.relation_table(env.registry)
        target = env.registry[field.comodel]
        owner = table.c[field.column1]
        # Joined to the target model so its read rules leave out links to hidden records.
        stmt = (
            select(owner, target.id)
            .join_from(table, target, target.id == table.c[field.column2])
            .where(owner.in_(ids))
        )
    for owner_id, target_id in env.session.execute(stmt):
        linked[owner_id].append(target_id)
    return linked
