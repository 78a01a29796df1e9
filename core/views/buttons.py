"""The buttons of a form's header: `Button` calls a method, `Link` opens an address, `Param` is asked first.

::

    FormView(
        "crm.lead",
        status="status",
        buttons=[
            Button("action_won", "Won", states=["opportunity"], primary=True),
            Button(
                "action_lost",
                "Mark as lost",
                states=["lead", "opportunity"],
                params=[
                    Param("reason_id", field="lost_reason", required=True),
                    Param("note", label="Note", widget="text"),
                ],
            ),
            Link("print", "Print", "/sales/order/{id}/print", new_tab=True),
        ],
    )

Each has a ``name`` other addons use as an anchor (a button's is its
method's). The names they use (methods and their parameters, fields, the
placeholders of an address) are checked against the model when the registry
is built (`core.views.params`).
"""

from __future__ import annotations

import dataclasses
import string
from typing import TYPE_CHECKING
from typing import Any
from urllib.parse import quote

from core.errors import ConfigError
from core.views.elements import WIDGETS
from core.views.elements import assign

if TYPE_CHECKING:
    from core.orm.model import Model

# Where a link may lead: a page of this site, or an address on the web (never ``javascript:``).
LINK_PREFIXES = ("/", "https://", "http://")


@dataclasses.dataclass(frozen=True)
class Param:
    """An argument of a button's method that the user gives in a dialog before the call.

    Args:
        name: the method's keyword argument.
        field: a field of the view's model the input is made like: its type,
            label and options; for a many2one, the records offered, and the
            argument is the chosen record's id. Without a field the input
            follows the parameter's annotation: ``str``, ``int``, ``float``,
            ``Decimal``, ``bool``, ``date`` or ``datetime``, optionally ``| None``.
        label: the input's label (default: the field's, else the name).
        required: the dialog refuses to call without a value. A parameter
            without a default value is always required.
        widget: as for `Field`, e.g. ``text`` for a large box.
    """

    name: str
    field: str | None = None
    label: str | None = None
    required: bool = False
    widget: str | None = None

    def __post_init__(self) -> None:
        if not self.name.isidentifier() or self.name.startswith("_"):
            raise ConfigError(f"param {self.name!r}: the name of a keyword argument is expected")
        if self.widget is not None and self.widget not in WIDGETS:
            raise ConfigError(f"param {self.name}: unknown widget {self.widget!r} (one of {sorted(WIDGETS)})")


@dataclasses.dataclass(frozen=True)
class Button:
    """A form button that calls the model method ``method`` on the record.

    The method must be marked `core.api_method` (the same methods the JSON API
    may call): it runs as the user, in the request's transaction, after the
    form's changes are saved. When it returns a record, the form of that
    record opens (``New quotation`` returning the new order); otherwise the
    same record is shown again.

    Args:
        method: the method's name.
        label: the button's text.
        states: show the button only while the view's ``status`` field has
            one of these values (empty: always).
        groups: show it only to members of one of these groups (external ids).
        confirm: a question the user must accept before the call.
        primary: the highlighted button of the form.
        params: arguments the user gives in a dialog before the method runs
            (`Param`); each parameter the method requires must be one of them.
    """

    method: str
    label: str
    states: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    confirm: str | None = None
    primary: bool = False
    params: tuple[Param, ...] = ()

    def __post_init__(self) -> None:
        assign(self, states=tuple(self.states), groups=tuple(self.groups), params=tuple(self.params))
        names = [param.name for param in self.params]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ConfigError(f"button {self.method}: asks for {repeated[0]!r} twice")

    @property
    def name(self) -> str:
        """The anchor other addons use: the method's name."""
        return self.method


@dataclasses.dataclass(frozen=True)
class Link:
    """A form button that opens an address built from the record, as a plain link.

    ``url`` is a path of this site (``/sales/order/{id}/print``) or a web
    address; ``{id}`` and ``{<field>}`` placeholders take the record's values
    (a many2one's id), escaped for a URL. The link needs no right to change
    the record: the page it opens checks what the user may see.

    Args:
        name: the anchor other addons use.
        label: the link's text.
        url: the address, with placeholders.
        states: show it only while the view's ``status`` field has one of these values.
        groups: show it only to members of one of these groups (external ids).
        new_tab: open it in a new browser tab.
        primary: the highlighted button of the form.
    """

    name: str
    label: str
    url: str
    states: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    new_tab: bool = False
    primary: bool = False

    def __post_init__(self) -> None:
        assign(self, states=tuple(self.states), groups=tuple(self.groups))
        if not self.url.startswith(LINK_PREFIXES) or self.url.startswith("//"):
            raise ConfigError(f"link {self.name}: the url must start with one of {list(LINK_PREFIXES)}")
        placeholders(self.name, self.url)  # a malformed url fails here, not when shown

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The field names between braces in ``url``, in order."""
        return placeholders(self.name, self.url)

    def address(self, record: Model) -> str:
        """``url`` with the placeholders filled from ``record``."""
        values: dict[str, Any] = {}
        for name in self.placeholders:
            value = getattr(record, name)
            value = getattr(value, "id", value)
            values[name] = "" if value is None else quote(str(value), safe="")
        return self.url.format(**values)


HeaderButton = Button | Link


def placeholders(name: str, url: str) -> tuple[str, ...]:
    """The field names between braces in the ``url`` of the link ``name``, in order.

    Raises:
        ConfigError: a brace is not closed, or a placeholder is empty or has a format.
    """
    try:
        parts = list(string.Formatter().parse(url))
    except ValueError as error:
        raise ConfigError(f"link {name}: {url!r}: {error}") from None
    names = []
    for _text, field, spec, conversion in parts:
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion:
            raise ConfigError(f"link {name}: {{{field}}} in its url must name a field, plainly")
        names.append(field)
    return tuple(names)
