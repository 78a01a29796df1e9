"""`Model` and `Extension`: how addons declare business objects and extend each other's.

An addon declares a model by subclassing `Model` with a ``name``, and extends a
model of one of its dependencies by subclassing `Extension` with ``extends``.
Neither class is mapped itself: the registry composes, per database, one final
class from the declaration and every installed extension (extensions first in
the MRO, so ``super()`` reaches the addon below) and maps that class::

    class Partner(Model, name="base.partner"):
        name = fields.Char(required=True)

    class PartnerWithPoints(Extension, extends="base.partner"):
        points = fields.Integer(default=0)

        def write(self, vals: dict[str, Any]) -> None:
            super().write(vals)

A record is one row: an instance of the composed class in the environment's
SQLAlchemy session. Batch operations go through `RecordSet`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import TYPE_CHECKING
from typing import Any
from typing import ClassVar
from typing import TypeVar

from sqlalchemy import ColumnElement
from sqlalchemy import Select
from sqlalchemy import Table
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlalchemy.orm import object_session

from core.errors import ConfigError
from core.errors import MissingError
from core.errors import ValidationError
from core.i18n import _
from core.i18n import current
from core.orm import fields
from core.orm.environment import ENV_KEY
from core.orm.fields.base import MISSING
from core.orm.fields.base import Field
from core.orm.records import RecordSet
from core.orm.records import keep_loaded

if TYPE_CHECKING:
    from typing import Self

    from core.orm.constraints import SQLConstraint
    from core.orm.environment import Environment
    from core.orm.registry import Registry

MODEL_NAME = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
UNSORTABLE = frozenset({"one2many", "many2many", "json"})
DRAFT_ENV_KEY = "_tessera_draft_env"
AUDIT_STAMPS = frozenset({"created_at", "updated_at", "created_by", "updated_by"})


class Model:
    """Base class of every model an addon declares.

    Class options: ``_description`` (what users call it), ``_order`` (default
    sort, e.g. ``"date desc, id"``), ``_rec_name`` (the field that names a
    record), ``_parent_field`` (the many2one that makes a tree, for
    ``child_of``), ``_sql_constraints`` and ``_history`` (log creations and
    changes of ``tracked`` fields, and take notes: `core.orm.history`).
    """

    _name: ClassVar[str] = ""
    _description: ClassVar[str] = ""
    _order: ClassVar[str] = "id"
    _rec_name: ClassVar[str | None] = "name"
    _parent_field: ClassVar[str | None] = None
    _sql_constraints: ClassVar[Sequence[SQLConstraint]] = ()
    _history: ClassVar[bool] = False

    # Set by the registry on composed classes.
    _fields: ClassVar[dict[str, Field[Any]]]
    _registry: ClassVar[Registry]
    _defaults: ClassVar[tuple[Field[Any], ...]]
    _table: ClassVar[Table]

    id: int
    created_at = fields.Datetime("Created on", readonly=True, copy=False)
    updated_at = fields.Datetime("Last updated on", readonly=True, copy=False)
    created_by = fields.Many2one("base.user", "Created by", readonly=True, copy=False)
    updated_by = fields.Many2one("base.user", "Last updated by", readonly=True, copy=False)

    def __init_subclass__(cls, *, name: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if name is None:
            return
        if not MODEL_NAME.match(name):
            raise ConfigError(f"model name {name!r} of {cls.__qualname__} must look like 'addon.noun'")
        cls._name = name
        cls.__tessera_declares__ = name  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return f"<{self._name}({self.id})>"

    # -- environment -----------------------------------------------------------

    @property
    def env(self) -> Environment:
        """The environment (session, user, context) this record was loaded in."""
        session = object_session(self)
        if session is None:
            draft_env: Environment | None = self.__dict__.get(DRAFT_ENV_KEY)
            if draft_env is None:
                raise RuntimeError(f"{self!r} is not attached to a session")
            return draft_env
        env: Environment = session.info[ENV_KEY]
        return env

    @property
    def display_name(self) -> str:
        """How the record is named in lists, many2one fields and messages."""
        if self._rec_name:
            value = getattr(self, self._rec_name)
            if value:
                return str(value)
        return self.unnamed(self.id)

    @classmethod
    def unnamed(cls, record_id: int) -> str:
        """How a record without a name is called: ``"Partner #7"``."""
        return f"{cls._description or cls._name} #{record_id}"

    # -- model-level operations (override as classmethods, call super()) -------

    @classmethod
    def new(cls, env: Environment, vals: Mapping[str, Any]) -> Self:
        """A record with defaults and ``vals``, added to the session but not yet flushed."""
        if not env.su:
            env.access.check_fields(cls, vals)
        record = cls()
        env.session.add(record)
        # Defaults may query and resolving a many2one id does: an autoflush there would
        # validate this half-filled record (or others of the same batch).
        with env.session.no_autoflush:
            values = {
                field.name: field.default_value(env) for field in cls._defaults if field.name not in vals
            }
            record._assign({**values, **vals}, env)
        return record

    @classmethod
    def create(cls, env: Environment, vals_list: Sequence[Mapping[str, Any]]) -> RecordSet[Self]:
        """Create one record per dict of values, in one flush; returns them in order.

        Raises:
            ValidationError: a value is wrong, a required field is missing or a
                constraint refuses the records.
        """
        from core.orm import bulk

        if not env.su:
            # First, so a user without the right hears so, not about a record the values name.
            env.access.check(cls, "create")
        prefetch_references(env, cls, vals_list)
        if cls.new.__func__ is Model.new.__func__ and bulk.insertable(cls, vals_list):  # type: ignore[attr-defined]
            return bulk.insert(env, cls, vals_list)
        before = set(env.session.new)
        try:
            records = [cls.new(env, vals) for vals in vals_list]
            env.flush()
        except ValidationError:
            # Refused before any SQL: take the half-built records (and their lines) out of the
            # session, or the next query's autoflush would try, and fail, to write them again.
            for pending in set(env.session.new) - before:
                env.session.expunge(pending)
            raise
        return RecordSet(env, cls, records)

    @classmethod
    def select(cls, env: Environment, domain: Iterable[Any] = ()) -> Select[tuple[Self]]:
        """A SQLAlchemy SELECT of the records matching ``domain``, for further refinement."""
        return select(cls).where(cls.where(env, domain))

    @classmethod
    def where(cls, env: Environment, domain: Iterable[Any] = ()) -> ColumnElement[bool]:
        """The SQL condition for ``domain``, hiding archived records unless the domain asks."""
        from core.orm.domain import compile_domain

        return compile_domain(cls, domain, env)

    @classmethod
    def search(
        cls,
        env: Environment,
        domain: Iterable[Any] = (),
        *,
        order: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> RecordSet[Self]:
        """The records matching ``domain``, sorted by ``order`` (default: the model's ``_order``)."""
        if not env.su:
            env.access.check_order(cls, order)
        stmt = cls.select(env, domain).order_by(*cls.default_order(order)).offset(offset or None).limit(limit)
        return RecordSet(env, cls, list(env.session.scalars(stmt)))

    @classmethod
    def search_count(cls, env: Environment, domain: Iterable[Any] = ()) -> int:
        """How many records match ``domain``, counted in SQL."""
        # count(id), not count(*) FROM the model: the read rules reach a report's subquery only
        # through an entity's column.
        stmt = select(func.count(cls.id)).where(cls.where(env, domain))
        return int(env.session.scalar(stmt) or 0)

    @classmethod
    def browse(cls, env: Environment, ids: Iterable[int]) -> RecordSet[Self]:
        """The records with these ids, in that order.

        Raises:
            MissingError: one of the ids does not exist.
        """
        wanted = list(ids)
        found = {rec.id: rec for rec in env.session.scalars(select(cls).where(cls.id.in_(wanted)))}
        missing = [i for i in wanted if i not in found]
        if missing:
            raise MissingError(
                _("%(model)s #%(id)s does not exist.", model=current().model_label(cls), id=missing[0])
            )
        return RecordSet(env, cls, [found[i] for i in wanted])

    @classmethod
    def default_order(cls, order: str | None = None) -> list[ColumnElement[Any]]:
        """ORDER BY clauses for ``order``, a string like ``"name desc, id"``.

        A many2one sorts by the id it holds; ``"partner.name"`` sorts by a
        plain field of the record it points at (one step, a correlated
        subquery: no join changes the rows; a record the user's rules hide
        sorts as if the field were empty). Empty values sort last in
        ascending order and first in descending order, on SQLite as on PostgreSQL.

        Raises:
            ValidationError: the string names an unknown or unsortable field.
        """
        clauses: list[ColumnElement[Any]] = []
        for part in (order or cls._order).split(","):
            words = part.split()
            if not words:
                continue
            direction = words[1].lower() if len(words) > 1 else "asc"
            expression = cls._order_expression(words[0])
            if expression is None or direction not in ("asc", "desc") or len(words) > 2:
                raise ValidationError(
                    fields={
                        "order": _("Cannot sort %(model)s by %(order)r.", model=cls._name, order=part.strip())
                    }
                )
            clauses.append(
                expression.desc().nulls_first() if direction == "desc" else expression.asc().nulls_last()
            )
        return clauses

    @classmethod
    def _order_expression(cls, path: str) -> ColumnElement[Any] | None:
        """The SQL value ``path`` (``name``, ``id`` or ``partner.name``) sorts by, or None if it cannot."""
        if path == "id":
            return cls._table.c.id
        name, _, target = path.partition(".")
        field = cls._fields.get(name)
        if field is None or not field.store or field.type_name in UNSORTABLE:
            return None
        column = cls._table.c[field.column_name]
        if not target:
            return column
        if field.type_name != "many2one":
            return None
        comodel = cls._registry[field.comodel]  # type: ignore[attr-defined]
        aimed = comodel._fields.get(target)
        if aimed is None or not aimed.store or aimed.type_name in UNSORTABLE | {"many2one"}:
            return None
        # An ORM alias, not a table's: the comodel may be this model (``parent.name``), and the read
        # rules restrict an alias by its own rows, so a target the user may not see sorts as empty.
        target = aliased(comodel)
        return select(getattr(target, aimed.column_name)).where(target.id == column).scalar_subquery()

    # -- record-level operations -----------------------------------------------

    def write(self, vals: Mapping[str, Any]) -> None:
        """Set field values from user-level data (ids for relations, ISO strings for dates).

        Changes are flushed with the next query, `Environment.flush` or the
        commit; constraints run then. Override to add behaviour, calling ``super()``.
        """
        env = self.env
        if not env.su:
            env.access.check_fields(type(self), vals)
        self._assign(vals, env)

    def unlink(self) -> None:
        """Delete the record (on the next flush); refused while required references point at it."""
        self.env.session.delete(self)

    def read(self, field_names: Sequence[str] | None = None) -> dict[str, Any]:
        """The record's values as JSON-compatible data (use `RecordSet.read` for many records)."""
        names = visible_fields(self.env, type(self), field_names)
        values: dict[str, Any] = {"id": self.id}
        for name in names:
            field = self._field(name)
            values[name] = field.to_json(getattr(self, name))
        return values

    def copy(self, overrides: Mapping[str, Any] | None = None) -> Self:
        """A new record with this one's copyable stored values, and ``overrides``."""
        vals: dict[str, Any] = {}
        env = self.env
        for name, field in self._fields.items():
            if not env.su and not env.access.can_see_field(field):
                continue  # the copy gets the field's default: the user may not set it
            if field.copy and field.store and not field.compute and field.type_name != "one2many":
                value = getattr(self, name)
                vals[name] = list(value) if field.type_name == "many2many" else value
        record = type(self).new(self.env, {**vals, **(overrides or {})})
        self.env.flush()
        return record

    def history(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The record's history, newest first: dicts with ``kind`` ("creation", "change",
        "note"), ``body``, ``changes`` (``field``, ``label``, ``old``, ``new`` as users
        read them), ``author`` (a name) and ``created_at`` (ISO).

        Raises:
            UserError: the model keeps no history (``_history`` is False).
            AccessError: the user may not read this record.
        """
        from core.orm import history

        return history.read_history(self, limit)

    def post_note(self, body: str) -> None:
        """Add a note by the acting user to the record's history.

        Raises:
            UserError: the model keeps no history.
            AccessError: the user may not read this record.
            ValidationError: ``body`` is empty.
        """
        from core.orm import history

        history.post_note(self, body)

    # -- helpers -----------------------------------------------------------------

    @classmethod
    def _field(cls, name: str) -> Field[Any]:
        field = cls._fields.get(name)
        if field is None:
            raise ValidationError(
                fields={name: _("%(model)s has no field %(name)r.", model=cls._name, name=name)}
            )
        return field

    @classmethod
    def _convert(cls, vals: Mapping[str, Any], env: Environment) -> dict[str, Any]:
        """Convert user-level ``vals`` by their fields, gathering every wrong value into one error.

        One2many values are returned as given: only `One2many.assign` can apply them.

        Raises:
            ValidationError: with a message for each unknown, computed or wrong value.
        """
        errors: dict[str, str] = {}
        converted: dict[str, Any] = {}
        for name, value in vals.items():
            field = cls._fields.get(name)
            if field is None:
                errors[name] = _("Unknown field.")
            elif name in AUDIT_STAMPS and not env.su:
                errors[name] = _("Set by the system.")
            elif field.compute and not field.store and not field.related:
                errors[name] = _("This value is computed and cannot be set.")
            elif value is MISSING:
                continue
            elif field.type_name == "one2many":
                converted[name] = value
            else:
                try:
                    converted[name] = field.convert(value, env)
                except ValueError as error:
                    errors[name] = str(error)
        if errors:
            raise ValidationError(fields=errors)
        return converted

    def _assign(self, vals: Mapping[str, Any], env: Environment) -> None:
        """Convert and set ``vals`` on this record."""
        for name, value in self._convert(vals, env).items():
            field = self._fields[name]
            if field.type_name == "one2many":
                try:
                    field.assign(self, value, env)  # type: ignore[attr-defined]
                except ValueError as error:
                    raise ValidationError(fields={name: str(error)}) from None
            else:
                setattr(self, name, value)


API_METHOD = "__tessera_api_method__"
F = TypeVar("F", bound=Callable[..., Any])


def api_method(method: F) -> F:
    """Mark a record method as callable over the JSON API by its name.

    ``POST /api/v1/<model>/<id>/call/<method>`` runs it on that record with
    the JSON body as keyword arguments, as the calling user; methods without
    the mark (and any whose name starts with ``_``) answer 404. An extension
    overriding a marked method keeps it callable::

        class Order(Model, name="sales.order"):
            @api_method
            def confirm(self) -> None:
                self.write({"state": "confirmed"})
    """
    setattr(method, API_METHOD, True)
    return method


def visible_fields(env: Environment, model: type[Model], names: Sequence[str] | None) -> list[str]:
    """``names`` after checking the user may see them, or every field they may see when None.

    Every field leaves out, besides fields of groups the user lacks, the
    relations to models the user may not read (a purchaser reading a partner
    does not get crm's ``opportunities``); asked for by name, those refuse.

    Raises:
        AccessError: a field asked for by name is restricted to groups the user lacks.
    """
    if env.su:
        return list(names) if names is not None else list(model._fields)
    if names is None:
        access = env.access
        return [
            name
            for name, field in model._fields.items()
            if access.can_see_field(field)
            and (not (comodel := getattr(field, "comodel", None)) or access.allows(comodel, "read"))
        ]
    env.access.check_fields(model, names)
    return list(names)


def prefetch_references(env: Environment, model: type[Model], vals_list: Sequence[Mapping[str, Any]]) -> None:
    """Load every record the many2one ids in ``vals_list`` name, one query per target model.

    Converting each value then finds its record in the session's identity map,
    so creating many records that point at the same few, or at many, costs no
    query each: the loaded records are kept until the session ends
    (`core.orm.records.keep_loaded`), as the identity map alone would drop them.
    """
    wanted: dict[str, set[int]] = {}
    for vals in vals_list:
        for name, value in vals.items():
            field = model._fields.get(name)
            if field is not None and field.type_name == "many2one" and type(value) is int:
                wanted.setdefault(field.comodel, set()).add(value)  # type: ignore[attr-defined]
    with env.session.no_autoflush:
        for comodel, ids in wanted.items():
            target = env.registry[comodel]
            keep_loaded(env.session, env.session.scalars(select(target).where(target.id.in_(ids))))


class _ExtensionBase:
    pass


class Extension(Model if TYPE_CHECKING else _ExtensionBase):  # type: ignore[misc]
    """Base class of an addon's extension of a model declared by another addon.

    Declare fields to add them, redeclare a field to refine it, and override
    methods calling ``super()``.
    """

    def __init_subclass__(cls, *, extends: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if extends is not None:
            cls.__tessera_extends__ = extends  # type: ignore[attr-defined]
