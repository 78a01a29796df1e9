"""The OpenAPI 3 description of the JSON API, and a page to browse it.

``GET /api/v1/openapi.json`` describes the endpoints of `core.api.routes` for
every model of the database's installed addons that the caller may read:
one component schema per model (as a read returns it) and one for its input
(the fields a client may send), the write operations the caller has the
right to use, the ``@api_method`` methods, the error responses and the two
ways to authenticate (API key, session cookie). ``GET /api/v1/docs`` shows
the same document as an HTML page that needs no script and no network::

    curl -H "Authorization: Bearer $TESSERA_KEY" https://erp.example.com/api/v1/openapi.json

Documents are built with apispec and cached per registry and set of groups,
since what a user may read depends only on their groups.
"""

from __future__ import annotations

import inspect
import weakref
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

from apispec import APISpec
from jinja2 import ChoiceLoader
from jinja2 import Environment as Templates
from jinja2 import FileSystemLoader
from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from core.api import routes
from core.api.schemas import has_default
from core.api.schemas import is_writable
from core.web.session import COOKIE

if TYPE_CHECKING:
    from core.orm.access import AccessPolicy
    from core.orm.environment import Environment
    from core.orm.fields.base import Field
    from core.orm.model import Model
    from core.orm.registry import Registry
    from core.web.app import Request

OPENAPI_VERSION = "3.0.3"
API_VERSION = "1"
TEMPLATES = Path(__file__).resolve().parent / "templates"
WEB_TEMPLATES = Path(__file__).resolve().parent.parent / "web" / "templates"
ERRORS = {
    "400": "The request is malformed or a value is refused (per-field messages in `fields`).",
    "401": "Not authenticated: no session, or a wrong, revoked or expired API key.",
    "403": "The user may not do this on this model, or see one of these fields.",
    "404": "No such model, record (or hidden by the access rules) or method.",
    "409": "A unique value, a reference, or the record changed since it was read.",
}
SCALARS: dict[str, dict[str, Any]] = {
    "char": {"type": "string"},
    "text": {"type": "string"},
    "boolean": {"type": "boolean"},
    "integer": {"type": "integer"},
    "float": {"type": "number"},
    "decimal": {"type": "string", "format": "decimal"},
    "monetary": {"type": "string", "format": "decimal"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "json": {},
}
_cache: weakref.WeakKeyDictionary[Registry, dict[tuple[bool, frozenset[int]], dict[str, Any]]] = (
    weakref.WeakKeyDictionary()
)
_pages = Templates(
    loader=ChoiceLoader([FileSystemLoader(TEMPLATES), FileSystemLoader(WEB_TEMPLATES)]),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def rules() -> list[Rule]:
    """The document's URL rules (static, so they win over ``/api/v1/<model>``)."""
    return [
        Rule(f"{routes.PREFIX}/openapi.json", endpoint=openapi_json, methods=["GET"]),
        Rule(f"{routes.PREFIX}/docs", endpoint=docs_page, methods=["GET"]),
    ]


def openapi_json(request: Request) -> Response:
    """The OpenAPI document for the caller."""
    return routes.json_response(document(request.env))


def docs_page(request: Request) -> Response:
    """The document as a page: models, their fields and their endpoints."""
    spec = document(request.env)
    page = _pages.get_template("api_docs.html").render(
        request=request, user=request.user, spec=spec, models=page_models(spec)
    )
    return Response(page, mimetype="text/html")


def document(env: Environment) -> dict[str, Any]:
    """The OpenAPI document of ``env``'s registry as ``env``'s user sees it (cached)."""
    policy = env.access if not env.su else None
    key = (True, frozenset()) if policy is None else (policy.is_admin, policy.group_ids)
    documents = _cache.setdefault(env.registry, {})
    if key not in documents:
        documents[key] = build(env.registry, policy)
    return documents[key]


def build(registry: Registry, policy: AccessPolicy | None) -> dict[str, Any]:
    """A new document for the models ``policy`` lets its user read (every model when None)."""
    spec = APISpec(
        title="Tessera API",
        version=API_VERSION,
        openapi_version=OPENAPI_VERSION,
        info={"description": "CRUD, grouping and methods for the models of the installed addons."},
        servers=[{"url": "/"}],
        security=[{"apiKey": []}, {"session": []}],
    )
    shared_components(spec)
    for name in sorted(registry.models):
        if policy is not None and not policy.allows(name, "read"):
            continue
        model = registry[name]
        visible = [f for f in model._fields.values() if policy is None or policy.can_see_field(f)]
        spec.components.schema(name, record_schema(model, visible))
        spec.components.schema(f"{name}.input", input_schema(model, visible))
        allowed = {op for op in ("create", "write", "delete") if policy is None or policy.allows(name, op)}
        model_paths(spec, model, allowed)
    return spec.to_dict()


def shared_components(spec: APISpec) -> None:
    spec.components.security_scheme(
        "apiKey", {"type": "http", "scheme": "bearer", "description": "An API key: tsk_<prefix>_<secret>."}
    )
    spec.components.security_scheme(
        "session",
        {
            "type": "apiKey",
            "in": "cookie",
            "name": COOKIE,
            "description": "Unsafe methods need X-CSRF-Token.",
        },
    )
    spec.components.schema(
        "Error",
        {
            "type": "object",
            "required": ["error", "message"],
            "properties": {
                "error": {"type": "string", "example": "ValidationError"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
        },
    )
    spec.components.schema(
        "RecordRef",
        {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "display_name": {"type": "string"}},
        },
    )
    spec.components.schema(
        "ReadGroup",
        {
            "type": "object",
            "properties": {
                "domain": {"type": "array", "items": {}},
                "groupby": {"type": "array", "items": {"type": "string"}, "example": ["state"]},
                "aggregates": {"type": "array", "items": {"type": "string"}, "example": ["id:count"]},
                "order": {"type": "string", "example": "amount:sum desc"},
                "limit": {"type": "integer", "minimum": 1, "maximum": routes.MAX_LIMIT},
            },
        },
    )
    for code, description in ERRORS.items():
        spec.components.response(code, {"description": description, "content": json_of(ref("Error"))})
    spec.components.parameter("record_id", "path", {"schema": {"type": "integer", "minimum": 1}})
    spec.components.parameter(
        "fields", "query", {"description": "Field names, comma-separated.", "schema": {"type": "string"}}
    )


def record_schema(model: type[Model], visible: list[Field[Any]]) -> dict[str, Any]:
    """A record as reads return it."""
    properties: dict[str, Any] = {"id": {"type": "integer", "readOnly": True}}
    for field in visible:
        schema = dict(value_schema(field, reading=True))
        if not is_writable(field):
            schema["readOnly"] = True
        properties[field.name] = described(schema, field)
    return {"type": "object", "description": model._description or model._name, "properties": properties}


def input_schema(model: type[Model], visible: list[Field[Any]]) -> dict[str, Any]:
    """The values a client may send: ``required`` lists what a create must include."""
    writable = [field for field in visible if is_writable(field)]
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            field.name: described(value_schema(field, reading=False), field) for field in writable
        },
    }
    required = [field.name for field in writable if field.required and not has_default(field)]
    if required:
        schema["required"] = required
    return schema


def value_schema(field: Field[Any], *, reading: bool) -> dict[str, Any]:
    """The JSON schema of one field's value, as read or as sent."""
    kind = field.type_name
    if kind == "selection":
        schema: dict[str, Any] = {"type": "string", "enum": list(field.values)}  # type: ignore[attr-defined]
    elif kind == "many2one":
        schema = {"allOf": [ref("RecordRef")]} if reading else {"type": "integer"}
    elif kind == "many2many" or (kind == "one2many" and reading):
        schema = {"type": "array", "items": {"type": "integer"}}
    elif kind == "one2many":
        schema = {
            "type": "array",
            "items": {"type": "object"},
            "description": "Lines; with id to change one.",
        }
    else:
        schema = dict(SCALARS.get(kind, {}))
    if not field.required and kind not in ("one2many", "many2many", "json"):
        schema["nullable"] = True
    return schema


def described(schema: dict[str, Any], field: Field[Any]) -> dict[str, Any]:
    info = field.describe()
    text = info["label"] + (f": {info['help']}" if info.get("help") else "")
    if "allOf" in schema:  # siblings of a $ref are ignored, so the reference goes in allOf
        return {**schema, "description": text}
    return {"description": text, **schema}


def model_paths(spec: APISpec, model: type[Model], allowed: set[str]) -> None:
    """The operations on ``model`` (writes only where ``allowed``)."""
    name = model._name
    base = f"{routes.PREFIX}/{name}"
    tag = [name]
    errors = responses("400", "401", "403", "404")
    collection: dict[str, Any] = {
        "get": {
            "tags": tag,
            "summary": f"Search {model._description or name} records",
            "operationId": f"{name}.list",
            "parameters": [
                query("domain", 'A JSON domain, e.g. [["name", "ilike", "acme"]].', {"type": "string"}),
                "fields",
                query("order", "e.g. name desc, id", {"type": "string"}),
                query(
                    "limit",
                    f"At most {routes.MAX_LIMIT}.",
                    {
                        "type": "integer",
                        "minimum": 0,
                        "maximum": routes.MAX_LIMIT,
                        "default": routes.DEFAULT_LIMIT,
                    },
                ),
                query("offset", "Records to skip.", {"type": "integer", "minimum": 0, "default": 0}),
                query("count", "Also return the number of matching records.", {"type": "boolean"}),
            ],
            "responses": {
                "200": ok(
                    "The matching records",
                    {
                        "type": "object",
                        "properties": {
                            "records": {"type": "array", "items": ref(name)},
                            "count": {"type": "integer"},
                        },
                    },
                ),
                **errors,
            },
        }
    }
    if "create" in allowed:
        collection["post"] = {
            "tags": tag,
            "summary": f"Create a {model._description or name} record",
            "operationId": f"{name}.create",
            "requestBody": {"required": True, "content": json_of(ref(f"{name}.input"))},
            "responses": {"201": ok("The new record", ref(name)), **errors, **responses("409")},
        }
    spec.path(path=base, operations=collection)
    member: dict[str, Any] = {
        "get": {
            "tags": tag,
            "summary": "Read one record",
            "operationId": f"{name}.read",
            "parameters": ["fields"],
            "responses": {"200": ok("The record", ref(name)), **errors},
        },
    }
    if "write" in allowed:
        member["patch"] = {
            "tags": tag,
            "summary": "Change some fields (send updated_at as read to refuse stale changes with 409)",
            "operationId": f"{name}.update",
            "requestBody": {
                "required": True,
                "content": json_of(
                    {
                        "allOf": [
                            ref(f"{name}.input"),
                            {"type": "object", "properties": {"updated_at": {"type": "string"}}},
                        ]
                    }
                ),
            },
            "responses": {"200": ok("The changed record", ref(name)), **errors, **responses("409")},
        }
    if "delete" in allowed:
        member["delete"] = {
            "tags": tag,
            "summary": "Delete the record",
            "operationId": f"{name}.delete",
            "parameters": [query("updated_at", "Refuse with 409 if changed since.", {"type": "string"})],
            "responses": {"204": {"description": "Deleted"}, **errors, **responses("409")},
        }
    spec.path(path=f"{base}/{{record_id}}", operations=member, parameters=["record_id"])
    spec.path(
        path=f"{base}/read_group",
        operations={
            "post": {
                "tags": tag,
                "summary": "Aggregates per group",
                "operationId": f"{name}.read_group",
                "requestBody": {"required": True, "content": json_of(ref("ReadGroup"))},
                "responses": {
                    "200": ok(
                        "One object per group",
                        {
                            "type": "object",
                            "properties": {"groups": {"type": "array", "items": {"type": "object"}}},
                        },
                    ),
                    **errors,
                },
            }
        },
    )
    for method in api_methods(model):
        doc = inspect.getdoc(getattr(model, method)) or ""
        spec.path(
            path=f"{base}/{{record_id}}/call/{method}",
            parameters=["record_id"],
            operations={
                "post": {
                    "tags": tag,
                    "summary": doc.splitlines()[0] if doc else f"Call {method}",
                    "description": doc,
                    "operationId": f"{name}.call.{method}",
                    "requestBody": {
                        "required": False,
                        "content": json_of({"type": "object", "description": "Keyword arguments."}),
                    },
                    "responses": {
                        "200": ok(
                            "What the method returned", {"type": "object", "properties": {"result": {}}}
                        ),
                        **errors,
                        **responses("409"),
                    },
                },
            },
        )


def api_methods(model: type[Model]) -> list[str]:
    """The names of ``model``'s methods callable over the API."""
    return sorted(name for name in dir(model) if routes.is_api_method(model, name))


def page_models(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """For the docs page: each model with its fields and its operations."""
    schemas = spec["components"]["schemas"]
    models = []
    for name, schema in schemas.items():
        if f"{name}.input" not in schemas:
            continue
        required = set(schemas[f"{name}.input"].get("required", ()))
        fields = [
            {
                "name": field,
                "type": type_label(value),
                "description": value.get("description", ""),
                "readonly": value.get("readOnly", False),
                "required": field in required,
            }
            for field, value in schema["properties"].items()
        ]
        prefix = f"{routes.PREFIX}/{name}"
        operations = [
            {"method": method.upper(), "path": path, "summary": operation.get("summary", "")}
            for path, item in spec["paths"].items()
            if path == prefix or path.startswith(prefix + "/")
            for method, operation in item.items()
            if method != "parameters"
        ]
        models.append(
            {
                "name": name,
                "description": schema.get("description", ""),
                "fields": fields,
                "operations": operations,
            }
        )
    return models


def type_label(schema: dict[str, Any]) -> str:
    if "allOf" in schema:
        return "record"
    label = schema.get("format") or schema.get("type") or "any"
    if "enum" in schema:
        label = " | ".join(schema["enum"])
    if schema.get("type") == "array":
        label = "list of ids"
    return str(label)


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_of(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": json_of(schema)}


def query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def responses(*codes: str) -> dict[str, Any]:
    return {code: {"$ref": f"#/components/responses/{code}"} for code in codes}
