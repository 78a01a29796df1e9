"""Webhooks: deliveries queued with the user's change, signed, retried with back-off, never blocking.

Every request goes to a real HTTP receiver on 127.0.0.1 (a Werkzeug server in a
thread); nothing ever leaves the loopback interface.
"""

import datetime as dt
import hashlib
import hmac
import json
import socket
import threading

import pytest
from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import select
from werkzeug.serving import make_server
from werkzeug.wrappers import Request
from werkzeug.wrappers import Response

from core import webhooks
from core.errors import AccessError
from core.errors import ValidationError
from core.jobs import run_due_jobs
from core.webhooks import deliver_due
from core.webhooks import emit

LATER = dt.timedelta(hours=2)  # beyond the longest back-off


class Receiver:
    """A loopback HTTP server that records what it receives and answers ``statuses`` in turn."""

    def __init__(self):
        self.received = []
        self.statuses = []
        self.secret = None
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @Request.application
    def app(self, request):
        body = request.get_data()
        expected = "sha256=" + hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
        self.received.append(
            {
                "headers": dict(request.headers),
                "body": json.loads(body),
                "valid": hmac.compare_digest(expected, request.headers.get("X-Tessera-Signature", "")),
            }
        )
        return Response("ok", status=self.statuses.pop(0) if self.statuses else 200)

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture(scope="module")
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def closed_url():
    """The URL of a loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


@pytest.fixture(scope="module")
def hook_db(tessera_databases):
    with tessera_databases.installed("webhooks", ["base"]) as db:
        yield db


@pytest.fixture(autouse=True)
def clean(hook_db, receiver):
    yield
    receiver.received.clear()
    receiver.statuses.clear()
    with hook_db.transaction() as env:
        for model in ("base.webhook_delivery", "base.webhook"):
            env.session.execute(delete(env.registry[model]._table))


def subscribe(db, url, event="base.partner:created", receiver=None, **vals):
    with db.transaction() as env:
        hook = env["base.webhook"].create({"name": event, "url": url, "event": event, **vals})
        env.flush()
        if receiver is not None:
            receiver.secret = hook.secret
        return hook.id


def deliveries(db):
    with db.transaction() as env:
        table = env.registry["base.webhook_delivery"]._table
        return env.session.execute(select(table).order_by(table.c.id)).all()


def make_user(db, *groups):
    with db.transaction() as env:
        login = f"hookuser{env['base.user'].search_count([])}"
        return (
            env["base.user"]
            .create({"login": login, "name": login, "groups": [env.ref(group).id for group in groups]})
            .id
        )


def test_creating_a_partner_queues_a_delivery_in_the_same_transaction(hook_db, receiver):
    subscribe(hook_db, receiver.url, receiver=receiver)
    with hook_db.transaction() as env:
        partner = env["base.partner"].create({"name": "Queued"})
        env.flush()
        table = env.registry["base.webhook_delivery"]._table
        (row,) = env.session.execute(select(table)).all()
        assert row.status == "queued" and row.event == "base.partner:created"
        assert row.payload["ids"] == [partner.id] and row.payload["model"] == "base.partner"
        assert row.attempts == 0 and row.next_attempt_at is not None
    assert len(deliveries(hook_db)) == 1


def test_a_rolled_back_action_queues_nothing(hook_db, receiver):
    subscribe(hook_db, receiver.url)
    with pytest.raises(RuntimeError), hook_db.transaction() as env:
        env["base.partner"].create({"name": "Never"})
        env.flush()
        raise RuntimeError("the user's action fails")
    assert deliveries(hook_db) == []


def test_updates_and_deletes_are_events_with_their_fields_and_ids(hook_db, receiver):
    subscribe(hook_db, receiver.url, "base.partner:updated")
    subscribe(hook_db, receiver.url, "base.partner:deleted")
    with hook_db.transaction() as env:
        partner_id = env["base.partner"].create({"name": "Changing"}).id
    with hook_db.transaction() as env:
        env["base.partner"].get(partner_id).write({"phone": "123"})
    with hook_db.transaction() as env:
        env["base.partner"].get(partner_id).unlink()
    updated, deleted = deliveries(hook_db)
    assert updated.event == "base.partner:updated" and "phone" in updated.payload["fields"]
    assert deleted.event == "base.partner:deleted" and deleted.payload["ids"] == [partner_id]


def test_inactive_webhooks_and_other_events_queue_nothing(hook_db, receiver):
    subscribe(hook_db, receiver.url, active=False)
    subscribe(hook_db, receiver.url, "base.country:created")
    subscribe(hook_db, receiver.url, "base.webhook_delivery:created")
    with hook_db.transaction() as env:
        env["base.partner"].create({"name": "Unheard"})
    assert deliveries(hook_db) == []


def test_one_flush_queues_one_delivery_per_webhook_for_all_its_records(hook_db, receiver):
    subscribe(hook_db, receiver.url)
    subscribe(hook_db, receiver.url)
    with hook_db.transaction() as env:
        ids = env["base.partner"].create([{"name": f"Batch {n}"} for n in range(3)]).ids
    rows = deliveries(hook_db)
    assert len(rows) == 2 and all(row.payload["ids"] == list(ids) for row in rows)


def test_deliver_due_posts_a_signed_body(hook_db, receiver):
    hook_id = subscribe(hook_db, receiver.url, receiver=receiver)
    with hook_db.transaction() as env:
        partner_id = env["base.partner"].create({"name": "Signed"}).id
    (outcome,) = deliver_due(hook_db)
    assert outcome.status == "sent" and outcome.status_code == 200
    (request,) = receiver.received
    assert request["valid"]
    assert request["headers"]["X-Tessera-Event"] == "base.partner:created"
    assert request["headers"]["X-Tessera-Delivery"] == str(outcome.id)
    assert request["body"]["ids"] == [partner_id] and request["body"]["event"] == "base.partner:created"
    (row,) = deliveries(hook_db)
    assert (row.status, row.attempts, row.last_status_code, row.webhook_id) == ("sent", 1, 200, hook_id)
    assert row.sent_at is not None and row.next_attempt_at is None
    assert deliver_due(hook_db) == []  # sent once only


def test_a_failing_receiver_is_retried_with_back_off_then_succeeds(hook_db, receiver):
    subscribe(hook_db, receiver.url, receiver=receiver)
    with hook_db.transaction() as env:
        env["base.partner"].create({"name": "Retried"})
    receiver.statuses[:] = [500, 503]
    now = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    (first,) = deliver_due(hook_db, now)
    assert (first.status, first.status_code) == ("failed", 500)
    (row,) = deliveries(hook_db)
    assert row.attempts == 1 and row.next_attempt_at == now + dt.timedelta(minutes=1)
    assert "500" in row.last_error
    assert deliver_due(hook_db, now + dt.timedelta(seconds=30)) == []  # not due yet
    (second,) = deliver_due(hook_db, now + dt.timedelta(minutes=1))
    assert second.status == "failed"
    (row,) = deliveries(hook_db)
    assert row.next_attempt_at == now + dt.timedelta(minutes=1) + dt.timedelta(minutes=2)
    (third,) = deliver_due(hook_db, now + dt.timedelta(minutes=3))
    assert third.status == "sent"
    assert [r["valid"] for r in receiver.received] == [True, True, True]
    (row,) = deliveries(hook_db)
    assert (row.status, row.attempts, row.last_status_code) == ("sent", 3, 200)


def test_a_receiver_that_is_down_fails_the_delivery_not_the_action(hook_db, closed_url):
    subscribe(hook_db, closed_url)
    with hook_db.transaction() as env:
        partner_id = env["base.partner"].create({"name": "Unaffected"}).id
    (outcome,) = deliver_due(hook_db)
    assert outcome.status == "failed" and outcome.status_code is None
    (row,) = deliveries(hook_db)
    assert row.status == "failed" and row.last_error and row.last_status_code is None
    with hook_db.transaction() as env:
        assert env["base.partner"].get(partner_id).name == "Unaffected"


def test_a_delivery_is_dead_after_the_last_attempt(hook_db, closed_url):
    subscribe(hook_db, closed_url)
    with hook_db.transaction() as env:
        env["base.partner"].create({"name": "Doomed"})
    now = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    statuses = []
    for _ in range(webhooks.MAX_ATTEMPTS):
        statuses += [outcome.status for outcome in deliver_due(hook_db, now)]
        now += LATER
    assert statuses == ["failed"] * (webhooks.MAX_ATTEMPTS - 1) + ["dead"]
    (row,) = deliveries(hook_db)
    assert (row.status, row.attempts, row.next_attempt_at) == ("dead", webhooks.MAX_ATTEMPTS, None)
    assert deliver_due(hook_db, now + LATER) == []


def test_backoff_doubles_and_is_capped():
    assert [webhooks.backoff(n).total_seconds() / 60 for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]


def test_emit_queues_a_business_event(hook_db, receiver):
    subscribe(hook_db, receiver.url, "sales.order_confirmed", receiver=receiver)
    with hook_db.transaction() as env:
        assert emit(env, "sales.order_confirmed", {"id": 7, "name": "SO007"}) == 1
        assert emit(env, "sales.order_cancelled", {"id": 7}) == 0
    deliver_due(hook_db)
    (request,) = receiver.received
    assert request["valid"] and request["body"]["data"] == {"id": 7, "name": "SO007"}
    assert request["body"]["event"] == "sales.order_confirmed"


def test_the_job_sends_due_deliveries(hook_db, receiver):
    subscribe(hook_db, receiver.url, receiver=receiver)
    with hook_db.transaction() as env:
        env["base.partner"].create({"name": "By the job"})
    outcomes = {outcome.name: outcome for outcome in run_due_jobs(hook_db, dt.datetime.now(dt.UTC) + LATER)}
    assert outcomes["base.webhooks"].ok, outcomes["base.webhooks"].error
    (row,) = deliveries(hook_db)
    assert row.status == "sent" and len(receiver.received) == 1


@pytest.mark.parametrize("url", ["ftp://example.com/hook", "javascript:alert(1)", "example.com/hook", ""])
def test_only_http_urls_are_accepted(hook_db, url):
    with pytest.raises(ValidationError), hook_db.transaction() as env:
        env["base.webhook"].create({"name": "Bad", "url": url, "event": "base.partner:created"})


def test_an_event_must_name_a_model_action_or_an_addon_event(hook_db, receiver):
    with pytest.raises(ValidationError), hook_db.transaction() as env:
        env["base.webhook"].create({"name": "Bad", "url": receiver.url, "event": "partner created"})


def test_plain_users_cannot_read_webhooks_or_deliveries(hook_db, receiver):
    subscribe(hook_db, receiver.url)
    uid = make_user(hook_db, "base.group_user")
    for model in ("base.webhook", "base.webhook_delivery"):
        with pytest.raises(AccessError), hook_db.transaction(user_id=uid) as env:
            env[model].search([])
    with pytest.raises(AccessError), hook_db.transaction(user_id=uid) as env:
        env["base.webhook"].create({"name": "Mine", "url": receiver.url, "event": "base.partner:created"})


def test_admins_manage_webhooks_and_see_the_secret(hook_db, receiver):
    uid = make_user(hook_db, "base.group_user", "base.group_system")
    with hook_db.transaction(user_id=uid) as env:
        hook = env["base.webhook"].create(
            {"name": "Admin's", "url": receiver.url, "event": "base.partner:created"}
        )
        env["base.partner"].create({"name": "Seen"})
        env.flush()
        (read,) = env["base.webhook"].search_read([("id", "=", hook.id)], ["name", "secret"])
        assert len(read["secret"]) >= 40
        assert env["base.webhook_delivery"].search_count([("webhook", "=", hook.id)]) == 1


def test_the_secret_is_hidden_from_users_granted_read(hook_db, receiver):
    subscribe(hook_db, receiver.url)
    uid = make_user(hook_db, "base.group_user")
    with hook_db.transaction() as env:
        grant_id = (
            env["base.access"]
            .create(
                {
                    "model": "base.webhook",
                    "group": env.ref("base.group_user").id,
                    "can_read": True,
                }
            )
            .id
        )
    try:
        with hook_db.transaction(user_id=uid) as env:
            assert env["base.webhook"].search_read([], ["name"])
            with pytest.raises(AccessError):
                env["base.webhook"].search_read([], ["name", "secret"])
    finally:
        with hook_db.transaction() as env:
            env["base.access"].get(grant_id).unlink()


def test_queueing_reads_the_subscriptions_once_per_environment(hook_db, receiver):
    subscribe(hook_db, receiver.url)
    with hook_db.transaction() as env:
        env["base.partner"].create({"name": "First"})
        env.flush()
        cached = env.session.info[webhooks.CACHE_KEY]
        env["base.partner"].create({"name": "Second"})
        env.flush()
        assert env.session.info[webhooks.CACHE_KEY] is cached
        table = env.registry["base.webhook_delivery"]._table
        assert env.session.scalar(select(func.count()).select_from(table)) == 2
