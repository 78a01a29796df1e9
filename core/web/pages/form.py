"""The form of one record: show it, create one, save, press its buttons, delete, archive, duplicate, note.

::

    GET  /web/<model>/<id>                 the form, editable when the user may change the record
    GET  /web/<model>/new                  a new record: the model's defaults, then the ``?action=``'s,
                                           then ``?default_<field>=`` (``?default_parent=7``)
    POST /web/<model>/<id>                 save → 303 to the record; 400: the form again as typed, with
    POST /web/<model>/new                  a message next to each refused field; 409: changed meanwhile
    POST /web/<model>/<id>/call/<method>   a button of the form view (the form's changes are saved first);
                                           a button with ``params`` needs its dialog's answers
                                           (`core.web.pages.form_dialog`), else the form shows the dialog
    POST /web/<model>/<id>/delete | archive | unarchive | duplicate | note

Everything runs as the user in the request's one transaction, so the ORM's
rights and rules decide; a refused post re-renders the form and rolls the
whole transaction back. ``?action=`` is carried along for the breadcrumbs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING
from typing import Any

from werkzeug.datastructures import MultiDict
from werkzeug.routing import Rule
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from core.api.routes import check_unchanged
from core.api.routes import is_api_method
from core.api.routes import locked
from core.errors import AccessError
from core.errors import ConflictError
from core.errors import MissingError
from core.errors import ValidationError
from core.i18n import _
from core.orm.fields.base import MISSING
from core.orm.model import Model
from core.web.pages import lookup
from core.web.pages.form_layout import FormLayout
from core.web.pages.form_page import NOTE_ERROR
from core.web.pages.form_page import FormPage
from core.web.pages.form_values import encode
from core.web.pages.inputs import Parsed
from core.web.pages.inputs import changes
from core.web.pages.inputs import parse
from core.web.pages.inputs import parse_value

if TYPE_CHECKING:
    from core.web.app import Request

ID = "<int(max=2147483647):record_id>"
OPERATIONS = "<any(delete, archive, unarchive, duplicate, note):operation>"
DEFAULT_PREFIX = "default_"


def rules() -> list[Rule]:
    """The form's URLs, with the many2one lookup's."""
    return [
        *lookup.rules(),
        Rule("/web/<model>/new", endpoint=new, methods=["GET", "POST"]),
        Rule(f"/web/<model>/{ID}", endpoint=edit, methods=["GET", "POST"]),
        Rule(f"/web/<model>/{ID}/call/<method>", endpoint=call, methods=["POST"]),
        Rule(f"/web/<model>/{ID}/{OPERATIONS}", endpoint=operate, methods=["POST"]),
    ]


def new(request: Request, model: str) -> Response:
    """A new record's form (GET) or its creation (POST)."""
    page = FormPage(request, model)
    page.env.access.check(page.model, "create")
    form = page.layout(None, editing=True)
    if request.method == "GET":
        return page.render(form, None, encode(form.editable, defaults(page, form), page.fmt, page.env.tz))
    record = save(page, form, None, parse(page.env, form.editable, request.form, page.fmt))
    return page.redirect(record)


def edit(request: Request, model: str, record_id: int) -> Response:
    """A record's form (GET) or the saving of its changes (POST)."""
    page = FormPage(request, model)
    record = page.find(record_id)
    editing = page.may_write(record)
    form = page.layout(record, editing=editing)
    if request.method == "GET":
        return page.render(form, record)
    if not editing:
        page.env.access.check(page.model, "write")
        raise AccessError(_("The access rules do not let you change this record."))
    record = save(page, form, record, parse(page.env, form.editable, request.form, page.fmt))
    return page.redirect(record)


def call(request: Request, model: str, record_id: int, method: str) -> Response:
    """Press a button of the form: save the form's changes, then run its method; both or neither.

    A button with ``params`` runs only when its dialog posts the answers;
    otherwise the form is shown again, as posted, with the dialog open.
    """
    page = FormPage(request, model)
    record = page.find(record_id)
    form = page.layout(record, editing=page.may_write(record))
    button = form.button(page.env, method, page.status_of(record))
    if not is_api_method(page.model, method):
        raise MissingError(_("This form has no button %(method)s.", method=method))
    parsed = parse(page.env, form.editable, request.form, page.fmt)
    args: dict[str, Any] = {}
    if button.params:
        dialog = page.ask(button)
        if not dialog.answered(request.form):
            return page.render(form, record, request.form)
        asked = dialog.read(page.env, request.form, page.fmt)
        parsed.errors.update(asked.errors)
        args = asked.vals
    result = save(page, form, record, parsed, then=method, args=args)
    return page.redirect(result)


def operate(request: Request, model: str, record_id: int, operation: str) -> Response:
    """Delete, archive, unarchive or duplicate a record, or post a note to its history."""
    page = FormPage(request, model)
    env = page.env
    record = page.find(record_id)
    form = page.layout(record, editing=page.may_write(record))
    if operation in ("archive", "unarchive") and "active" not in page.model._fields:
        raise MissingError(_("These records cannot be archived."))
    try:
        with env.session.begin_nested():
            if operation == "delete":
                record.unlink()
            elif operation == "duplicate":
                record = record.copy()
            elif operation == "note":
                record.post_note(request.form.get("body", ""))
            else:
                record.write({"active": operation == "unarchive"})
            env.flush()
    except (ValidationError, ConflictError) as error:
        errors = getattr(error, "fields", {})
        if operation == "note" and errors:  # the note's box, not a field of the record named "body"
            errors = {NOTE_ERROR: " ".join(errors.values())}
        page.refuse(form, record, None, errors, alert(error, errors), status=error.code)
    if operation == "delete":
        return redirect(page.list_url, 303)
    return page.redirect(record)


# -- saving ---------------------------------------------------------------------------------


def save(
    page: FormPage,
    form: FormLayout,
    record: Model | None,
    parsed: Parsed,
    then: str = "",
    args: Mapping[str, Any] | None = None,
) -> Model:
    """Create ``record`` (None) or change it from ``parsed``, then call its method ``then`` with ``args``.

    Returns the record to show next: the one saved, or a record the method
    returned. A refusal re-renders the form as posted (`FormPage.refuse`),
    with the dialog that asked for ``args`` open and the method's errors
    about them next to its inputs.
    """
    env, data = page.env, page.request.form
    if parsed.errors:
        page.refuse(form, record, data, parsed.errors, _("Some values need your attention."))
    if record is not None:
        record = locked(env, page.model, record.id)
        try:
            check_unchanged(record, data.get("updated_at") or MISSING)
        except ConflictError:
            fresh = MultiDict([(k, v) for k, v in data.items(multi=True) if k != "updated_at"])
            message = _(
                "Someone else changed this record after you opened it. Reload it to see their changes, "
                "or save again to replace them with yours."
            )
            page.refuse(form, record, fresh, alert=message, status=ConflictError.code)
    result: Any = None
    try:
        with env.session.begin_nested():
            if record is None:
                saved = env[page.model._name].create(parsed.vals)
            else:
                saved = record
                saved.write(changes(saved, parsed.vals))
            env.flush()
            result = getattr(saved, then)(**(args or {})) if then else None
            env.flush()
    except (ValidationError, ConflictError) as error:
        errors = getattr(error, "fields", {})
        if page.dialog is not None:
            errors = page.dialog.keyed(errors)
        page.refuse(form, record, data, errors, alert(error, errors), status=error.code)
    return result if isinstance(result, Model) else saved


def alert(error: ValidationError | ConflictError, errors: dict[str, str]) -> str:
    """The message above the form: the error's own, unless its fields carry the details."""
    return _("Some values need your attention.") if errors else error.message


def defaults(page: FormPage, form: FormLayout) -> dict[str, Any]:
    """A new record's values: the model's defaults, the action's, then the ``default_<field>`` parameters.

    Values that do not fit their field are left out rather than refused: they come from a link.
    """
    env, model, args = page.env, page.model, page.request.args
    values: dict[str, Any] = {}
    for widget in form.editable:
        default = model._fields[widget.name].default_value(env)
        if default is not MISSING:
            values[widget.name] = default
    values.update(page.action.defaults if page.action else {})
    for widget in form.editable:
        key = DEFAULT_PREFIX + widget.name
        if key in args:
            try:
                posted = MultiDict({widget.name: args[key]})
                values[widget.name] = parse_value(env, widget, posted, widget.name, page.fmt)
            except (ValueError, ValidationError):
                continue
    converted = {}
    for name, value in values.items():
        field = model._fields.get(name)
        if field is not None and field.type_name != "one2many":
            try:
                converted[name] = field.convert(value, env)
            except ValueError:
                continue
    return converted
