"""`Json`: structured data (lists, objects, numbers, strings) kept in one column."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON
from sqlalchemy.types import TypeEngine

from core.i18n import _
from core.orm.environment import Environment
from core.orm.fields.base import Field


class Json(Field[Any]):
    """Any JSON-serialisable value."""

    type_name = "json"

    def sql_type(self) -> TypeEngine[Any]:
        return JSON(none_as_null=True)

    def convert(self, value: Any, env: Environment) -> Any:
        try:
            json.dumps(value)
        except (TypeError, ValueError):
            raise ValueError(_("Enter JSON data.")) from None
        return value
