"""Numbers for documents (``SO/2026/00042``) from the ``base.sequence`` records.

An addon creates its sequence once (in its install hook, or as a data record)
and takes a number each time it names a document::

    from core.orm.sequences import ensure_sequence, next_number

    ensure_sequence(env, "sales.order", "Sales orders", prefix="SO/{year}/", padding=5)
    order.name = next_number(env, "sales.order", on=order.date)   # "SO/2026/00001"

When the prefix holds ``{year}``, each year counts from 1 (the year of ``on``);
otherwise the sequence counts under year 0 for ever.

Two modes, chosen per sequence with ``gap_free``:

* **Gap-free** (invoices, in many countries by law): the number comes from the
  counter row in ``base.sequence_number``, incremented with
  ``UPDATE ... RETURNING``. The row stays locked until the transaction ends, so
  concurrent transactions wait for each other, numbers follow commit order,
  and a rollback gives the number back: no holes, no duplicates.
* **Standard**: on PostgreSQL a native ``SEQUENCE`` per sequence and year, so
  concurrent transactions never wait, at the price of holes when a
  transaction rolls back. The native sequence is created on first use and
  starts at the counter row's ``next_number`` if there is one (imported
  numbering carries on); after that the counter row is not read again. SQLite
  allows one writer at a time anyway, so there the counter row serves both
  modes.
"""

from __future__ import annotations

import datetime as dt
import zlib
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.errors import UserError
from core.i18n import _

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.model import Model

YEAR = "{year}"


def next_number(
    env: Environment, code: str, *, company: Model | int | None = None, on: dt.date | None = None
) -> str:
    """Take the next number of the sequence ``code`` and return it formatted.

    Args:
        code: the sequence's code, e.g. ``"sales.order"``.
        company: prefer the sequence of this company (record or id); the one
            without a company serves every company that has none of its own.
        on: the document's date, whose year numbers restart on when the prefix
            holds ``{year}``; default today on the user's calendar (``env.tz``); aware
            datetimes count in that timezone too.

    Raises:
        UserError: no sequence has this code.
    """
    sequence = _find(env, code, company)
    prefix = sequence.prefix or ""
    year = _year(env, on) if YEAR in prefix else 0
    if sequence.gap_free or env.session.get_bind().dialect.name != "postgresql":
        number = _take_counted(env, sequence.id, year)
    else:
        number = _take_native(env, sequence.id, year)
    return format_number(prefix, year, number, sequence.padding)


def format_number(prefix: str, year: int, number: int, padding: int) -> str:
    """``prefix`` with ``{year}`` filled in, then ``number`` padded with zeros to ``padding`` digits."""
    return prefix.replace(YEAR, f"{year:04d}") + str(number).zfill(padding)


def ensure_sequence(
    env: Environment,
    code: str,
    name: str,
    prefix: str = "",
    padding: int = 5,
    gap_free: bool = False,
) -> Model:
    """The company-wide sequence ``code``, created with these settings if it does not exist.

    An existing sequence is returned unchanged, so an administrator's edits
    (another prefix, say) survive an addon's reinstall or upgrade.
    """
    model = env.registry["base.sequence"]
    stmt = select(model).where(model.code == code, model.company_id.is_(None))  # type: ignore[attr-defined]
    existing = env.session.scalars(stmt).first()
    if existing is not None:
        return existing
    vals = {"code": code, "name": name, "prefix": prefix, "padding": padding, "gap_free": gap_free}
    return env[model._name].create(vals)


def _find(env: Environment, code: str, company: Model | int | None) -> Any:
    """The sequence row for ``code``, read with Core: numbering is the kernel's job, whoever
    asks (users need no right on ``base.sequence`` to number their documents)."""
    table = env.registry["base.sequence"]._table
    company_id = getattr(company, "id", company)
    stmt = select(table).where(table.c.code == code)
    if company_id is None:
        stmt = stmt.where(table.c.company_id.is_(None))
    else:
        stmt = stmt.where((table.c.company_id == company_id) | table.c.company_id.is_(None))
    sequence = env.session.execute(stmt.order_by(table.c.company_id.is_(None)).limit(1)).first()
    if sequence is None:
        raise UserError(
            _("No sequence has the code %(code)r; create one in Settings → Sequences.", code=code)
        )
    return sequence


def _year(env: Environment, on: dt.date | None) -> int:
    """The year a document dated ``on`` belongs to, on the user's calendar (their timezone)."""
    if on is None:
        return dt.datetime.now(env.tz).year
    if isinstance(on, dt.datetime) and on.tzinfo is not None:
        return on.astimezone(env.tz).year
    return on.year


def _take_counted(env: Environment, sequence_id: int, year: int) -> int:
    """Increment the counter row (creating it on first use) and return the number taken.

    The UPDATE locks the row until the transaction ends. Two transactions
    creating the same year's row race on its unique key: ``ON CONFLICT DO
    NOTHING`` makes the second wait for the first and then update its row.
    """
    counters = env.registry["base.sequence_number"]._table
    now = dt.datetime.now(dt.UTC)
    mine = (counters.c.sequence_id == sequence_id) & (counters.c.year == year)
    bump = (
        update(counters)
        .where(mine)
        .values(next_number=counters.c.next_number + 1, updated_at=now, updated_by_id=env.user_id)
        .returning(counters.c.next_number)
    )
    following = env.session.execute(bump).scalar()
    if following is None:
        insert = postgresql_insert if env.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        create = insert(counters).values(
            sequence_id=sequence_id,
            year=year,
            next_number=1,
            created_at=now,
            updated_at=now,
            created_by_id=env.user_id,
            updated_by_id=env.user_id,
        )
        env.session.execute(create.on_conflict_do_nothing(index_elements=["sequence_id", "year"]))
        following = env.session.execute(bump).scalar_one()
    return int(following) - 1


def _take_native(env: Environment, sequence_id: int, year: int) -> int:
    """``nextval`` of the PostgreSQL sequence of this sequence and year, created on first use.

    ``CREATE SEQUENCE IF NOT EXISTS`` is not safe against a concurrent
    creator, so creation is serialised by a transaction-level advisory lock.
    The creation belongs to the taker's transaction: if that transaction
    rolls back, so does the sequence, and the number it took (never stored)
    is given again; committed numbers never repeat.
    """
    name = f"base_sequence_{sequence_id}_{year}"
    session = env.session
    if session.scalar(text("SELECT to_regclass(:name)"), {"name": name}) is None:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": zlib.crc32(name.encode())})
        counters = env.registry["base.sequence_number"]._table
        seed = session.scalar(
            select(counters.c.next_number).where(
                counters.c.sequence_id == sequence_id, counters.c.year == year
            )
        )
        session.execute(text(f'CREATE SEQUENCE IF NOT EXISTS "{name}" START WITH {int(seed or 1)}'))
    return int(session.scalar(text(f"SELECT nextval('\"{name}\"')")) or 0)
