"""Text and boolean fields: `Char`, `Text`, `Boolean`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean as SABoolean
from sqlalchemy import String
from sqlalchemy import Text as SAText
from sqlalchemy.types import TypeEngine

from core.i18n import _
from core.orm.environment import Environment
from core.orm.fields.base import Field


def refuse_nul(value: str) -> None:
    """Text with a NUL character cannot be stored (PostgreSQL refuses it): say so as a field error."""
    if "\x00" in value:
        raise ValueError(_("Text cannot contain NUL characters."))


class Char(Field[str | None]):
    """A single line of text, optionally limited to ``size`` characters."""

    type_name = "char"

    def __init__(self, label: str | None = None, *, size: int | None = None, **options: Any) -> None:
        super().__init__(label, **options)
        self.size = size

    def sql_type(self) -> TypeEngine[Any]:
        return String(self.size)

    def convert(self, value: Any, env: Environment) -> str | None:
        if value is None or value is False:
            return None
        if not isinstance(value, str):
            raise ValueError(_("Enter text."))
        refuse_nul(value)
        value = value.strip()
        if self.size is not None and len(value) > self.size:
            raise ValueError(_("At most %(size)s characters.", size=self.size))
        return value or None


class Text(Field[str | None]):
    """Multi-line text of any length."""

    type_name = "text"

    def sql_type(self) -> TypeEngine[Any]:
        return SAText()

    def convert(self, value: Any, env: Environment) -> str | None:
        if value is None or value is False:
            return None
        if not isinstance(value, str):
            raise ValueError(_("Enter text."))
        refuse_nul(value)
        return value


class Boolean(Field[bool]):
    """True or false; defaults to false."""

    type_name = "boolean"

    def __init__(self, label: str | None = None, **options: Any) -> None:
        options.setdefault("default", False)
        super().__init__(label, **options)

    def sql_type(self) -> TypeEngine[Any]:
        return SABoolean()

    def convert(self, value: Any, env: Environment) -> bool:
        if isinstance(value, bool):
            return value
        if value in (None, 0, 1):
            return bool(value)
        if isinstance(value, str) and value.lower() in ("true", "false", "1", "0", "yes", "no", "on", "off"):
            return value.lower() in ("true", "1", "yes", "on")
        raise ValueError(_("Enter true or false."))
