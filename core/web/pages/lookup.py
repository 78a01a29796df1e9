"""Finding records by name for many2one and tag inputs, and creating one from a name (quick create).

``GET /web/<model>/lookup?q=...`` answers the first matches the user may read
(at most `MAX_RESULTS`), as JSON; ``POST /web/<model>/lookup`` with a
``name`` creates a record of a model named by a text field. Both run as the
user, so rights and record rules decide what is found and whether it may be
created::

    GET  /web/base.partner/lookup?q=acm         → [{"id": 7, "display_name": "Acme"}]
    POST /web/base.partner/lookup  name=Acme Labs  → 201 {"id": 12, "display_name": "Acme Labs"}
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from core.api.routes import model_of
from core.errors import UserError
from core.errors import ValidationError
from core.i18n import _
from core.orm.fields.base import MISSING
from core.web.app import json_response

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.model import Model
    from core.web.app import Request

MAX_RESULTS = 8
NAME_TYPES = frozenset({"char", "text"})


def rules() -> list[Rule]:
    """The lookup URL: ``GET`` searches, ``POST`` quick-creates."""
    return [Rule("/web/<model>/lookup", endpoint=lookup, methods=["GET", "POST"])]


def lookup(request: Request, model: str) -> Response:
    """Matches of ``q`` as ``[{id, display_name}]``; on POST, the record created from ``name`` (201)."""
    env = request.env
    target = model_of(env, model)
    if request.method == "POST":
        record = quick_create(env, target, request.form.get("name", ""))
        return json_response({"id": record.id, "display_name": record.display_name}, 201)
    limit = min(parse_limit(request.args.get("limit")), MAX_RESULTS)
    found = name_search(env, target, request.args.get("q", ""), limit)
    return json_response([{"id": record_id, "display_name": name} for record_id, name in found])


def parse_limit(text: str | None) -> int:
    if not text:
        return MAX_RESULTS
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise ValidationError(
            fields={"limit": _("Expected a whole number from 1 to %(max)s.", max=MAX_RESULTS)}
        )
    return int(text)


def name_search(env: Environment, model: type[Model], text: str, limit: int) -> list[tuple[int, str]]:
    """``(id, display name)`` of the records whose name contains ``text``, in the model's order.

    A model without a name field is searched by id (``"7"``); an empty
    ``text`` matches every record. Archived records are left out.
    """
    text = text.strip()
    name_field = model._fields.get(model._rec_name or "")
    if not text:
        domain: list[Any] = []
    elif name_field is not None and name_field.store:
        domain = [(name_field.name, "ilike", text)]
    elif text.isascii() and text.isdigit() and int(text) < 2**31:
        domain = [("id", "=", int(text))]
    else:
        return []
    return [(record.id, record.display_name) for record in env[model._name].search(domain, limit=limit)]


def quick_creatable(model: type[Model]) -> bool:
    """Whether a record of ``model`` can be made from a name alone.

    Its name field must be stored text, and every other required field must have a default.
    """
    name_field = model._fields.get(model._rec_name or "")
    if name_field is None or not name_field.store or name_field.type_name not in NAME_TYPES:
        return False
    return all(
        field.default is not MISSING or field.compute is not None
        for name, field in model._fields.items()
        if field.required and name != name_field.name
    )


def quick_create(env: Environment, model: type[Model], name: str) -> Model:
    """A new record of ``model`` named ``name``, created as the user.

    Raises:
        UserError: ``model`` cannot be created from a name alone.
        ValidationError: ``name`` is empty, or the record is refused.
        AccessError: the user may not create such records.
    """
    if not quick_creatable(model):
        raise UserError(_("%(model)s records cannot be created from a name alone.", model=model._name))
    name = name.strip()
    if not name:
        raise ValidationError(fields={"name": _("Type a name first.")})
    return env[model._name].create({model._rec_name or "": name})


def find_by_name(env: Environment, model: type[Model], text: str) -> int:
    """The id of the one record named ``text``: an exact match (ignoring case) or the only match.

    Raises:
        ValueError: no record, or several, match; the message says so.
    """
    found = name_search(env, model, text, MAX_RESULTS)
    exact = [record_id for record_id, name in found if name.casefold() == text.strip().casefold()]
    if len(exact) == 1:
        return exact[0]
    if len(found) == 1:
        return found[0][0]
    if not found:
        raise ValueError(_("Nothing named “%(name)s” was found.", name=text.strip()))
    raise ValueError(_("Several records match “%(name)s”: choose one from the list.", name=text.strip()))
