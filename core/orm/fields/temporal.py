"""Date and time fields. `Datetime` values are instants: always timezone-aware, stored in UTC."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date as SADate
from sqlalchemy import DateTime as SADateTime
from sqlalchemy import TypeDecorator
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeEngine

from core.i18n import _
from core.orm.environment import Environment
from core.orm.fields.base import Field


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC that refuses naive datetimes and returns aware ones."""

    impl = SADateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise ValueError(f"a Datetime needs a timezone-aware datetime, got {value!r}")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Date(Field[dt.date | None]):
    """A calendar day, without time or timezone."""

    type_name = "date"

    def sql_type(self) -> TypeEngine[Any]:
        return SADate()

    def convert(self, value: Any, env: Environment) -> dt.date | None:
        if value is None or value == "":
            return None
        if isinstance(value, dt.datetime):
            raise ValueError(_("Enter a date without a time."))
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValueError(_("Enter a date as YYYY-MM-DD.")) from None

    def to_json(self, value: Any) -> str | None:
        return None if value is None else value.isoformat()


class Datetime(Field[dt.datetime | None]):
    """An instant in time, timezone-aware; naive input is read in the user's timezone."""

    type_name = "datetime"

    def sql_type(self) -> TypeEngine[Any]:
        return UTCDateTime()

    def convert(self, value: Any, env: Environment) -> dt.datetime | None:
        if value is None or value == "":
            return None
        if not isinstance(value, dt.datetime):
            try:
                value = dt.datetime.fromisoformat(str(value))
            except ValueError:
                raise ValueError(_("Enter a date and time as YYYY-MM-DDTHH:MM.")) from None
        if value.tzinfo is None:
            value = value.replace(tzinfo=env.tz)
        return value.astimezone(dt.UTC)

    def to_json(self, value: Any) -> str | None:
        return None if value is None else value.isoformat()
