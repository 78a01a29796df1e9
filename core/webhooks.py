"""Webhooks: queue deliveries inside the user's transaction, send them later from a job.

Queueing happens in the ``records_created``/``records_written``/``records_deleted``
hooks (registered by the ``base`` addon), so a delivery row is written in the same
transaction as the change it reports: a rolled-back action queues nothing. Addons
queue their business events with `emit`::

    from core.webhooks import emit

    emit(env, "sales.order_confirmed", {"id": order.id, "name": order.name})

The ``base.webhooks`` job (every minute) calls `deliver_due`, which POSTs each due
delivery as JSON with the headers ``X-Tessera-Event``, ``X-Tessera-Delivery`` and
``X-Tessera-Signature: sha256=<hex HMAC-SHA256 of the body with the webhook's
secret>``. A 2xx answer marks it sent; anything else (an error status, a refused
connection, a timeout) schedules another attempt with exponential back-off, until
`MAX_ATTEMPTS` make it dead. A receiver's failure never reaches the user's action.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import urllib.error
import urllib.request
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import AbstractContextManager
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING
from typing import Any

from sqlalchemy import Connection
from sqlalchemy import Engine
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import update

from core.hookspecs import hookimpl
from core.jobs import Job
from core.orm.environment import Environment

if TYPE_CHECKING:
    from core.database import Database
    from core.orm.records import RecordSet
    from core.orm.registry import Registry

MAX_ATTEMPTS = 8
FIRST_RETRY = dt.timedelta(minutes=1)
LONGEST_RETRY = dt.timedelta(hours=1)
TIMEOUT_SECONDS = 10
BATCH = 100
CACHE_KEY = "tessera.webhooks"
# Deliveries never report themselves; changes of webhooks only refresh the cache.
SILENT = frozenset({"base.webhook_delivery"})
DUE = ("queued", "failed")

Transactions = Callable[[], AbstractContextManager[Connection]]


@dataclass(frozen=True)
class DeliveryOutcome:
    """What one attempt did: ``status`` is the delivery's new status."""

    id: int
    status: str
    status_code: int | None = None
    error: str = ""


def sign(secret: str, body: bytes) -> str:
    """The ``X-Tessera-Signature`` header value of ``body``: ``sha256=<hex digest>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff(attempts: int) -> dt.timedelta:
    """How long to wait after the ``attempts``-th failure: 1, 2, 4 … minutes, at most an hour."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


# -- queueing (inside the user's transaction) ---------------------------------------


def emit(env: Environment, event: str, payload: dict[str, Any]) -> int:
    """Queue ``event`` (``"sales.order_confirmed"``) for every active webhook subscribed to it.

    Call it from the code that performs the business action, with the same
    ``env``: the deliveries commit or roll back with that action. ``payload``
    must be JSON-serialisable; receivers get it as ``data``, beside ``event``
    and ``occurred_at``. Returns the number of deliveries queued.
    """
    return _queue(env, event, {"data": payload})


@hookimpl
def records_created(env: Environment, records: RecordSet[Any]) -> None:
    _records_changed(env, records.model._name, "created", list(records.ids))


@hookimpl
def records_written(env: Environment, records: RecordSet[Any], fields: list[str]) -> None:
    _records_changed(env, records.model._name, "updated", list(records.ids), fields)


@hookimpl
def records_deleted(env: Environment, model: str, ids: list[int]) -> None:
    _records_changed(env, model, "deleted", list(ids))


@hookimpl
def register_jobs() -> list[Job]:
    return [Job("base.webhooks", dt.timedelta(minutes=1), _run_job)]


def _records_changed(
    env: Environment, model: str, action: str, ids: list[int], fields: list[str] | None = None
) -> None:
    if model in SILENT:
        return
    if model == "base.webhook":
        env.session.info.pop(CACHE_KEY, None)
    payload: dict[str, Any] = {"model": model, "ids": ids}
    if fields is not None:
        payload["fields"] = fields
    _queue(env, f"{model}:{action}", payload)


def _subscriptions(env: Environment) -> dict[str, list[int]]:
    """Active webhook ids by event, read once per environment (one query)."""
    cached: dict[str, list[int]] | None = env.session.info.get(CACHE_KEY)
    if cached is None:
        table = env.registry["base.webhook"]._table
        rows = env.session.execute(select(table.c.id, table.c.event).where(table.c.active.is_(True)))
        cached = {}
        for webhook_id, event in rows:
            cached.setdefault(event, []).append(webhook_id)
        env.session.info[CACHE_KEY] = cached
    return cached


def _queue(env: Environment, event: str, payload: dict[str, Any]) -> int:
    """One INSERT of a delivery per subscribed webhook; nothing when none listens."""
    webhook_ids = _subscriptions(env).get(event)
    if not webhook_ids:
        return 0
    now = dt.datetime.now(dt.UTC)
    body = {"event": event, "occurred_at": now.isoformat(), **payload}
    rows = [
        {
            "webhook_id": webhook_id,
            "event": event,
            "payload": body,
            "status": "queued",
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
            "updated_at": now,
            "created_by_id": env.user_id,
            "updated_by_id": env.user_id,
        }
        for webhook_id in webhook_ids
    ]
    env.session.execute(insert(env.registry["base.webhook_delivery"]._table), rows)
    return len(rows)


# -- sending (the job, outside any user's transaction) --------------------------------


def deliver_due(db: Database, now: dt.datetime | None = None) -> list[DeliveryOutcome]:
    """Send every delivery due at ``now`` (default: the current time), each in its own transaction.

    On PostgreSQL a delivery's row stays locked (``FOR UPDATE SKIP LOCKED``)
    while it is sent, so concurrent runners never send it twice. Returns what
    was attempted.
    """
    return _deliver_due(db.registry, db.engine.begin, now)


def _run_job(env: Environment) -> None:
    engine = env.session.get_bind()
    assert isinstance(engine, Engine)
    if engine.dialect.name == "postgresql":
        _deliver_due(env.registry, engine.begin, None)
        return
    # SQLite has one writer, and the job's own transaction is it: record each
    # outcome in a savepoint of that transaction instead.

    @contextmanager
    def savepoint() -> Iterator[Connection]:
        with env.session.begin_nested():
            yield env.session.connection()

    _deliver_due(env.registry, savepoint, None)


def _deliver_due(
    registry: Registry, transaction: Transactions, now: dt.datetime | None
) -> list[DeliveryOutcome]:
    now = now or dt.datetime.now(dt.UTC)
    table = registry["base.webhook_delivery"]._table
    with transaction() as connection:
        due = connection.scalars(
            select(table.c.id)
            .where(table.c.status.in_(DUE), table.c.next_attempt_at <= now)
            .order_by(table.c.next_attempt_at, table.c.id)
            .limit(BATCH)
        ).all()
    outcomes = []
    for delivery_id in due:
        with transaction() as connection:
            outcome = _deliver_one(registry, connection, delivery_id, now)
        if outcome is not None:
            outcomes.append(outcome)
    return outcomes


def _deliver_one(
    registry: Registry, connection: Connection, delivery_id: int, now: dt.datetime
) -> DeliveryOutcome | None:
    deliveries = registry["base.webhook_delivery"]._table
    webhooks = registry["base.webhook"]._table
    statement = (
        select(
            deliveries.c.event, deliveries.c.payload, deliveries.c.attempts, webhooks.c.url, webhooks.c.secret
        )
        .join(webhooks, webhooks.c.id == deliveries.c.webhook_id)
        .where(
            deliveries.c.id == delivery_id,
            deliveries.c.status.in_(DUE),
            deliveries.c.next_attempt_at <= now,
            webhooks.c.active.is_(True),
        )
    )
    if connection.dialect.name == "postgresql":
        statement = statement.with_for_update(skip_locked=True, of=deliveries)
    row = connection.execute(statement).first()
    if row is None:  # sent meanwhile, or locked by another runner
        return None
    body = json.dumps(row.payload, separators=(",", ":"), default=str).encode()
    status_code, error = _post(row.url, body, row.secret or "", row.event, delivery_id)
    attempts = row.attempts + 1
    values: dict[str, Any] = {"attempts": attempts, "last_status_code": status_code, "updated_at": now}
    if error is None:
        values.update(status="sent", sent_at=now, next_attempt_at=None, last_error=None)
    elif attempts >= MAX_ATTEMPTS:
        values.update(status="dead", next_attempt_at=None, last_error=error)
    else:
        values.update(status="failed", next_attempt_at=now + backoff(attempts), last_error=error)
    connection.execute(update(deliveries).where(deliveries.c.id == delivery_id).values(values))
    return DeliveryOutcome(delivery_id, values["status"], status_code, error or "")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not 2xx: the receiver must give its final URL."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


# Direct connections: proxies from the environment are not used, nor redirects followed.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def _post(url: str, body: bytes, secret: str, event: str, delivery_id: int) -> tuple[int | None, str | None]:
    """POST ``body``; returns the HTTP status (None without an answer) and an error, None on 2xx."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Tessera-Webhooks",
            "X-Tessera-Event": event,
            "X-Tessera-Delivery": str(delivery_id),
            "X-Tessera-Signature": sign(secret, body),
        },
    )
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code} {error.reason}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return None, f"{type(error).__name__}: {reason}"
    if 200 <= status < 300:
        return status, None
    return status, f"HTTP {status}"
