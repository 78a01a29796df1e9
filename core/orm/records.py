"""`RecordSet`: an ordered batch of records of one model, with batch operations.

Searches return record sets; iterate them for records (mapped instances), or
act on all at once so the kernel can batch the SQL::

    partners = env["base.partner"].search([("country.code", "=", "TR")])
    partners.write({"lang": "tr_TR"})
    rows = partners.read(["name", "country"])   # one query per relation, not per row
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any
from typing import Generic
from typing import TypeVar
from typing import overload

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.strategy_options import _AbstractLoad

from core.errors import UserError
from core.i18n import _

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.model import Model

M = TypeVar("M", bound="Model")


KEPT_KEY = "tessera.prefetched"  # session.info: records a prefetch loaded, kept alive


def keep_loaded(session: Session, records: Iterable[Model]) -> None:
    """Keep ``records`` (and what was loaded along with them) alive until ``session`` ends.

    The session's identity map holds records weakly: records a prefetch loaded
    and nobody references yet would be dropped at once, and read again one by
    one when used. Every prefetch keeps what it loads here.
    """
    session.info.setdefault(KEPT_KEY, []).extend(records)


class RecordSet(Generic[M]):
    """An immutable, ordered sequence of records of the model ``model``."""

    __slots__ = ("env", "model", "_records")

    def __init__(self, env: Environment, model: type[M], records: Sequence[M] = ()) -> None:
        self.env = env
        self.model = model
        self._records = tuple(records)

    def __repr__(self) -> str:
        return f"{self.model._name}{list(self.ids)}"

    def __iter__(self) -> Iterator[M]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __bool__(self) -> bool:
        return bool(self._records)

    @overload
    def __getitem__(self, index: int) -> M: ...
    @overload
    def __getitem__(self, index: slice) -> RecordSet[M]: ...
    def __getitem__(self, index: int | slice) -> M | RecordSet[M]:
        if isinstance(index, slice):
            return RecordSet(self.env, self.model, self._records[index])
        return self._records[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RecordSet) and other.model is self.model and other.ids == self.ids

    def __hash__(self) -> int:
        return hash((self.model._name, self.ids))

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(record.id for record in self._records)

    def ensure_one(self) -> M:
        """The single record of this set.

        Raises:
            UserError: the set holds no record or more than one.
        """
        if len(self._records) != 1:
            raise UserError(
                _(
                    "Expected one %(model)s record, got %(count)s.",
                    model=self.model._name,
                    count=len(self._records),
                )
            )
        return self._records[0]

    def filtered(self, predicate: Callable[[M], bool]) -> RecordSet[M]:
        """The records for which ``predicate`` is true, in order."""
        return RecordSet(self.env, self.model, [rec for rec in self._records if predicate(rec)])

    def mapped(self, path: str) -> list[Any]:
        """Values along a dotted ``path``, relations flattened and records de-duplicated."""
        self.prefetch([path.rsplit(".", 1)[0]] if "." in path else [])
        values: list[Any] = list(self._records)
        for name in path.split("."):
            step: list[Any] = []
            for value in values:
                item = getattr(value, name)
                if isinstance(item, list | tuple | set):
                    step.extend(item)
                else:
                    step.append(item)
            values = step
        if values and hasattr(values[0], "_fields"):
            return list(dict.fromkeys(values))
        return values

    # -- batch operations --------------------------------------------------------

    def prefetch(self, paths: Sequence[str]) -> None:
        """Load the relations along dotted ``paths`` for every record: one query per relation.

        The first query also reloads the records whose values were expired (by
        a commit or ``Session.expire``), which would otherwise load one by one.
        The loaded records stay in the session until it ends, so reading them
        by id afterwards (``env[model].get(id)``) runs no query.
        """
        options = [load for path in paths if (load := self._loader(path)) is not None]
        states = [sa_inspect(record) for record in self._records]
        # Identities, not `self.ids`: reading the id of an expired record loads it.
        ids = [state.identity[0] for state in states if state.has_identity]
        if not ids or not (options or any(state.expired_attributes for state in states)):
            return
        model = self.model
        stmt = select(model).where(model.id.in_(ids)).options(*options)
        with self.env.session.no_autoflush:
            loaded = self.env.session.scalars(stmt).all()
        keep_loaded(self.env.session, loaded)

    def _loader(self, path: str) -> _AbstractLoad | None:
        model, loader = self.model, None
        for name in path.split("."):
            field = model._fields.get(name)
            if (
                field is None
                or field.type_name not in ("many2one", "one2many", "many2many")
                or not field.store
            ):
                break
            attribute = getattr(model, name)
            loader = selectinload(attribute) if loader is None else loader.selectinload(attribute)
            model = self.env.registry[field.comodel]  # type: ignore[attr-defined]
        return loader

    def read(self, field_names: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Each record's values as JSON-compatible dicts, loading relations in batches."""
        from core.orm.compute import compute_batches
        from core.orm.compute import forget_batches
        from core.orm.model import visible_fields

        names = visible_fields(self.env, self.model, field_names)
        fields = self.model._fields
        # Computed fields read their dependencies: load those for the batch too (no query per record).
        computed = [fields[name] for name in names if name in fields and not fields[name].store]
        depends = [path for field in computed for path in field.depends]
        self.prefetch([name for name in names if name in fields] + depends)
        compute_batches(self, computed)
        try:
            return [record.read(names) for record in self._records]
        finally:
            forget_batches(self._records)

    def write(self, vals: Mapping[str, Any]) -> None:
        """Write the same values on every record, then flush once.

        A large batch of plain values is one UPDATE (`core.orm.bulk`) unless the
        model overrides ``write``, which then runs for each record.
        """
        from core.orm import bulk

        if len(self._records) > 1 and self._plain("write") and bulk.updatable(self.model, vals):
            bulk.update(self.env, self, vals)
            return
        for record in self._records:
            record.write(vals)
        self.env.flush()

    def unlink(self) -> None:
        """Delete every record, in one flush (one DELETE for a plain batch)."""
        from core.orm import bulk

        if len(self._records) > 1 and self._plain("unlink") and bulk.deletable(self.model):
            bulk.delete(self.env, self)
            return
        for record in self._records:
            record.unlink()
        self.env.flush()

    def _plain(self, method: str) -> bool:
        """Whether ``method`` is the kernel's own, not overridden by an addon."""
        from core.orm.model import Model

        return getattr(self.model, method) is getattr(Model, method)
