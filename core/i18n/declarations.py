"""The user-visible strings an addon declares rather than writes in ``_()``: labels, helps, titles.

From each model class: ``_description``, every field's label (the default
one, from the attribute name, when none is given) and help, selection option
labels and SQL constraint messages. From each view declaration (views,
menus, actions, dashboards, and whatever kinds ``core.views`` adds later):
every ``label``, ``title`` and ``confirm`` string, found by walking dataclass fields,
tuples and lists::

    for message in declared_messages([partner.Partner], [views.partner_form], root=addon_path):
        print(message.text, message.location, message.comment)
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Iterator
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from typing import NamedTuple

from core.orm.fields.base import Field
from core.orm.fields.selection import Selection

TRANSLATED_ATTRIBUTES = ("label", "title", "confirm")


class Message(NamedTuple):
    """One string to translate, where it is declared, and what it is (for translators)."""

    text: str
    location: tuple[str, int | None]
    comment: str


def where(cls: type, root: Path) -> tuple[str, int | None]:
    """A class's file relative to ``root`` and its first line, as a catalog location."""
    try:
        path = Path(inspect.getsourcefile(cls) or "")
        line: int | None = inspect.getsourcelines(cls)[1]
    except (TypeError, OSError):
        return (cls.__module__, None)
    try:
        return (path.resolve().relative_to(root.resolve()).as_posix(), line)
    except ValueError:
        return (path.as_posix(), line)


def declared_fields(cls: type) -> Iterator[tuple[str, Field[Any]]]:
    """The fields a class declares, with those of its own mixins (not the kernel's base classes)."""
    for klass in reversed(cls.__mro__):
        if klass is cls or (klass is not object and not klass.__module__.startswith("core.orm")):
            for name, value in vars(klass).items():
                if isinstance(value, Field):
                    yield name, value


def model_messages(cls: type, root: Path) -> Iterator[Message]:
    """The strings a model class (or an extension of one) declares."""
    model = (
        cls.__dict__.get("__tessera_declares__") or cls.__dict__.get("__tessera_extends__") or cls.__name__
    )
    location = where(cls, root)
    description = cls.__dict__.get("_description")
    if description:
        yield Message(description, location, f"{model}: model")
    for name, value in declared_fields(cls):
        label = value.label or name.replace("_", " ").capitalize()
        yield Message(label, location, f"{model}.{name}: label")
        if value.help:
            yield Message(value.help, location, f"{model}.{name}: help")
        if isinstance(value, Selection):
            for option, option_label in [*value.selection, *value.selection_add]:
                yield Message(option_label, location, f"{model}.{name}: option {option}")
    for constraint in cls.__dict__.get("_sql_constraints", ()):
        yield Message(constraint.message, location, f"{model}: constraint")


def view_strings(value: Any) -> Iterator[tuple[str, str]]:
    """``(attribute, text)`` of every ``label``/``title`` string in a declaration and what it holds."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            item = getattr(value, field.name)
            if field.name in TRANSLATED_ATTRIBUTES and isinstance(item, str):
                if item:
                    yield (field.name, item)
            else:
                yield from view_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from view_strings(item)


def declared_messages(
    model_classes: Sequence[type], view_declarations: Sequence[Any], root: Path, views_file: str = "views.py"
) -> Iterator[Message]:
    """Every string the classes and declarations an addon registers show to users.

    Args:
        model_classes: the addon's models and extensions.
        view_declarations: what it passed to ``addon.views``.
        root: the addon's folder; locations are relative to it.
        views_file: the location given to view strings (declarations do not know their file).
    """
    for cls in model_classes:
        yield from model_messages(cls, root)
    for declaration in view_declarations:
        name = getattr(declaration, "name", "")
        what = f"{type(declaration).__name__} {name}" if name else type(declaration).__name__
        for attribute, text in view_strings(declaration):
            yield Message(text, (views_file, None), f"{what}: {attribute}")
