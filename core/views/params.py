"""What a form's header asks and opens: a button's parameters as fields, a link's placeholders, checked.

`param_fields` gives the field each `Param` of a `Button` is asked as: a copy
of the model field it names, or a field made from the method's annotation.
`resolve_ui` calls `check_header` when the registry is built, so a wrong
name fails there; the form calls `param_fields` to draw and read its dialogs::

    button = Button("action_lost", "Lost", params=[Param("reason_id", field="lost_reason", required=True)])
    [(f.type_name, f.comodel, f.required) for f in param_fields(registry["crm.lead"], button)]
    # [("many2one", "crm.lost_reason", True)]
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal
import inspect
import types
import typing
from collections.abc import Sequence
from typing import Any

from core.errors import ConfigError
from core.orm import fields
from core.orm.fields.base import Field as ModelField
from core.orm.model import API_METHOD
from core.orm.model import Model
from core.views.buttons import Button
from core.views.buttons import HeaderButton
from core.views.buttons import Link
from core.views.buttons import Param

# The field types a dialog can ask for; lines and JSON have no single input.
ASKABLE_TYPES = frozenset(
    {
        "char", "text", "boolean", "integer", "float", "decimal", "monetary",
        "date", "datetime", "selection", "many2one", "many2many",
    }
)  # fmt: skip
# The field a parameter annotated with one of these types is asked as.
ANNOTATED: dict[type, type[ModelField[Any]]] = {
    str: fields.Char,
    int: fields.Integer,
    float: fields.Float,
    decimal.Decimal: fields.Decimal,
    bool: fields.Boolean,
    dt.date: fields.Date,
    dt.datetime: fields.Datetime,
}
NAMED_PARAMETERS = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def check_header(model: type[Model], buttons: Sequence[HeaderButton], status: str | None) -> None:
    """Every button calls a method marked `core.api_method` with the arguments it asks for; every
    link's placeholders are fields; every state is an option of ``status``.

    Raises:
        ConfigError: naming the button or link and what is wrong.
    """
    options = model._fields[status].values if status else []  # type: ignore[attr-defined]
    for button in buttons:
        what = f"button {button.name!r}" if isinstance(button, Button) else f"link {button.name!r}"
        unknown = sorted(set(button.states) - set(options))
        if unknown:
            raise ConfigError(f"{what} shows in unknown state {unknown[0]!r}")
        if isinstance(button, Link):
            for name in button.placeholders:
                check_placeholder(model, name, what)
            continue
        function = inspect.getattr_static(model, button.method, None)
        if not inspect.isfunction(function) or not getattr(function, API_METHOD, False):
            raise ConfigError(f"{what} needs a method of {model._name} marked @api_method")
        param_fields(model, button)


def check_placeholder(model: type[Model], name: str, what: str) -> None:
    """``name`` must be ``id`` or a field of ``model`` with one value that every reader of the form sees."""
    field = model._fields.get(name)
    if name == "id":
        return
    if field is None:
        raise ConfigError(f"{what}: {model._name} has no field {name!r} for its url")
    if field.type_name in ("one2many", "many2many", "json") or field.groups:
        raise ConfigError(f"{what}: {{{name}}} in its url must be a field of one value that every user sees")


def param_fields(model: type[Model], button: Button) -> tuple[ModelField[Any], ...]:
    """The field each parameter ``button`` asks for is asked as, in order; ``required`` as the dialog asks.

    Raises:
        ConfigError: the method does not take a parameter the button asks
            for, requires one it does not ask for, or a parameter has neither
            a field nor an annotation a form can ask for.
    """
    function = getattr(model, button.method)
    annotated = any(param.field is None for param in button.params)
    try:
        signature = inspect.signature(function, eval_str=annotated)
    except (NameError, AttributeError, TypeError) as error:
        raise ConfigError(f"button {button.method!r}: its method's annotations fail: {error}") from None
    parameters = dict(list(signature.parameters.items())[1:])  # without self
    asked = {param.name for param in button.params}
    for parameter in parameters.values():
        if parameter.default is parameter.empty and parameter.kind in NAMED_PARAMETERS:
            if parameter.name not in asked:
                raise ConfigError(
                    f"button {button.method!r} does not ask for {parameter.name!r}, "
                    f"which {model._name}.{button.method} requires"
                )
    any_keyword = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())
    made = []
    for param in button.params:
        parameter = parameters.get(param.name)
        if (parameter is None or parameter.kind not in NAMED_PARAMETERS) and not any_keyword:
            raise ConfigError(
                f"button {button.method!r} asks for {param.name!r}, "
                f"which {model._name}.{button.method} does not take"
            )
        field = shaped(model, button, param, parameter)
        field.required = param.required or (parameter is not None and parameter.default is parameter.empty)
        made.append(field)
    return tuple(made)


def shaped(
    model: type[Model], button: Button, param: Param, parameter: inspect.Parameter | None
) -> ModelField[Any]:
    """An unsaved field shaped like ``param``'s model field or its parameter's annotation."""
    where = f"button {button.method!r}: param {param.name!r}"
    if param.field is not None:
        declared = model._fields.get(param.field)
        if declared is None:
            raise ConfigError(f"{where}: {model._name} has no field {param.field!r}")
        if declared.type_name not in ASKABLE_TYPES:
            raise ConfigError(f"{where}: a dialog cannot ask for a {declared.type_name} field")
        return copy.copy(declared)  # its ``required`` becomes the parameter's
    annotation = parameter.annotation if parameter is not None else inspect.Parameter.empty
    kind = ANNOTATED.get(optional_of(annotation))
    if kind is None:
        raise ConfigError(
            f"{where}: give it a field=, or annotate the parameter with one of "
            f"{', '.join(sorted(k.__name__ for k in ANNOTATED))}"
        )
    return kind().bind(param.name, model._name, addon="")


def optional_of(annotation: Any) -> Any:
    """``X`` for ``X | None`` (or ``Optional[X]``), else ``annotation`` itself."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        kept = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return kept[0] if len(kept) == 1 else annotation
    return annotation
