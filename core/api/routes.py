"""The JSON API's endpoints: CRUD, grouping and workflow methods for every model under ``/api/v1/``.

Each endpoint runs as the caller (``request.env``), so the ORM's rights, rules
and field groups decide what they may see and do; the request is one
transaction, committed when the endpoint returns::

    GET    /api/v1/<model>?domain=[...]&fields=a,b&order=name&limit=80&offset=0&count=true
    GET    /api/v1/<model>/<id>?fields=a,b
    POST   /api/v1/<model>                         → 201, the record (lines created with it)
    PATCH  /api/v1/<model>/<id>                    → 200, the record
    DELETE /api/v1/<model>/<id>                    → 204
    POST   /api/v1/<model>/read_group              {domain, groupby, aggregates, order, limit}
    POST   /api/v1/<model>/<id>/call/<method>      keyword arguments → {"result": ...}

Optimistic concurrency: a ``PATCH`` body may carry ``updated_at`` (as read),
and a ``DELETE`` an ``?updated_at=`` parameter; when the record has changed
since, the request is refused with 409 and changes nothing. The row is locked
(``SELECT ... FOR UPDATE`` on PostgreSQL) while it is compared and changed, so
two clients holding the same ``updated_at`` cannot both succeed.
"""

from __future__ import annotations

import datetime as dt
import decimal
import inspect
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import select
from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from core.api import schemas
from core.errors import ConfigError
from core.errors import ConflictError
from core.errors import MissingError
from core.errors import ValidationError
from core.orm.fields.base import MISSING
from core.orm.model import API_METHOD
from core.orm.model import Model
from core.orm.records import RecordSet

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.web.app import Request

PREFIX = "/api/v1"
DEFAULT_LIMIT = 80
MAX_LIMIT = 1000
MAX_INT = 2**31 - 1  # ids and offsets beyond a 32-bit integer name nothing
ID = f"<int(max={MAX_INT}):record_id>"
READ_GROUP_KEYS = frozenset({"domain", "groupby", "aggregates", "order", "limit"})


def rules() -> list[Rule]:
    """The API's URL rules, mounted by the web application."""
    return [
        Rule(f"{PREFIX}/<model>", endpoint=collection, methods=["GET", "POST"]),
        Rule(f"{PREFIX}/<model>/read_group", endpoint=read_group, methods=["POST"]),
        Rule(f"{PREFIX}/<model>/{ID}", endpoint=member, methods=["GET", "PATCH", "DELETE"]),
        Rule(f"{PREFIX}/<model>/{ID}/call/<method>", endpoint=call, methods=["POST"]),
    ]


# -- endpoints ---------------------------------------------------------------------------------


def collection(request: Request, model: str) -> Response:
    """``GET``: search and read; ``POST``: create (with lines), answering 201 and the record."""
    env = request.env
    target = model_of(env, model)
    if request.method == "POST":
        vals = schemas.load(env.registry, target._name, json_body(request))
        record = env[target._name].create(vals)
        env.flush()
        response = json_response(read_back(env, target, record.id), 201)
        response.headers["Location"] = f"{PREFIX}/{target._name}/{record.id}"
        return response
    args = request.args
    domain = parse_domain(args.get("domain"))
    limit = parse_int(args.get("limit"), "limit", DEFAULT_LIMIT, maximum=MAX_LIMIT)
    offset = parse_int(args.get("offset"), "offset", 0, maximum=MAX_INT)
    order = args.get("order") or None
    bound = env[target._name]
    body: dict[str, Any] = {
        "records": bound.search_read(
            domain, parse_fields(args.get("fields")), order=order, limit=limit, offset=offset
        )
    }
    if parse_bool(args.get("count"), "count"):
        body["count"] = bound.search_count(domain)
    return json_response(body)


def member(request: Request, model: str, record_id: int) -> Response:
    """``GET``: read one record; ``PATCH``: change some fields; ``DELETE``: delete (204)."""
    env = request.env
    target = model_of(env, model)
    if request.method == "GET":
        found = env[target._name].search_read(
            by_id(target, record_id), parse_fields(request.args.get("fields")), limit=1
        )
        if not found:
            raise missing(target, record_id)
        return json_response(found[0])
    if request.method == "PATCH":
        data = dict(json_body(request))
        expected = data.pop("updated_at", MISSING)
        vals = schemas.load(env.registry, target._name, data, partial=True)
        record = locked(env, target, record_id)
        check_unchanged(record, expected)
        record.write(vals)
        env.flush()
        return json_response(read_back(env, target, record_id))
    record = locked(env, target, record_id)
    check_unchanged(record, request.args.get("updated_at", MISSING))
    record.unlink()
    env.flush()
    return Response(status=204)


def read_group(request: Request, model: str) -> Response:
    """Aggregates per group (`core.orm.grouping`) for the body's domain, groupby and aggregates."""
    env = request.env
    target = model_of(env, model)
    body = json_body(request)
    unknown = sorted(set(body) - READ_GROUP_KEYS)
    if unknown:
        raise ValidationError(fields={name: "Unknown parameter." for name in unknown})
    domain = body.get("domain", [])
    if not isinstance(domain, list):
        raise ValidationError(fields={"domain": "Expected a list."})
    groupby = string_list(body.get("groupby", []), "groupby")
    aggregates = string_list(body.get("aggregates", ["id:count"]), "aggregates")
    order = body.get("order")
    if order is not None and not isinstance(order, str):
        raise ValidationError(fields={"order": "Expected a string such as 'amount:sum desc'."})
    limit = body.get("limit")
    if limit is not None and (type(limit) is not int or not 0 < limit <= MAX_LIMIT):
        raise ValidationError(fields={"limit": f"Expected a whole number from 1 to {MAX_LIMIT}."})
    groups = env[target._name].read_group(domain, groupby, aggregates, order=order, limit=limit)
    return json_response({"groups": groups})


def call(request: Request, model: str, record_id: int, method: str) -> Response:
    """Run a method marked with `core.orm.model.api_method` on one record; the body holds its arguments."""
    env = request.env
    target = model_of(env, model)
    if not is_api_method(target, method):
        raise MissingError(f"{target._name} has no method {method!r} callable over the API.")
    kwargs = json_body(request, empty=True)
    record = env[target._name].get(record_id)
    function = getattr(record, method)
    try:
        inspect.signature(function).bind(**kwargs)
    except TypeError as error:
        raise ValidationError(f"Wrong arguments for {method}: {error}.", fields={}) from None
    result = function(**kwargs)
    env.flush()
    return json_response({"result": result})


# -- helpers -----------------------------------------------------------------------------------


def model_of(env: Environment, name: str) -> type[Model]:
    """The composed model named ``name``.

    Raises:
        MissingError: no installed addon declares it (404, not a server error).
    """
    try:
        return env.registry[name]
    except ConfigError:
        raise MissingError(f"There is no model {name!r}.") from None


def is_api_method(model: type[Model], name: str) -> bool:
    """Whether ``name`` is a public method some class of ``model`` marked with ``@api_method``."""
    if name.startswith("_"):
        return False
    for klass in model.__mro__:
        function = klass.__dict__.get(name)
        if inspect.isfunction(function) and getattr(function, API_METHOD, False):
            return inspect.isfunction(getattr(model, name, None))
    return False


def missing(model: type[Model], record_id: int) -> MissingError:
    return MissingError(f"{model._description or model._name} #{record_id} does not exist.")


def by_id(model: type[Model], record_id: int) -> list[Any]:
    """The domain of one record by id, archived or not."""
    domain: list[Any] = [("id", "=", record_id)]
    if "active" in model._fields:
        domain.append(("active", "in", [True, False]))
    return domain


def locked(env: Environment, model: type[Model], record_id: int) -> Model:
    """The record, re-read and locked for the rest of the transaction (read rules apply).

    Raises:
        MissingError: it does not exist or the user's rules hide it.
    """
    stmt = (
        select(model).where(model.id == record_id).with_for_update().execution_options(populate_existing=True)
    )
    record = env.session.scalars(stmt).first()
    if record is None:
        raise missing(model, record_id)
    return record


def check_unchanged(record: Model, expected: Any) -> None:
    """Refuse with 409 when ``expected`` (an ISO ``updated_at`` the client read) is stale.

    Raises:
        ValidationError: ``expected`` is not an ISO datetime with an offset.
        ConflictError: the record was changed after ``expected``.
    """
    if expected is MISSING:
        return
    refusal = ValidationError(
        fields={"updated_at": "Expected the ISO datetime, with offset, the record was read with."}
    )
    if not isinstance(expected, str):
        raise refusal
    try:
        when = dt.datetime.fromisoformat(expected)
    except ValueError:
        raise refusal from None
    if when.tzinfo is None:
        raise refusal
    current = record.updated_at  # type: ignore[attr-defined]
    if current is None or current != when:
        raise ConflictError(
            f"{record.display_name} was changed by someone else since you read it "
            f"(updated at {current.isoformat() if current else 'an unknown time'}); read it again."
        )


def read_back(env: Environment, model: type[Model], record_id: int) -> dict[str, Any]:
    """The record as a GET answers it, or only its id when the user may not read the model."""
    if not env.su and not env.access.allows(model._name, "read"):
        return {"id": record_id}
    found = env[model._name].search_read(by_id(model, record_id), limit=1)
    return found[0] if found else {"id": record_id}


def json_body(request: Request, *, empty: bool = False) -> dict[str, Any]:
    """The request body as a JSON object (``{}`` for an empty body when ``empty``).

    Raises:
        ValidationError: the body is not JSON, or not an object.
    """
    raw = request.get_data(cache=True)
    if not raw.strip() and empty:
        return {}
    try:
        data = parse_json(raw)
    except ValueError:
        raise ValidationError("The body is not valid JSON.", fields={}) from None
    if not isinstance(data, dict):
        raise ValidationError("The body must be a JSON object.", fields={})
    return data


def parse_json(text: str | bytes) -> Any:
    """JSON that the database can take: integers within 64 bits, text encodable as UTF-8, no NUL.

    Raises:
        ValueError: the text is not such JSON (or nests too deeply to parse).
    """
    try:
        data = json.loads(text, parse_int=bounded_int)
        json.dumps(data, ensure_ascii=False).encode()  # lone surrogates ("\\ud800") cannot be stored
        check_no_nul(data)  # PostgreSQL text cannot hold "\\u0000"
    except (RecursionError, UnicodeError) as error:
        raise ValueError(str(error)) from None
    return data


def check_no_nul(data: Any) -> None:
    """Raise ValueError when a string (or an object's key) in ``data`` holds a NUL character."""
    if isinstance(data, str):
        if "\x00" in data:
            raise ValueError("Text cannot contain NUL characters (\\u0000).")
    elif isinstance(data, dict):
        for key, value in data.items():
            check_no_nul(key)
            check_no_nul(value)
    elif isinstance(data, list):
        for item in data:
            check_no_nul(item)


def bounded_int(text: str) -> int:
    number = int(text)
    if not -(2**63) < number < 2**63:
        raise ValueError(f"{text} is beyond a 64-bit integer")
    return number


def parse_domain(text: str | None) -> list[Any]:
    if not text:
        return []
    try:
        domain = parse_json(text)
    except ValueError:
        raise ValidationError(
            fields={"domain": 'Expected a JSON list such as [["name", "=", "x"]].'}
        ) from None
    if not isinstance(domain, list):
        raise ValidationError(fields={"domain": "Expected a JSON list."})
    return domain


def parse_fields(text: str | None) -> list[str] | None:
    if text is None:
        return None
    names = [name.strip() for name in text.split(",") if name.strip()]
    return names or None


def parse_int(text: str | None, name: str, default: int, *, maximum: int) -> int:
    if text is None or text == "":
        return default
    if not text.isdigit() or int(text) > maximum:
        raise ValidationError(fields={name: f"Expected a whole number from 0 to {maximum}."})
    return int(text)


def parse_bool(text: str | None, name: str) -> bool:
    if text is None or text.lower() in ("", "0", "false", "no"):
        return False
    if text.lower() in ("1", "true", "yes"):
        return True
    raise ValidationError(fields={name: "Expected true or false."})


def string_list(value: Any, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(fields={name: "Expected a list of strings."})
    return value


def encode(value: Any) -> Any:
    """JSON-ready data: records as ids, decimals as strings, dates and datetimes as ISO."""
    if isinstance(value, Model):
        return value.id
    if isinstance(value, RecordSet):
        return [record.id for record in value]
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [encode(item) for item in value]
    return value


def json_response(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(encode(data), default=str), status=status, mimetype="application/json")
