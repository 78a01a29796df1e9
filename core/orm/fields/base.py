"""The `Field` base class: one declared attribute of a model.

A field is declared on an addon's class and bound, per registry, to the final
composed model. Binding gives it its name and model; the registry then asks it
for the columns and mapper properties it needs::

    class Partner(Model, name="base.partner"):
        name = fields.Char("Name", required=True, index=True)

An extension that declares a field of the same name refines it: the arguments
it passes override the earlier ones (``Selection`` also merges ``selection_add``).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING
from typing import Any
from typing import ClassVar
from typing import Generic
from typing import TypeVar
from typing import overload

from sqlalchemy import Column
from sqlalchemy.types import TypeEngine

from core.errors import ConfigError

if TYPE_CHECKING:
    from typing import Self

    from core.orm.environment import Environment
    from core.orm.registry import Registry

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class _SetOnCreate:
    def __repr__(self) -> str:
        return "SET_ON_CREATE"


SET_ON_CREATE: Any = _SetOnCreate()
"""``default=SET_ON_CREATE``: the model's ``new`` fills the field when the caller leaves it out.

For a required field whose value depends on other values of the new record
(an order's currency is its company's, a transfer's locations its
warehouse's): callers, the JSON API's create schema among them, may omit it,
and no default is applied before ``new`` runs.
"""


class Field(Generic[T]):
    """A declared model attribute.

    Args:
        label: the name users see; defaults to the attribute name, capitalised.
        required: a value must be set (checked on flush, NOT NULL in the database).
        default: a value, or a callable taking the `Environment`, used on create.
        index: create a database index on the column.
        unique: a unique constraint on the column.
        readonly: users cannot change it through the UI or the API.
        help: a sentence shown as a tooltip and in the API documentation.
        store: keep the value in a column; computed and related fields are not
            stored unless ``store=True``.
        related: a dotted path (``"partner.email"``) this field mirrors.
        groups: names of the groups allowed to read and write the field.
        tracked: changes are logged in the record history.
        copy: copied when a record is duplicated.
    """

    type_name: ClassVar[str] = "field"

    _explicit: set[str]
    name: str
    model_name: str
    addon: str
    compute: str | None
    depends: tuple[str, ...]

    def __init__(
        self,
        label: str | None = None,
        *,
        required: bool = False,
        default: Any = MISSING,
        index: bool = False,
        unique: bool = False,
        readonly: bool = False,
        help: str | None = None,
        store: bool | None = None,
        related: str | None = None,
        groups: tuple[str, ...] | list[str] = (),
        tracked: bool = False,
        copy: bool = True,
        compute: str | None = None,
        depends: tuple[str, ...] | list[str] = (),
    ) -> None:
        self.label = label
        self.required = required
        self.default = default
        self.index = index
        self.unique = unique
        self.readonly = readonly
        self.help = help
        self.related = related
        self.groups = tuple(groups)
        self.tracked = tracked
        self.copy = copy
        self.compute = compute
        self.depends = tuple(depends)
        if related and not self.depends:
            self.depends = (related,)
        self.store = store if store is not None else not (compute or related)
        self.name = ""
        self.model_name = ""
        self.addon = ""

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        field = super().__new__(cls)
        # The arguments a declaration passed explicitly: what `extend` overrides.
        field._explicit = set(kwargs) | ({"label"} if args else set())
        return field

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type) -> Self: ...
    @overload
    def __get__(self, instance: object, owner: type) -> T: ...
    def __get__(self, instance: object | None, owner: type) -> Any:
        if instance is None:
            return self
        raise AttributeError(f"{self.name} is read on records of a built registry, not on addon classes")

    def __repr__(self) -> str:
        where = f"{self.model_name}.{self.name}" if self.model_name else self.name
        return f"<{type(self).__name__} {where}>"

    # -- declaration -------------------------------------------------------

    def computed_from(self, *depends: str) -> Callable[[F], F]:
        """Decorate the method that computes this field from ``depends``.

        The method runs on one record and assigns the field. For stored fields
        the kernel recomputes when any dependency changes, including across
        relations (``"lines.subtotal"``), and loads those relations for the whole
        batch first, so the method itself causes no queries::

            total = fields.Decimal(store=True)

            @total.computed_from("lines.subtotal")
            def _compute_total(self) -> None:
                self.total = sum(line.subtotal for line in self.lines)

        Stacked, the decorators of several fields make one method compute them
        all: it runs once per record when a dependency of any of them changes,
        and the fields must be all stored or all not::

            @subtotal.computed_from("price", "quantity")
            @tax.computed_from("price", "quantity", "taxes.rate")
            def _compute_amounts(self) -> None: ...

        Raises:
            ConfigError: the field already has a compute method.
        """

        def decorate(method: F) -> F:
            if self.compute is not None:
                raise ConfigError(
                    f"{method.__name__}: the field is already computed by {self.compute!r}; "
                    "a field has one compute method (one method may compute several fields)"
                )
            self.compute = method.__name__
            self.depends = tuple(depends)
            self._explicit |= {"compute", "depends"}
            if "store" not in self._explicit:
                self.store = False
            return method

        return decorate

    def extend(self, refinement: Field[Any]) -> Field[Any]:
        """Return this field refined by ``refinement``, declared later by an extension."""
        merged = copy.copy(self)
        for key in refinement._explicit:
            setattr(merged, key, getattr(refinement, key))
        merged._explicit = self._explicit | refinement._explicit
        if "related" in refinement._explicit and "depends" not in refinement._explicit:
            merged.depends = (refinement.related,) if refinement.related else ()
        return merged

    def bind(self, name: str, model_name: str, addon: str) -> Self:
        """A copy of this field attached to one model of one registry."""
        bound = copy.copy(self)
        bound.name, bound.model_name, bound.addon = name, model_name, addon
        if bound.label is None:
            bound.label = name.replace("_", " ").capitalize()
        return bound

    # -- storage -------------------------------------------------------------

    @property
    def column_name(self) -> str:
        """The database column holding this field's value."""
        return self.name

    def sql_type(self) -> TypeEngine[Any] | None:
        """The SQLAlchemy type of the column, or None for fields without a column."""
        return None

    def columns(self, registry: Registry) -> list[Column[Any]]:
        """The columns this field adds to its model's table (none when not stored)."""
        sql_type = self.sql_type()
        if not self.store or sql_type is None:
            return []
        return [
            Column(
                self.column_name,
                sql_type,
                nullable=not self.required,
                index=self.index and not self.unique,
                unique=self.unique or None,
            )
        ]

    def mapper_properties(self, registry: Registry) -> dict[str, Any]:
        """Extra mapper properties (relationships) keyed by attribute name."""
        return {}

    # -- values --------------------------------------------------------------

    def default_value(self, env: Environment) -> Any:
        """The value a new record gets when none is given, or MISSING."""
        if self.default is SET_ON_CREATE:
            return MISSING
        if callable(self.default):
            return self.default(env)
        return self.default

    def convert(self, value: Any, env: Environment) -> Any:
        """Turn a value from user input (a form, the API, a data file) into Python.

        Raises:
            ValueError: with a message a user can read; callers attach the field name.
        """
        return value

    def to_json(self, value: Any) -> Any:
        """The value as JSON-compatible data, as `read` and the API return it."""
        return value

    def describe(self) -> dict[str, Any]:
        """A JSON description of the field for the UI and the API schema."""
        return {
            "name": self.name,
            "type": self.type_name,
            "label": self.label,
            "required": self.required,
            "readonly": self.readonly or bool(self.compute and not self.related),
            "help": self.help,
            "store": self.store,
        }
