"""Marshmallow schemas generated from the composed models, to check API input before the ORM.

Each model gets a *create* schema (required fields must be present) and an
*update* schema (every field optional), built from the fields of the composed
model, so an addon's extension fields are accepted as soon as it is installed.
Schemas are built on first use and cached per registry::

    vals = load(env.registry, "sales.order", {"partner": 7, "lines": [{"name": "Desk"}]})
    # {"partner": 7, "lines": [{"name": "Desk"}]}, ready for env["sales.order"].create(vals)

What each field type accepts: text as strings, dates as ISO ``YYYY-MM-DD``,
datetimes as ISO with an offset, decimals as strings (numbers are accepted
too), a many2one as an id (or ``{"id": ...}`` as it is read), a many2many as a
list of ids and a one2many as a list of objects (with ``"id"`` to change an
existing line, without to add one; lines left out are removed). Unknown,
read-only and computed fields are refused; every refusal becomes one
`ValidationError` naming each field (``"lines.0.name"`` for a line's field).
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING
from typing import Any

import marshmallow
from marshmallow import Schema
from marshmallow import validate

from core.errors import ValidationError
from core.orm.model import AUDIT_STAMPS

if TYPE_CHECKING:
    from core.orm.fields.base import Field
    from core.orm.registry import Registry

CREATE = "create"
UPDATE = "update"
_cache: weakref.WeakKeyDictionary[Registry, dict[tuple[str, str, str | None], Schema]] = (
    weakref.WeakKeyDictionary()
)


def load(registry: Registry, model_name: str, data: Any, *, partial: bool = False) -> dict[str, Any]:
    """``data`` checked and converted for ``create`` (``partial=False``) or ``write``.

    Raises:
        ValidationError: ``data`` is not an object, or names unknown, read-only
            or computed fields, or a value has the wrong type, or (on create)
            a required field is missing.
    """
    if not isinstance(data, Mapping):
        raise ValidationError("The body must be a JSON object of field values.", fields={})
    try:
        result: dict[str, Any] = schema_for(registry, model_name, UPDATE if partial else CREATE).load(data)
    except marshmallow.ValidationError as error:
        raise ValidationError(fields=flatten(error.messages)) from None
    return result


def schema_for(registry: Registry, model_name: str, kind: str, *, without: str | None = None) -> Schema:
    """The cached schema of ``model_name`` for ``kind`` (`CREATE` or `UPDATE`).

    ``without`` leaves out one field: the inverse many2one of lines given
    inside their parent, which the parent sets itself.
    """
    schemas = _cache.setdefault(registry, {})
    key = (model_name, kind, without)
    if key not in schemas:
        model = registry[model_name]
        declared = {
            name: field_for(registry, field, kind) for name, field in model._fields.items() if name != without
        }
        declared["id"] = ReadOnly()
        schema_class = Schema.from_dict(declared, name=f"{model_name}:{kind}")
        schemas[key] = schema_class(unknown=marshmallow.RAISE)
    return schemas[key]


def is_writable(field: Field[Any]) -> bool:
    """Whether API clients may set ``field`` (not read-only, computed or an audit stamp)."""
    return not field.describe()["readonly"] and field.name not in AUDIT_STAMPS


def field_for(registry: Registry, field: Field[Any], kind: str) -> marshmallow.fields.Field:
    """The marshmallow field checking values of ``field``."""
    if not is_writable(field):
        return ReadOnly()
    required = kind == CREATE and field.required and not has_default(field)
    options: dict[str, Any] = {"required": required, "allow_none": not field.required}
    kind_of = field.type_name
    if kind_of in ("char", "text"):
        return marshmallow.fields.String(**options)
    if kind_of == "selection":
        values = field.values  # type: ignore[attr-defined]
        return marshmallow.fields.String(validate=validate.OneOf(values), **options)
    if kind_of == "boolean":
        return marshmallow.fields.Boolean(**options)
    if kind_of == "integer":
        return StrictInteger(**options)
    if kind_of == "float":
        return marshmallow.fields.Float(allow_nan=False, **options)
    if kind_of in ("decimal", "monetary"):
        return marshmallow.fields.Decimal(allow_nan=False, **options)
    if kind_of == "date":
        return marshmallow.fields.Date(**options)
    if kind_of == "datetime":
        return marshmallow.fields.AwareDateTime(format="iso", **options)
    if kind_of == "many2one":
        return RecordId(**options)
    if kind_of == "many2many":
        return marshmallow.fields.List(RecordId(), **{**options, "allow_none": True})
    if kind_of == "one2many":
        inverse: str = field.inverse  # type: ignore[attr-defined]
        return Lines(registry, field.comodel, inverse, **{**options, "allow_none": True})  # type: ignore[attr-defined]
    return marshmallow.fields.Raw(**options)


def has_default(field: Field[Any]) -> bool:
    from core.orm.fields.base import MISSING

    return field.default is not MISSING


def flatten(messages: Any, prefix: str = "") -> dict[str, str]:
    """Marshmallow's nested error messages as ``{"lines.0.name": "message"}``."""
    if isinstance(messages, Mapping):
        flat: dict[str, str] = {}
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            flat.update(flatten(value, name))
        return flat
    if isinstance(messages, list) and all(isinstance(item, str) for item in messages):
        return {prefix or "body": " ".join(messages)}
    return {prefix or "body": str(messages)}


# -- field types the ORM needs beyond marshmallow's ------------------------------------------


class ReadOnly(marshmallow.fields.Field):
    """A field clients may read but never send: read-only, computed, audit stamps, ``id``."""

    default_error_messages = {"readonly": "This field is read-only."}  # noqa: RUF012

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        raise self.make_error("readonly")


class StrictInteger(marshmallow.fields.Integer):
    """A JSON integer: no strings, no booleans, no fractions."""

    default_error_messages = {"invalid": "Not a valid integer."}  # noqa: RUF012

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strict=True, **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class RecordId(marshmallow.fields.Field):
    """A record's id, or the ``{"id": ..., "display_name": ...}`` a read returns."""

    default_error_messages = {"invalid": "Expected a record id."}  # noqa: RUF012

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int:
        if isinstance(value, Mapping):
            value = value.get("id")
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**31:
            raise self.make_error("invalid")
        return value


class Lines(marshmallow.fields.Field):
    """A one2many's lines: objects of field values, with ``"id"`` for lines that already exist."""

    default_error_messages = {  # noqa: RUF012
        "invalid": "Expected a list of objects.",
        "line": "Expected an object of field values.",
        "id": "Expected the id of an existing line.",
    }

    def __init__(self, registry: Registry, comodel: str, inverse: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.registry = weakref.ref(registry)
        self.comodel = comodel
        self.inverse = inverse

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> list[dict[str, Any]]:
        if not isinstance(value, list):
            raise self.make_error("invalid")
        registry = self.registry()
        assert registry is not None, "a schema outlived its registry"
        lines: list[dict[str, Any]] = []
        errors: dict[int, Any] = {}
        for index, item in enumerate(value):
            if not isinstance(item, Mapping):
                errors[index] = [self.error_messages["line"]]
                continue
            values = dict(item)
            line_id = values.pop("id", None)
            if line_id is not None and (isinstance(line_id, bool) or not isinstance(line_id, int)):
                errors[index] = {"id": [self.error_messages["id"]]}
                continue
            kind = CREATE if line_id is None else UPDATE
            schema = schema_for(registry, self.comodel, kind, without=self.inverse)
            try:
                loaded = schema.load(values, partial=kind == UPDATE)
            except marshmallow.ValidationError as error:
                errors[index] = error.messages
                continue
            lines.append(loaded if line_id is None else {"id": line_id, **loaded})
        if errors:
            raise marshmallow.ValidationError(errors)
        return lines
