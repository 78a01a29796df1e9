"""SQL pieces stock's reports share: days in UTC, days between two days, today, exchange rates.

Reports read days in UTC, as ``read_group`` cuts datetimes into periods, so
a figure reads the same for every user. SQLite and PostgreSQL count days
differently; the constructs below compile to each::

    utc_day(moves.c.date_done)                # date(x) | CAST(timezone('UTC', x) AS DATE)
    days_between(utc_day(done), utc_day(due)) # whole days, later minus earlier
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date
from sqlalchemy import Integer
from sqlalchemy import bindparam
from sqlalchemy import case
from sqlalchemy import select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from core.orm.registry import Registry


class utc_day(FunctionElement[dt.date]):  # noqa: N801 - named like the SQL functions it stands for
    """The UTC day of a timestamp."""

    type = Date()
    inherit_cache = True


class days_between(FunctionElement[int]):  # noqa: N801
    """Whole days from the second day to the first (negative when the first comes before)."""

    type = Integer()
    inherit_cache = True


@compiles(utc_day, "sqlite")
def _utc_day_sqlite(element: utc_day, compiler: Any, **kw: Any) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


@compiles(utc_day)
def _utc_day(element: utc_day, compiler: Any, **kw: Any) -> str:
    return f"CAST(timezone('UTC', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: Any, **kw: Any) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


@compiles(days_between)
def _days_between(element: days_between, compiler: Any, **kw: Any) -> str:
    later, earlier = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"({later} - {earlier})"


def utc_today() -> dt.date:
    """Today in UTC: the day the reports count to."""
    return dt.datetime.now(dt.UTC).date()


def today_param() -> Any:
    """Today (UTC) as a bound value, read again at each query."""
    return bindparam("today", callable_=utc_today, type_=Date)


def to_company_currency(
    registry: Registry, amount: Any, currency: Any, company_currency: Any, day: Any
) -> Any:
    """``amount`` in ``currency`` expressed in ``company_currency``, at the latest rates on ``day``.

    Converts as `base.currency.convert` does, in SQL: a currency's rate says
    how many units of it one unit of the company's currency buys. The amount
    is NULL when either currency has no rate on or before ``day``.
    """
    rates = registry["base.currency_rate"]._table

    def rate(of: Any) -> Any:
        return (
            select(rates.c.rate)
            .where(rates.c.currency_id == of, rates.c.date <= day)
            .order_by(rates.c.date.desc())
            .limit(1)
            .scalar_subquery()
        )

    converted = amount * rate(company_currency) / rate(currency)
    return case((currency == company_currency, amount), else_=converted)
