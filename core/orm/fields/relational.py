"""Relations between models: `Many2one`, `One2many` and `Many2many`.

A many2one named ``partner`` stores its id in the column ``partner_id`` and
exposes the related record as ``record.partner``. A one2many is the other side
of a many2one (``inverse``); a many2many keeps pairs in a relation table::

    class Order(Model, name="sales.order"):
        partner = fields.Many2one("base.partner", required=True, ondelete="restrict")
        lines = fields.One2many("sales.order_line", inverse="order")
        tags = fields.Many2many("sales.tag")
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from typing import Any
from typing import Literal

from sqlalchemy import Column
from sqlalchemy import ForeignKey
from sqlalchemy import Integer
from sqlalchemy import Table
from sqlalchemy import select
from sqlalchemy.orm import foreign
from sqlalchemy.orm import relationship
from sqlalchemy.orm.util import identity_key

from core.i18n import _
from core.orm.environment import Environment
from core.orm.fields.base import Field

if TYPE_CHECKING:
    from core.orm.model import Model
    from core.orm.registry import Registry

OnDelete = Literal["set null", "cascade", "restrict"]


def table_name(model_name: str) -> str:
    """The table of a model: ``sales.order_line`` → ``sales_order_line``."""
    return model_name.replace(".", "_")


class Relational(Field[Any]):
    """Base of fields whose values are records of the ``comodel``."""

    def __init__(self, comodel: str, label: str | None = None, **options: Any) -> None:
        super().__init__(label, **options)
        self.comodel = comodel
        self._explicit = (self._explicit - {"label"}) | {"comodel"} | ({"label"} if label else set())

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "comodel": self.comodel}

    def _records(self, value: Any, env: Environment) -> list[Model]:
        """Records of the comodel from ids or records, checking that each exists."""
        target = env.registry[self.comodel]
        records: list[Model] = []
        wanted: list[int] = []
        for item in value or ():
            if isinstance(item, target):
                records.append(item)
            elif isinstance(item, int) and not isinstance(item, bool):
                wanted.append(item)
            else:
                raise ValueError(
                    _("Expected ids of %(model)s records, got %(value)r.", model=self.comodel, value=item)
                )
        if wanted:
            # Records already in the session are taken from it, like `Many2one.convert` does.
            known = (env.session.identity_map.get(identity_key(target, i)) for i in wanted)
            found = {rec.id: rec for rec in known if rec is not None}
            unseen = [i for i in wanted if i not in found]
            if unseen:
                found |= {
                    rec.id: rec for rec in env.session.scalars(select(target).where(target.id.in_(unseen)))
                }
            missing = [i for i in wanted if i not in found]
            if missing:
                raise ValueError(_("No %(model)s record with id %(id)s.", model=self.comodel, id=missing[0]))
            records += [found[i] for i in wanted]
        return records


class Many2one(Relational):
    """A reference to one record of ``comodel``.

    ``ondelete`` says what happens to this record when the target is deleted:
    ``"set null"`` (the default for optional fields), ``"restrict"`` (the
    default for required ones: the deletion is refused) or ``"cascade"``.
    """

    type_name = "many2one"

    def __init__(
        self, comodel: str, label: str | None = None, *, ondelete: OnDelete | None = None, **options: Any
    ) -> None:
        super().__init__(comodel, label, **options)
        if ondelete not in (None, "set null", "cascade", "restrict"):
            raise ValueError(f"ondelete must be 'set null', 'cascade' or 'restrict', not {ondelete!r}")
        self.ondelete: OnDelete = ondelete or ("restrict" if self.required else "set null")

    @property
    def column_name(self) -> str:
        return f"{self.name}_id"

    def columns(self, registry: Registry) -> list[Column[Any]]:
        if not self.store:
            return []
        target = table_name(self.comodel)
        return [
            Column(
                self.column_name,
                Integer,
                ForeignKey(
                    f"{target}.id",
                    ondelete=self.ondelete.upper(),
                    name=f"fk_{table_name(self.model_name)}_{self.column_name}",
                ),
                nullable=not self.required,
                index=True,
            )
        ]

    def mapper_properties(self, registry: Registry) -> dict[str, Any]:
        if not self.store:
            return {}
        table = registry.tables[self.model_name]
        if self.model_name in registry.reports:
            # A report's query has no foreign keys to join by, and nothing writes it.
            target = registry.tables[self.comodel]
            return {
                self.name: relationship(
                    registry.models[self.comodel],
                    primaryjoin=target.c.id == foreign(table.c[self.column_name]),
                    viewonly=True,
                )
            }
        inverse = registry.inverse_of(self)
        return {
            self.name: relationship(
                registry.models[self.comodel],
                foreign_keys=[table.c[self.column_name]],
                back_populates=inverse.name if inverse else None,
                remote_side=[table.c.id] if self.comodel == self.model_name else None,
                # Records enter the session when created (Model.new), so the target
                # never needs cascading in; skipping it keeps adds cheap.
                cascade="merge",
            )
        }

    def convert(self, value: Any, env: Environment) -> Model | None:
        if value is None or value is False:
            return None
        target = env.registry[self.comodel]
        if isinstance(value, target):
            return value
        if type(value) is not int:
            raise ValueError(
                _("Expected the id of a %(model)s record, got %(value)r.", model=self.comodel, value=value)
            )
        record = env.session.get(target, value)
        if record is None:
            raise ValueError(_("No %(model)s record with id %(id)s.", model=self.comodel, id=value))
        return record

    def to_json(self, value: Any) -> dict[str, Any] | None:
        if value is None:
            return None
        return {"id": value.id, "display_name": value.display_name}


class One2many(Relational):
    """The records of ``comodel`` whose many2one ``inverse`` points at this record.

    Written as a list: existing lines given by id are kept (and updated with
    the other keys of their dict), dicts without an id create lines, and lines
    left out are removed (deleted when the inverse is required or cascades).
    """

    type_name = "one2many"

    def __init__(self, comodel: str, label: str | None = None, *, inverse: str, **options: Any) -> None:
        super().__init__(comodel, label, **options)
        self.inverse = inverse

    def mapper_properties(self, registry: Registry) -> dict[str, Any]:
        inverse = registry.fields_of(self.comodel)[self.inverse]
        assert isinstance(inverse, Many2one)
        owned = inverse.required or inverse.ondelete == "cascade"
        target_table = registry.tables[self.comodel]
        target = registry.models[self.comodel]
        return {
            self.name: relationship(
                target,
                foreign_keys=[target_table.c[inverse.column_name]],
                back_populates=self.inverse if registry.inverse_of(inverse) is self else None,
                cascade="save-update, merge, delete, delete-orphan" if owned else "save-update, merge",
                passive_deletes=True,
                order_by=target.default_order(),
            )
        }

    def describe(self) -> dict[str, Any]:
        return {**super().describe(), "inverse": self.inverse}

    def assign(self, record: Model, value: Any, env: Environment) -> None:
        target = env.registry[self.comodel]
        current = {line.id: line for line in getattr(record, self.name)}
        lines: list[Model] = []
        for item in value or ():
            if isinstance(item, target):
                lines.append(item)
            elif isinstance(item, dict) and item.get("id") is not None:
                line = current.get(item["id"])
                if line is None:
                    raise ValueError(_("Line %(id)s does not belong to this record.", id=item["id"]))
                line.write({key: val for key, val in item.items() if key != "id"})
                lines.append(line)
            elif isinstance(item, dict):
                lines.append(target.new(env, item))
            else:
                raise ValueError(_("Lines are given as objects of field values."))
        setattr(record, self.name, lines)

    def to_json(self, value: Any) -> list[int]:
        return [line.id for line in value]


class Many2many(Relational):
    """Any number of ``comodel`` records, linked through a relation table.

    The table is ``relation`` (default ``<table>_<target table>_rel``) with the
    columns ``column1`` (this side) and ``column2`` (the other side).
    """

    type_name = "many2many"

    def __init__(
        self,
        comodel: str,
        label: str | None = None,
        *,
        relation: str | None = None,
        column1: str | None = None,
        column2: str | None = None,
        **options: Any,
    ) -> None:
        super().__init__(comodel, label, **options)
        self.relation = relation
        self.column1 = column1
        self.column2 = column2

    def bind(self, name: str, model_name: str, addon: str) -> Many2many:
        bound = super().bind(name, model_name, addon)
        own, other = table_name(model_name), table_name(self.comodel)
        bound.relation = self.relation or f"{own}_{name}_rel"
        bound.column1 = self.column1 or f"{own}_id"
        bound.column2 = self.column2 or (f"{other}_id" if other != own else f"{other}_other_id")
        return bound

    def relation_table(self, registry: Registry) -> Table:
        """The relation table; created with the model that declares the field."""
        assert self.relation and self.column1 and self.column2
        if self.relation in registry.metadata.tables:
            return registry.metadata.tables[self.relation]
        own, other = table_name(self.model_name), table_name(self.comodel)
        return Table(
            self.relation,
            registry.metadata,
            Column(self.column1, ForeignKey(f"{own}.id", ondelete="CASCADE"), primary_key=True),
            Column(self.column2, ForeignKey(f"{other}.id", ondelete="CASCADE"), primary_key=True, index=True),
        )

    def mapper_properties(self, registry: Registry) -> dict[str, Any]:
        table = self.relation_table(registry)
        return {
            self.name: relationship(
                registry.models[self.comodel],
                secondary=table,
                primaryjoin=registry.tables[self.model_name].c.id == table.c[self.column1],
                secondaryjoin=registry.tables[self.comodel].c.id == table.c[self.column2],
                back_populates=counterpart.name if (counterpart := registry.counterpart_of(self)) else None,
                passive_deletes=True,
                order_by=registry.models[self.comodel].default_order(),
            )
        }

    def convert(self, value: Any, env: Environment) -> list[Model]:
        # A record listed twice is linked once (the relation table has one row per pair).
        return list(dict.fromkeys(self._records(value, env)))

    def to_json(self, value: Iterable[Model]) -> list[int]:
        return [rec.id for rec in value]
