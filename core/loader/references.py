"""Delete rows and apply every ``ondelete`` rule that points at them, without the database's help.

Schema changes on SQLite run with foreign keys off (SQLite's documented
procedure for rebuilding tables), so ``ON DELETE CASCADE`` and ``SET NULL``
do not fire while an addon is uninstalled. The lifecycle therefore deletes
the records an addon's data created through this module, which follows the
registry's many2one fields (cascade, set null) and many2many relation tables
itself. A ``restrict`` reference is left in place: the foreign key check
before the commit then refuses the uninstall, naming the tables.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Connection
from sqlalchemy import delete
from sqlalchemy import select
from sqlalchemy import update

from core.orm.fields.relational import Many2many
from core.orm.fields.relational import Many2one
from core.orm.registry import Registry


def delete_rows(connection: Connection, registry: Registry, model_name: str, ids: Collection[int]) -> None:
    """Delete the rows ``ids`` of ``model_name``, cascading and nulling references as declared."""
    _delete(connection, registry, model_name, set(ids), set())


def _delete(
    connection: Connection, registry: Registry, model_name: str, ids: set[int], seen: set[tuple[str, int]]
) -> None:
    ids = {i for i in ids if (model_name, i) not in seen}
    if not ids:
        return
    seen.update((model_name, i) for i in ids)
    for model in registry.models.values():
        if model._name in registry.reports:
            continue  # computed by a query: nothing stored points at the rows
        table = model._table
        for field in model._fields.values():
            if isinstance(field, Many2one) and field.store and field.comodel == model_name:
                column = table.c[field.column_name]
                if field.ondelete == "cascade":
                    children = set(connection.scalars(select(table.c.id).where(column.in_(ids))))
                    _delete(connection, registry, model._name, children, seen)
                elif field.ondelete == "set null":
                    connection.execute(update(table).where(column.in_(ids)).values({column.name: None}))
            elif isinstance(field, Many2many) and model_name in (field.comodel, field.model_name):
                relation = field.relation_table(registry)
                if field.comodel == model_name:
                    connection.execute(delete(relation).where(relation.c[field.column2].in_(ids)))
                if field.model_name == model_name:
                    connection.execute(delete(relation).where(relation.c[field.column1].in_(ids)))
    target = registry[model_name]._table
    connection.execute(delete(target).where(target.c.id.in_(ids)))
