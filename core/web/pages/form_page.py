"""`FormPage`: one request's form of a model, and how it renders (see `core.web.pages.form` for the URLs).

It holds what every form endpoint needs (the user's environment, language
and time zone, the model's form view, the action the user came from) and
renders the page from form data::

    page = FormPage(request, "base.partner")
    record = page.find(7)
    form = page.layout(record, editing=page.may_write(record))
    return page.render(form, record)     # the record's own values; or pass the form data to show

`FormPage.refuse` renders the form again, as posted, with its errors, and
aborts the request so its transaction is rolled back. When the request
answers a button's dialog (``page.dialog``), the form shows it open again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any
from typing import NoReturn

from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import abort
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from core.api.routes import by_id
from core.api.routes import model_of
from core.errors import AccessError
from core.errors import ConflictError
from core.errors import MissingError
from core.i18n import _
from core.orm.fields.base import MISSING
from core.orm.model import Model
from core.views import Button
from core.views import FormView
from core.views import Link
from core.web.pages import form_render
from core.web.pages.form_dialog import Dialog
from core.web.pages.form_dialog import make_dialog
from core.web.pages.form_layout import FormLayout
from core.web.pages.form_layout import form_layout
from core.web.pages.form_values import encode
from core.web.pages.urls import list_url
from core.web.pages.urls import model_url
from core.web.pages.urls import query_string
from core.web.pages.urls import record_url

if TYPE_CHECKING:
    from core.web.app import Request

NOTE_ERROR = "history.note"  # the error key of the note box: no field can be named so


class FormPage:
    """The form of ``model`` for one request: environment, language, time zone, view and action."""

    def __init__(self, request: Request, model: str) -> None:
        self.request = request
        self.env = request.env
        self.model = model_of(self.env, model)
        self.fmt = request.translator
        self.tz = request.tz
        ui = self.env.registry.ui
        view = ui.view(self.model._name, "form")
        assert isinstance(view, FormView), "every model has a form view (a default one at least)"
        self.view = view
        action = ui.actions.get(request.args.get("action", ""))
        self.action = action if action is not None and action.model == self.model._name else None
        self.dialog: Dialog | None = None  # the button's dialog this request answers or asks

    def layout(self, record: Model | None, *, editing: bool) -> FormLayout:
        """The form of ``record`` (None: a new one) for this user; ``editing``: may they save it?"""
        return form_layout(self.env, self.view, self.fmt, editing=editing, status=self.status_of(record))

    def ask(self, button: Button) -> Dialog:
        """The dialog of ``button``, shown open when this request's form is rendered."""
        self.dialog = make_dialog(self.model, button, self.fmt)
        return self.dialog

    # -- urls --------------------------------------------------------------------

    @property
    def query(self) -> str:
        """``?action=...`` to carry along, or nothing."""
        return f"?{query_string({'action': self.action.name})}" if self.action else ""

    def url(self, record: Model | None = None, suffix: str = "") -> str:
        """A URL of this form (the new record's when ``record`` is None), keeping ``?action=``."""
        if record is None:
            return model_url(self.model._name, "/new") + self.query
        return record_url(self.model._name, record.id) + suffix + self.query

    def redirect(self, record: Model) -> Response:
        """303 to the form of ``record`` (of this model or another)."""
        query = self.query if record._name == self.model._name else ""
        return redirect(record_url(record._name, record.id) + query, 303)

    @property
    def list_url(self) -> str:
        return list_url(self.model._name, action=self.action.name if self.action else None)

    # -- records -----------------------------------------------------------------

    def find(self, record_id: int) -> Model:
        """The record, archived or not, as the user may read it.

        Raises:
            MissingError: it does not exist or the user's rules hide it.
        """
        found = self.env[self.model._name].search(by_id(self.model, record_id), limit=1)
        if not found:
            label = self.fmt.model_label(self.model)
            raise MissingError(_("%(model)s #%(id)s does not exist.", model=label, id=record_id))
        return found[0]

    def may_write(self, record: Model) -> bool:
        """Whether the user's rights and write rules let them change ``record``."""
        env = self.env
        if env.su:
            return True
        if not env.access.allows(self.model._name, "write"):
            return False
        try:
            env.access.check_rows(self.model, "write", [record.id])
        except AccessError:
            return False
        return True

    def status_of(self, record: Model | None) -> str | None:
        """The value of the view's ``status`` field: the record's, or its default on a new record."""
        if not self.view.status:
            return None
        if record is not None:
            return getattr(record, self.view.status)  # type: ignore[no-any-return]
        default = self.model._fields[self.view.status].default_value(self.env)
        return None if default is MISSING else str(default)

    # -- rendering ---------------------------------------------------------------

    def render(
        self,
        form: FormLayout,
        record: Model | None,
        data: MultiDict[str, str] | None = None,
        errors: dict[str, str] | None = None,
        alert: str | None = None,
        status: int = 200,
    ) -> Response:
        """The page showing ``record`` (None: a new one) from ``data``, with ``errors`` and an ``alert``.

        Without ``data`` the inputs show ``record``'s values, encoded once its relations are loaded.
        """
        env, fmt, model, errors = self.env, self.fmt, self.model, errors or {}
        if record is not None:
            form_render.prefetch(record, form.widgets)
        if data is None:
            data = encode(form.editable, record, fmt, env.tz) if record is not None else MultiDict()
        context = form_render.Context(env, fmt, self.tz, data, errors)
        current = self.status_of(record)
        field = model._fields[self.view.status] if self.view.status else None
        pages = [(s, form_render.inputs(context, s.widgets, record)) for s in form.pages]
        buttons = form.buttons(env, current) if record is not None else []
        links = {b.name: b.address(record) for b in buttons if isinstance(b, Link) and record is not None}
        dialogs = [self.dialog_of(b) for b in buttons if isinstance(b, Button) and b.params]
        labels = {key: label for dialog in dialogs for key, label in dialog.labels(fmt).items()}
        values: dict[str, Any] = {
            "page": self,
            "form": form,
            "record": record,
            "title": record.display_name if record is not None else fmt.gettext("New"),
            "list_label": fmt.gettext(self.action.label) if self.action else fmt.model_label(model),
            "groups": [(s, form_render.inputs(context, s.widgets, record)) for s in form.groups],
            "pages": pages,
            "error_pages": {s.name for s, items in pages if any(map(form_render.has_error, items))},
            "summary": form_render.summary(form, errors, fmt, labels),
            "alert": alert,
            "conflict": status == ConflictError.code,
            "steps": form_render.status_steps(fmt, field, current) if field is not None else [],  # type: ignore[arg-type]
            "buttons": buttons,
            "links": links,
            "dialogs": [
                (d, form_render.inputs(context, d.widgets, None, d.prefix), d.method == self.opened)
                for d in dialogs
            ],
            "history": form_render.history(record, fmt, self.tz) if record is not None else None,
            "note_error": errors.get(NOTE_ERROR),
            "active": getattr(record, "active", True) is not False,
            "can_delete": record is not None and env.access.allows(model._name, "delete"),
            "can_archive": record is not None and form.editing and "active" in model._fields,
            "can_duplicate": record is not None and env.access.allows(model._name, "create"),
            "updated_at": data.get("updated_at") or updated_at(record),
        }
        return self.request.app.render(self.request, self.view.template or "form.html", status, **values)

    def dialog_of(self, button: Button) -> Dialog:
        """The dialog of ``button``: the one this request answers, else a new one."""
        if self.dialog is not None and self.dialog.button == button:
            return self.dialog
        return make_dialog(self.model, button, self.fmt)

    @property
    def opened(self) -> str | None:
        """The method whose dialog the page shows open."""
        return self.dialog.method if self.dialog is not None else None

    def refuse(
        self,
        form: FormLayout,
        record: Model | None,
        data: MultiDict[str, str] | None,
        errors: dict[str, str] | None = None,
        alert: str | None = None,
        status: int = 400,
    ) -> NoReturn:
        """Show the form again as posted, with ``errors`` and an ``alert``; the transaction rolls back."""
        abort(self.render(form, record, data, errors, alert, status))


def updated_at(record: Model | None) -> str:
    """When ``record`` was last changed (ISO), sent back with the form to detect concurrent edits."""
    stamp = getattr(record, "updated_at", None)
    return stamp.isoformat() if stamp is not None else ""
