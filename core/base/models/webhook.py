"""Webhooks: URLs an administrator subscribes to events, and the deliveries queued for them.

An event is ``"<model>:created"``, ``"<model>:updated"`` or ``"<model>:deleted"``
(``"base.partner:created"``), or a business event an addon emits with
`core.webhooks.emit` (``"sales.order_confirmed"``). Deliveries are queued in the
user's transaction and sent later by the ``base.webhooks`` job (`core.webhooks`)::

    env["base.webhook"].create({"name": "CRM sync", "url": "https://example.com/hook",
                                "event": "base.partner:created"})

Only administrators have rights on both models (no ``access.toml`` entry
grants them to anyone else); the signing secret is restricted to
``base.group_system`` even if another addon grants read access.
"""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import urlsplit

from core.errors import ValidationError
from core.orm import fields
from core.orm.constraints import constrains
from core.orm.model import Model

EVENT = re.compile(r"^[a-z_][a-z0-9_]*\.[a-z0-9_.]+(:(created|updated|deleted))?$")
STATUSES = [("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed, will retry"), ("dead", "Given up")]


def new_secret(env: Any = None) -> str:
    """A random signing secret (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


class Webhook(Model, name="base.webhook"):
    _description = "Webhook"
    _order = "name, id"

    name = fields.Char(required=True)
    url = fields.Char("URL", required=True, help="Where deliveries are POSTed; http or https.")
    event = fields.Char(
        required=True,
        index=True,
        help='"base.partner:created", "base.partner:updated", "base.partner:deleted", '
        'or a business event such as "sales.order_confirmed".',
    )
    secret = fields.Char(
        default=new_secret,
        copy=False,
        groups=("base.group_system",),
        help="Signs every delivery: X-Tessera-Signature is sha256=HMAC(secret, body).",
    )
    active = fields.Boolean(default=True)
    deliveries = fields.One2many("base.webhook_delivery", inverse="webhook")

    @constrains("url")
    def _check_url(self) -> None:
        parts = urlsplit(self.url or "")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValidationError(fields={"url": f"{self.url!r} is not an http or https URL."})

    @constrains("event")
    def _check_event(self) -> None:
        if not EVENT.match(self.event or ""):
            raise ValidationError(
                fields={"event": f"{self.event!r} is not <model>:created|updated|deleted or <addon>.<event>."}
            )


class WebhookDelivery(Model, name="base.webhook_delivery"):
    _description = "Webhook delivery"
    _order = "id desc"

    webhook = fields.Many2one("base.webhook", required=True, ondelete="cascade", index=True, readonly=True)
    event = fields.Char(required=True, readonly=True)
    payload = fields.Json(readonly=True)
    status = fields.Selection(STATUSES, required=True, default="queued", index=True, readonly=True)
    attempts = fields.Integer(default=0, readonly=True)
    next_attempt_at = fields.Datetime("Next attempt", index=True, readonly=True)
    last_status_code = fields.Integer("Last HTTP status", readonly=True)
    last_error = fields.Text(readonly=True)
    sent_at = fields.Datetime("Sent on", readonly=True)
