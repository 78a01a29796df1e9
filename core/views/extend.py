"""`extend`: how an addon changes a view another addon declared, by the names in it.

Extensions are applied when the registry is built, in dependency order, so an
addon sees what its dependencies added; a missing anchor fails the build with
the addon's name::

    # crm: the partner's opportunities in a tab of its own, the phone moved next to the email
    partner_form = extend(
        "base.partner.form",
        pages=[Page("opportunities", "Opportunities", ["opportunities"])],
    )
    phone_near_email = extend("base.partner.form", move=["phone"], after="email")
    # accounting: a button on the sales order, a filter on its search
    order_form = extend("sales.order.form", buttons=[Button("create_invoice", "Create invoice")])
    order_search = extend("sales.order.search", filters=[Filter("unpaid", "Unpaid", [...])])
    # hide what a customer does not use
    no_fax = extend("base.partner.form", hide=["fax"])
    # stock: two columns in the sales order's line editor, after its quantity
    availability = extend(
        "sales.order.form", columns_of="lines", fields=["qty_free", "expected_date"], after="quantity"
    )
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from core.errors import ConfigError
from core.views.buttons import HeaderButton
from core.views.elements import Field
from core.views.elements import FieldLike
from core.views.elements import Filter
from core.views.elements import GroupBy
from core.views.elements import Page
from core.views.elements import as_fields


@dataclasses.dataclass(frozen=True)
class ViewExtension:
    """What an addon changes in the view named ``view`` (see `extend`)."""

    view: str
    fields: tuple[Field, ...] = ()
    columns_of: str | None = None
    after: str | None = None
    before: str | None = None
    inside: str | None = None
    move: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()
    pages: tuple[Page, ...] = ()
    buttons: tuple[HeaderButton, ...] = ()
    filters: tuple[Filter, ...] = ()
    group_by: tuple[GroupBy, ...] = ()


def extend(
    view: str,
    *,
    fields: Sequence[FieldLike] = (),
    columns_of: str | None = None,
    after: str | None = None,
    before: str | None = None,
    inside: str | None = None,
    move: Sequence[str] = (),
    hide: Sequence[str] = (),
    pages: Sequence[Page] = (),
    buttons: Sequence[HeaderButton] = (),
    filters: Sequence[Filter] = (),
    group_by: Sequence[GroupBy] = (),
) -> ViewExtension:
    """Change the view named ``view`` (declared by this addon or one it depends on).

    Args:
        fields: fields to add, ``after`` or ``before`` a field of the view,
            at the end of the group or page named ``inside``, or at the end
            of the view (a form's last group).
        columns_of: a one2many or many2many of a form whose line editor
            the extension changes instead: ``fields`` (names only) become
            columns ``after`` or ``before`` one of its columns, or the last
            ones; ``move`` and ``hide`` act on its columns.
        move: fields of the view to carry to that same anchor.
        hide: names of fields, groups, pages, buttons, filters or group-by
            options to take out.
        pages: notebook tabs for a form, after/before the page named by the
            anchor, else at the end.
        buttons: buttons and links for a form's header, after its own.
        filters: filters for a search view.
        group_by: group-by options for a search view.

    Raises:
        ConfigError: more than one anchor, nothing to change, or a line
            editor's columns given with more than names, with ``inside``,
            or with pages, buttons, filters or group-by options.
    """
    if sum(anchor is not None for anchor in (after, before, inside)) > 1:
        raise ConfigError(f"extension of view {view}: give at most one of after, before, inside")
    extension = ViewExtension(
        view,
        as_fields(fields),
        columns_of,
        after,
        before,
        inside,
        tuple(move),
        tuple(hide),
        tuple(pages),
        tuple(buttons),
        tuple(filters),
        tuple(group_by),
    )
    if not any((fields, move, hide, pages, buttons, filters, group_by)):
        raise ConfigError(f"extension of view {view}: nothing to add, move or hide")
    if columns_of is not None:
        _check_columns(extension)
    return extension


def _check_columns(extension: ViewExtension) -> None:
    """Refuse what a line editor's columns cannot take: they are field names, placed among columns."""
    where = f"extension of view {extension.view}: columns of {extension.columns_of!r}"
    if any(field != Field(field.name) for field in extension.fields):
        raise ConfigError(f"{where} are field names (no labels, widgets or read-only flags)")
    if extension.inside is not None:
        raise ConfigError(f"{where} go after or before a column, not inside a group")
    for part in ("pages", "buttons", "filters", "group_by"):
        if getattr(extension, part):
            raise ConfigError(f"{where}: give {part.replace('_', '-')} in an extension of their own")
