"""API keys: long random tokens that let a script act as one user over HTTP.

A user makes a key with `ApiKey.generate`, which returns the key in clear once
and stores only its SHA-256 hash; scripts send it as ``Authorization: Bearer
<key>`` (`core.api.keys`). A key acts with exactly its user's rights. Revoking
a key makes it inactive; it is kept so lists still show when it was last used::

    key = env.registry["base.api_key"].generate(env, "Nightly export")
    # "tsk_3f9a0c1d_Jc8v…": shown once, never stored

Users see, rename and revoke only their own keys (rules in
``security/rules.toml``); administrators see every key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from core.errors import AccessError
from core.errors import UserError
from core.errors import ValidationError
from core.orm import fields
from core.orm.environment import Environment
from core.orm.model import Model
from core.orm.records import RecordSet

KEY_PREFIX = "tsk_"
PREFIX_LENGTH = 8
SECRET_BYTES = 32
# What a user may change on their own keys: the name, and revoking them.
USER_WRITABLE = frozenset({"name", "active"})


def hash_key(key: str) -> str:
    """The SHA-256 hex digest stored for ``key``.

    A fast hash is right here, unlike for passwords: a key carries 256 random
    bits, so there is nothing to guess by trying candidates (docs/decisions.md).
    """
    return hashlib.sha256(key.encode()).hexdigest()


def split_key(key: str) -> str | None:
    """The lookup prefix of a key shaped ``tsk_<prefix>_<secret>``, or None when it is not one."""
    start = len(KEY_PREFIX)
    if not key.startswith(KEY_PREFIX) or len(key) <= start + PREFIX_LENGTH + 1:
        return None
    if key[start + PREFIX_LENGTH] != "_":
        return None
    return key[start : start + PREFIX_LENGTH]


class ApiKey(Model, name="base.api_key"):
    _description = "API key"
    _order = "created_at desc, id desc"

    name = fields.Char(required=True, help="What the key is for, e.g. the script that uses it.")
    user = fields.Many2one("base.user", required=True, ondelete="cascade", index=True)
    prefix = fields.Char(
        size=PREFIX_LENGTH,
        required=True,
        readonly=True,
        index=True,
        copy=False,
        help="The start of the key, to recognise it: tsk_<prefix>_….",
    )
    key_hash = fields.Char(readonly=True, copy=False, groups=("base.group_system",))
    last_used_at = fields.Datetime("Last used on", readonly=True, copy=False)
    expires_at = fields.Datetime("Expires on", help="Empty: the key works until it is revoked.")
    active = fields.Boolean(default=True, help="Unset to revoke the key.")

    @classmethod
    def generate(cls, env: Environment, name: str, expires_at: dt.datetime | None = None) -> str:
        """A new key for the environment's user, returned in clear this once.

        Args:
            env: acts as the user who will own the key (needs the create right).
            name: what the key is for.
            expires_at: when it stops working (timezone-aware); None for never.

        Raises:
            AccessError: the user may not create API keys, or ``env`` is the system.
            ValidationError: no name, or an expiry in the past.
        """
        if env.user_id is None:
            raise AccessError("API keys belong to a user; the system has none.")
        if not name or not name.strip():
            raise ValidationError(fields={"name": "Name the key after what will use it."})
        if expires_at is not None and expires_at <= dt.datetime.now(dt.UTC):
            raise ValidationError(fields={"expires_at": "Choose a date in the future."})
        if not env.su:
            env.access.check(cls, "create")
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
        with env.sudo() as system:  # the hash is the system's field; the owner is forced to the user
            system[cls._name].create(
                {
                    "name": name.strip(),
                    "user": env.user_id,
                    "prefix": prefix,
                    "key_hash": hash_key(key),
                    "expires_at": expires_at,
                }
            )
            system.flush()
        return key

    @classmethod
    def create(cls, env: Environment, vals_list: Sequence[Mapping[str, Any]]) -> RecordSet[Any]:
        """Only the system creates keys directly; users go through `generate`.

        Raises:
            AccessError: the user has no right to create keys.
            UserError: outside ``env.su``: a key made without `generate` would have no secret.
        """
        if not env.su:
            env.access.check(cls, "create")  # no right: refused as for any model
            raise UserError("Create API keys with ApiKey.generate, which returns the key once.")
        return super().create(env, vals_list)

    def write(self, vals: Mapping[str, Any]) -> None:
        """Users may rename and revoke (``active=False``) their keys, nothing else.

        Raises:
            AccessError: outside ``env.su``, a field other than name and active.
        """
        if not self.env.su and set(vals) - USER_WRITABLE:
            raise AccessError("Only the name of an API key can change, or it can be revoked.")
        super().write(vals)

    def revoke(self) -> None:
        """Stop the key from working from now on."""
        self.write({"active": False})
