"""Display names of many records at once: one query per model, whatever the number of ids.

Lists show many2one values by name, groups are titled by name, and the
record history stores names; all of them ask here::

    display_names(env, env.registry["base.country"], [1, 2, 3])   # {1: "Türkiye", 2: "Hungary", ...}

The query is an ORM statement, so the user's read rules apply: a record the
user may not read is simply absent from the result.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.model import Model


def display_names(env: Environment, model: type[Model], ids: Iterable[int | None]) -> dict[int, str]:
    """``id → display name`` for the records of ``model`` among ``ids`` the user may read."""
    from core.orm.model import Model

    wanted = sorted({record_id for record_id in ids if record_id is not None})
    if not wanted:
        return {}
    field = model._fields.get(model._rec_name) if model._rec_name else None
    if model.display_name is Model.display_name and field is not None and field.store:
        # The plain rule (the name field, or "Partner #7"): read one column, not whole records.
        column = getattr(model, field.column_name)
        rows = env.session.execute(select(model.id, column).where(model.id.in_(wanted)))
        return {record_id: str(name) if name else model.unnamed(record_id) for record_id, name in rows}
    records = env.session.scalars(select(model).where(model.id.in_(wanted)))
    return {record.id: record.display_name for record in records}
