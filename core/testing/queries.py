"""Count the SQL statements a block runs, to prove a page or batch does no N+1."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy import event

from core.orm.environment import Environment


class QueryCounter:
    """The statements executed on an engine while it is active."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)

    def __call__(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            self.statements.append(statement)


def _engine(target: Environment | Engine) -> Engine:
    if isinstance(target, Environment):
        bind = target.session.get_bind()
        return bind if isinstance(bind, Engine) else bind.engine
    return target


@contextmanager
def count_queries(target: Environment | Engine) -> Iterator[QueryCounter]:
    """Yield a `QueryCounter` recording each statement run on ``target``'s engine."""
    counter = QueryCounter()
    engine = _engine(target)
    event.listen(engine, "before_cursor_execute", counter)
    try:
        yield counter
    finally:
        event.remove(engine, "before_cursor_execute", counter)


@contextmanager
def assert_max_queries(target: Environment | Engine, limit: int) -> Iterator[QueryCounter]:
    """Fail if the block runs more than ``limit`` SQL statements (savepoints not counted).

    The assertion message lists the statements, so an N+1 shows itself.
    """
    with count_queries(target) as counter:
        yield counter
    if counter.count > limit:
        listing = "\n".join(f"  {i + 1}. {s.strip()[:160]}" for i, s in enumerate(counter.statements))
        raise AssertionError(f"expected at most {limit} queries, ran {counter.count}:\n{listing}")
