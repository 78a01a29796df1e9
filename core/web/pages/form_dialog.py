"""Buttons that ask before they call: the dialog of a button's ``params``, and reading its answers.

A `core.views.Button` with ``params`` opens a dialog (a native ``<dialog>``)
instead of calling its method at once. The dialog sits inside the record
form, so answering it posts the form's changes with it to the same
``POST /web/<model>/<id>/call/<method>`` as any button: states, groups and
rights are checked again, the form is saved and the method called in one
transaction, with the CSRF token of the form. Its inputs are named
``<method>.<param>``, which no field or line input can be (a model's methods
and fields share one namespace), and its submit button posts ``<method>=1``;
a post without it (the header button pressed without script) shows the form
again with the dialog open::

    dialog = make_dialog(model, button, fmt)
    asked = dialog.read(env, request.form, fmt)
    asked.vals                     # {"reason_id": 3, "note": None}
    asked.errors                   # {"action_lost.reason_id": "This field is required."}
    record.action_lost(**asked.vals)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import TYPE_CHECKING

from werkzeug.datastructures import MultiDict

from core.errors import ValidationError
from core.i18n import _
from core.orm.fields.base import MISSING
from core.views import Button
from core.views.params import param_fields
from core.web.pages.form_layout import Widget
from core.web.pages.form_layout import kind_of
from core.web.pages.inputs import Parsed
from core.web.pages.inputs import blank
from core.web.pages.inputs import message_of
from core.web.pages.inputs import parse_value

if TYPE_CHECKING:
    from core.i18n import Translator
    from core.orm.environment import Environment
    from core.orm.model import Model


@dataclasses.dataclass(frozen=True)
class Dialog:
    """What ``button`` asks for: one editable widget per parameter, named after it."""

    button: Button
    widgets: tuple[Widget, ...]

    @property
    def method(self) -> str:
        return self.button.method

    @property
    def prefix(self) -> str:
        """What the names of the dialog's inputs start with."""
        return f"{self.method}."

    def answered(self, data: MultiDict[str, str]) -> bool:
        """Whether ``data`` was posted by the dialog's own button, rather than the header's."""
        return self.method in data

    def read(self, env: Environment, data: MultiDict[str, str], fmt: Translator) -> Parsed:
        """The arguments given in ``data`` by parameter name, and a message per refused input."""
        parsed = Parsed()
        for widget in self.widgets:
            key = self.prefix + widget.name
            try:
                value = parse_value(env, widget, data, key, fmt) if key in data else None
            except (ValueError, ValidationError) as error:
                parsed.errors[key] = message_of(error)
                continue
            if value is MISSING:
                value = None
            if widget.required and blank(value):
                parsed.errors[key] = _("This field is required.")
            parsed.vals[widget.name] = value
        return parsed

    def keyed(self, errors: Mapping[str, str]) -> dict[str, str]:
        """The method's ``errors``, those about a parameter (or the field it is made like) under its input."""
        keys: dict[str, str] = {}
        for param in self.button.params:
            keys[param.name] = self.prefix + param.name
        for param in self.button.params:
            if param.field is not None:
                keys.setdefault(param.field, self.prefix + param.name)
        return {keys.get(key, key): message for key, message in errors.items()}

    def labels(self, fmt: Translator) -> dict[str, str]:
        """Where each input's errors are said to be: ``Mark as lost › Lost reason``."""
        title = fmt.gettext(self.button.label)
        return {self.prefix + widget.name: f"{title} › {widget.label}" for widget in self.widgets}


def make_dialog(model: type[Model], button: Button, fmt: Translator) -> Dialog:
    """The dialog of ``button`` on ``model``'s form, labelled in ``fmt``'s language."""
    widgets = []
    for param, field in zip(button.params, param_fields(model, button), strict=True):
        label = fmt.gettext(param.label) if param.label else fmt.field_label(field)
        widgets.append(Widget(param.name, field, label, kind_of(field, param.widget), param.widget, True))
    return Dialog(button, tuple(widgets))
