"""`Registry`: the models of one database, composed from its installed addons and mapped.

The registry is built once per database (per set of installed addons) and is
then frozen. Two databases with different addons get two registries, each with
its own composed classes, SQLAlchemy mapper registry and metadata, so one
process can serve both::

    registry = Registry(addons)          # addons in dependency order
    Partner = registry["base.partner"]   # the composed, mapped class
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING
from typing import Any
from typing import Protocol

from sqlalchemy import Column
from sqlalchemy import FromClause
from sqlalchemy import Integer
from sqlalchemy import MetaData
from sqlalchemy import Table
from sqlalchemy import null
from sqlalchemy import select
from sqlalchemy import type_coerce
from sqlalchemy.orm import registry as MapperRegistry

from core.errors import ConfigError
from core.errors import RegistryFrozenError
from core.orm.compute import ComputeGraph
from core.orm.compute import NonStoredValue
from core.orm.compute import related_compute
from core.orm.constraints import constraint_methods
from core.orm.fields.base import MISSING
from core.orm.fields.base import SET_ON_CREATE
from core.orm.fields.base import Field
from core.orm.fields.numeric import Monetary
from core.orm.fields.relational import Many2many
from core.orm.fields.relational import Many2one
from core.orm.fields.relational import One2many
from core.orm.fields.relational import Relational
from core.orm.fields.relational import table_name
from core.orm.model import Model
from core.orm.report import Report

if TYPE_CHECKING:
    from pluggy import PluginManager

    from core.orm.constraints import SQLConstraint

AUDIT_COLUMNS = ("created_at", "updated_at", "created_by_id", "updated_by_id")
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "pk": "pk_%(table_name)s",
}


class AddonContents(Protocol):
    """What the registry needs to know of an installed addon (see `core.loader.addon.Addon`)."""

    name: str
    path: Path
    requires: frozenset[str]
    model_classes: Sequence[type]
    hook_modules: Sequence[ModuleType]
    hookspec_modules: Sequence[ModuleType]


def source_of(cls: type) -> str:
    """Where a class is declared, as ``addons/crm/models/lead.py``, for error messages."""
    try:
        path = Path(inspect.getsourcefile(cls) or "?")
    except TypeError:
        return cls.__qualname__
    parts = path.parts
    for anchor in ("addons", "core", "tests"):
        if anchor in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(anchor) - 1 :])
    return str(path)


def class_name(model_name: str) -> str:
    return "".join(part.capitalize() for part in model_name.replace(".", "_").split("_"))


class Registry:
    """The composed and mapped models of one set of installed addons.

    Attributes:
        addons: names of the installed addons, in dependency order.
        models: model name → composed class.
        tables: model name → table (a report's: the subquery of its `Report.query`).
        reports: the names of the models that are reports (`core.orm.report`).
        models_by_table: table name → model.
        metadata: every table, including many2many relation tables.
        table_owner: table name → the addon that created it.
        column_owner: (table name, column name) → the addon that added it.
        plugins: the pluggy manager with the kernel's and addons' hooks.
    """

    def __init__(self, addons: Sequence[AddonContents], plugins: PluginManager | None = None) -> None:
        self._frozen = False
        self.addons = [addon.name for addon in addons]
        self.addon_paths = {addon.name: addon.path for addon in addons}
        self.metadata = MetaData(naming_convention=NAMING_CONVENTION)
        self.mapper_registry = MapperRegistry(metadata=self.metadata)
        self.models: dict[str, type[Model]] = {}
        self.reports: frozenset[str] = frozenset()
        self.tables: dict[str, FromClause] = {}
        self.models_by_table: dict[str, type[Model]] = {}
        self.table_owner: dict[str, str] = {}
        self.column_owner: dict[tuple[str, str], str] = {}
        self.model_owner: dict[str, str] = {}
        self._inverses: dict[tuple[str, str], One2many] = {}
        self.restricting: dict[str, list[Many2one]] = {}
        self.ui: Any = None  # the resolved screens (core.views.resolve.UI), set by the loader
        if plugins is None:
            from core.plugins import build_plugin_manager

            plugins = build_plugin_manager(addons)
        self.plugins = plugins
        self._compose(addons)
        self._build_tables()
        self._map()
        self.compute_graph = ComputeGraph(self)

    def freeze(self) -> None:
        """End the build: from now on the registry and its models cannot change.

        The loader attaches what lives above the ORM (views) before freezing.
        """
        self._frozen = True

    def __repr__(self) -> str:
        return f"<Registry {len(self.models)} models from {', '.join(self.addons)}>"

    def __getitem__(self, model_name: str) -> type[Model]:
        try:
            return self.models[model_name]
        except KeyError:
            raise ConfigError(f"no installed addon declares the model {model_name!r}") from None

    def __contains__(self, model_name: object) -> bool:
        return model_name in self.models

    def __setattr__(self, name: str, value: Any) -> None:
        if getattr(self, "_frozen", False):
            raise RegistryFrozenError(f"the registry is built and frozen; cannot set {name!r}")
        super().__setattr__(name, value)

    def fields_of(self, model_name: str) -> dict[str, Field[Any]]:
        return self[model_name]._fields

    def counterpart_of(self, field: Many2many) -> Many2many | None:
        """The many2many of the other model that uses the same relation table the other way round."""
        for other in self.models[field.comodel]._fields.values():
            if (
                isinstance(other, Many2many)
                and other is not field
                and other.relation == field.relation
                and (other.column1, other.column2) == (field.column2, field.column1)
            ):
                return other
        return None

    def inverse_of(self, field: Many2one) -> One2many | None:
        """The one2many that is the other side of ``field``, if one is declared."""
        return self._inverses.get((field.model_name, field.name))

    # -- build steps --------------------------------------------------------------

    def _compose(self, addons: Sequence[AddonContents]) -> None:
        entries: dict[str, list[tuple[type, str]]] = {}
        for addon in addons:
            for cls in addon.model_classes:
                declared = cls.__dict__.get("__tessera_declares__")
                extended = cls.__dict__.get("__tessera_extends__")
                if declared:
                    if declared in entries:
                        raise ConfigError(
                            f"addon {addon.name}: {source_of(cls)} declares {declared!r}, "
                            f"already declared by addon {entries[declared][0][1]}"
                        )
                    entries[declared] = [(cls, addon.name)]
                elif extended:
                    owner = entries.get(extended, [(None, None)])[0][1]
                    if owner is None or (owner != addon.name and owner not in addon.requires):
                        raise ConfigError(
                            f"addon {addon.name}: {source_of(cls)} extends {extended!r}, "
                            "which neither this addon nor its dependencies declare"
                        )
                    entries[extended].append((cls, addon.name))
                else:
                    raise ConfigError(
                        f"addon {addon.name}: {source_of(cls)} registers {cls.__qualname__}, which is "
                        "neither a Model with name=... nor an Extension with extends=..."
                    )
        for model_name, entry in entries.items():
            self.models[model_name] = self._compose_model(model_name, entry)
            self.model_owner[model_name] = entry[0][1]
        self.reports = frozenset(name for name, model in self.models.items() if issubclass(model, Report))
        for model in self.models.values():
            for field in model._fields.values():
                self._check_field(model, field)
                if isinstance(field, One2many):
                    self._inverses.setdefault((field.comodel, field.inverse), field)
                if isinstance(field, Many2one) and field.store and field.ondelete == "restrict":
                    self.restricting.setdefault(field.comodel, []).append(field)

    def _compose_model(self, model_name: str, entry: list[tuple[type, str]]) -> type[Model]:
        fields: dict[str, Field[Any]] = {}
        owner: dict[str, str] = {}
        seen: set[type] = set()
        constraints: dict[str, SQLConstraint] = {}
        for cls, addon in entry:
            for klass in reversed(cls.__mro__):
                if klass in seen:
                    continue
                seen.add(klass)
                for name, value in vars(klass).items():
                    if isinstance(value, Field):
                        if name in fields:
                            try:
                                fields[name] = fields[name].extend(value)
                            except ConfigError as error:
                                where = f"addon {addon}: {source_of(klass)}: {model_name}"
                                raise ConfigError(f"{where}.{error.message}") from None
                        else:
                            fields[name], owner[name] = value, addon
                for constraint in vars(klass).get("_sql_constraints", ()):
                    constraints[constraint.key] = constraint
        bases = tuple(cls for cls, _ in reversed(entry[1:])) + (entry[0][0],)
        composed: type[Model] = type(class_name(model_name), bases, {"__module__": "tessera.models"})
        bound = {name: field.bind(name, model_name, owner[name]) for name, field in fields.items()}
        composed._fields = bound
        composed._registry = self
        composed._defaults = tuple(
            f
            for f in bound.values()
            if f.default is not MISSING and f.default is not SET_ON_CREATE and f.store
        )
        composed._sql_constraints = tuple(constraints.values())
        composed._constraint_methods = constraint_methods(composed)  # type: ignore[attr-defined]
        composed._required = tuple(n for n, f in bound.items() if f.required and f.store)  # type: ignore[attr-defined]
        composed._monetary = tuple(f for f in bound.values() if isinstance(f, Monetary) and f.store)  # type: ignore[attr-defined]
        attribute_fields = {name: name for name in bound}
        attribute_fields.update({f.column_name: n for n, f in bound.items() if isinstance(f, Many2one)})
        composed._attribute_fields = attribute_fields  # type: ignore[attr-defined]
        for name, field in bound.items():
            if field.related and not field.compute:
                field.compute = f"_compute_related_{name}"
                setattr(composed, field.compute, related_compute(field))
            if field.compute and not callable(getattr(composed, field.compute, None)):
                raise ConfigError(
                    f"addon {field.addon}: {model_name}.{name} is computed by {field.compute!r}, "
                    "which the model does not define"
                )
            if not field.store:
                setattr(composed, name, NonStoredValue(field))
        for method, names in composed._constraint_methods:  # type: ignore[attr-defined]
            unknown = [n for n in names if n not in bound]
            if unknown:
                raise ConfigError(f"{model_name}.{method} constrains unknown field(s) {', '.join(unknown)}")
        for word in ("_rec_name", "_parent_field"):
            name = getattr(composed, word)
            if name and name not in bound:
                if word == "_rec_name" and name == "name":
                    composed._rec_name = None
                    continue
                raise ConfigError(f"{model_name}: {word} names unknown field {name!r}")
        return composed

    def _check_field(self, model: type[Model], field: Field[Any]) -> None:
        where = f"addon {field.addon}: field {model._name}.{field.name}"
        if isinstance(field, Relational) and field.comodel not in self.models:
            raise ConfigError(f"{where} refers to {field.comodel!r}, which no installed addon declares")
        if model._name in self.reports and field.store and (field.compute or isinstance(field, Many2many)):
            raise ConfigError(f"{where}: a report stores only the plain and many2one columns of its query")
        if isinstance(field, One2many | Many2many) and field.comodel in self.reports:
            raise ConfigError(f"{where}: the rows of report {field.comodel} are reached by many2one only")
        if isinstance(field, One2many):
            inverse = self.models[field.comodel]._fields.get(field.inverse)
            if not isinstance(inverse, Many2one) or inverse.comodel != model._name:
                raise ConfigError(
                    f"{where}: inverse {field.comodel}.{field.inverse} must be a many2one to {model._name}"
                )

    def _build_tables(self) -> None:
        for model_name, model in self.models.items():
            if model_name in self.reports:
                continue
            name = table_name(model_name)
            columns: list[Column[Any]] = [Column("id", Integer, primary_key=True)]
            field_columns: dict[str, str] = {}
            for field in model._fields.values():
                for column in field.columns(self):
                    columns.append(column)
                    self.column_owner[(name, column.name)] = field.addon
                    field_columns[field.name] = column.name
            table = Table(name, self.metadata, *columns)
            for constraint in model._sql_constraints:
                try:
                    table.append_constraint(constraint.build(name, field_columns))
                except KeyError as missing:
                    raise ConfigError(
                        f"{model_name}: constraint {constraint.key} names unknown field {missing}"
                    ) from None
            self.tables[model_name] = table
            self.models_by_table[name] = model
            self.table_owner[name] = self.model_owner[model_name]
            model._table = table  # type: ignore[attr-defined]
        for model in self.models.values():
            for field in model._fields.values():
                if isinstance(field, Many2many):
                    relation = field.relation_table(self)
                    self.table_owner.setdefault(relation.name, field.addon)
        for model_name in sorted(self.reports):
            self._build_report(self.models[model_name])

    def _build_report(self, model: type[Model]) -> None:
        """The subquery a report is mapped onto: its query's columns typed as its fields read them,
        and the audit stamps it leaves out."""
        name = table_name(model._name)
        query = model.query(self).subquery()  # type: ignore[attr-defined]
        owner = self.model_owner[model._name]
        where = f"addon {owner}: {source_of(model)}: the query of report {model._name}"
        if "id" not in query.c:
            raise ConfigError(f"{where} has no column 'id'")
        columns: list[Any] = [query.c.id]
        for field in model._fields.values():
            for column in field.columns(self) if field.store else ():
                if column.name in query.c:
                    columns.append(type_coerce(query.c[column.name], column.type).label(column.name))
                elif column.name in AUDIT_COLUMNS:
                    columns.append(null().label(column.name))
                else:
                    raise ConfigError(f"{where} has no column {column.name!r}")
        subquery = select(*columns).subquery(name)
        self.tables[model._name] = subquery
        self.models_by_table[name] = model
        model._table = subquery  # type: ignore[assignment]

    def _map(self) -> None:
        for model_name, model in self.models.items():
            properties: dict[str, Any] = {}
            for field in model._fields.values():
                properties.update(field.mapper_properties(self))
            table = self.tables[model_name]
            self.mapper_registry.map_imperatively(
                model, table, properties=properties, primary_key=[table.c.id]
            )
        self.mapper_registry.configure()
