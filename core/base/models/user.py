"""Users: the people who log in, their groups and companies, and how they prove who they are.

Passwords are hashed with Argon2id (argon2-cffi) and never stored or logged in
clear. After `MAX_FAILURES` wrong passwords in a row for a login, further
attempts for that login are refused for a period that doubles each time, so
guessing is slow whether or not the login exists.
"""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError
from argon2.exceptions import VerificationError
from sqlalchemy import select

from core.errors import AccessError
from core.errors import ValidationError
from core.i18n import DEFAULT_LANGUAGE
from core.i18n import LANGUAGES
from core.i18n import _
from core.orm import fields
from core.orm.constraints import Unique
from core.orm.constraints import constrains
from core.orm.environment import Environment
from core.orm.model import Model
from core.orm.model import api_method
from core.orm.records import RecordSet

HASHER = PasswordHasher()
MAX_FAILURES = 5
FIRST_LOCK = dt.timedelta(minutes=1)
MIN_PASSWORD_LENGTH = 8


class User(Model, name="base.user"):
    _description = "User"
    _order = "login"
    _sql_constraints = (Unique("login", message="Another user has this login."),)

    login = fields.Char(required=True)
    name = fields.Char(required=True)
    email = fields.Char()
    partner = fields.Many2one("base.partner", ondelete="restrict")
    company = fields.Many2one("base.company", help="The company the user works in now.")
    companies = fields.Many2many(
        "base.company",
        "Allowed companies",
        relation="base_user_company_rel",
        column1="user_id",
        column2="company_id",
    )
    groups = fields.Many2many(
        "base.group", relation="base_group_users_rel", column1="user_id", column2="group_id"
    )
    lang = fields.Selection(list(LANGUAGES.items()), "Language", default=DEFAULT_LANGUAGE)
    tz = fields.Char("Timezone", default="UTC", help="An IANA time zone, e.g. Europe/Istanbul.")
    password_hash = fields.Char(readonly=True, copy=False, groups=("base.group_system",))
    active = fields.Boolean(default=True)

    @classmethod
    def create(cls, env: Environment, vals_list: Sequence[Mapping[str, Any]]) -> RecordSet[Any]:
        """Create users; each without a partner gets one with its name, email and company."""
        if not env.su:
            env.access.check(cls, "create")  # before the partners, so the refusal names users
        lacking = [index for index, vals in enumerate(vals_list) if not vals.get("partner")]
        vals_list = [dict(vals) for vals in vals_list]
        if lacking:
            partners = env["base.partner"].create(
                [
                    {
                        key: vals_list[i].get(key)
                        for key in ("name", "email", "company")
                        if vals_list[i].get(key)
                    }
                    for i in lacking
                ]
            )
            for index, partner in zip(lacking, partners, strict=True):
                vals_list[index]["partner"] = partner.id
        return super().create(env, vals_list)

    @constrains("tz")
    def _check_tz(self) -> None:
        if self.tz and self.tz not in known_timezones():
            raise ValidationError(fields={"tz": _("%(tz)s is not a known time zone.", tz=self.tz)})

    def set_password(self, password: str) -> None:
        """Store ``password`` hashed.

        Raises:
            ValidationError: it is shorter than `MIN_PASSWORD_LENGTH` characters.
        """
        if len(password) < MIN_PASSWORD_LENGTH:
            raise ValidationError(fields={"password": f"Use at least {MIN_PASSWORD_LENGTH} characters."})
        self.password_hash = HASHER.hash(password)

    @api_method
    def set_preferences(self, lang: str | None = None, tz: str | None = None) -> None:
        """Change one's own language and time zone.

        Users have no right to write their user record (it holds their groups),
        so this writes only these two fields, as the system, on the caller's
        own record.

        Raises:
            AccessError: the record is another user's.
            ValidationError: an unknown language or time zone.
        """
        env = self.env
        if self.id != env.user_id and not env.su:
            raise AccessError(_("You can only change your own preferences."))
        values = {name: value for name, value in (("lang", lang), ("tz", tz)) if value is not None}
        with env.sudo():
            self.write(values)

    def has_group(self, external_id: str) -> bool:
        """Whether the user is in the group ``external_id`` (``"base.group_system"``), directly or implied."""
        from core.orm.access import group_names_of

        return external_id in group_names_of(self.env.registry, self.env.session, self.id)

    @classmethod
    def authenticate(
        cls, env: Environment, login: str, password: str, now: dt.datetime | None = None
    ) -> User:
        """The active user with this login and password.

        The attempt is recorded in ``env``'s transaction: commit it even when
        this raises, or failures would not count.

        Raises:
            AccessError: wrong login or password, or too many recent failures.
                The message never says which.
        """
        now = now or dt.datetime.now(dt.UTC)
        attempt = env.registry["base.login_attempt"].for_login(env, login)  # type: ignore[attr-defined]
        if attempt.locked_until is not None and attempt.locked_until > now:
            raise AccessError("Too many failed attempts; try again in a few minutes.")
        user = env.session.scalars(select(cls).where(cls.login == login, cls.active.is_(True))).first()  # type: ignore[attr-defined]
        if user is not None and user.password_hash and _verify(user, password):
            attempt.failures = 0
            attempt.locked_until = None
            return user
        attempt.failures += 1
        if attempt.failures >= MAX_FAILURES:
            attempt.locked_until = now + FIRST_LOCK * 2 ** (attempt.failures - MAX_FAILURES)
        raise AccessError("Wrong login or password.")


@functools.cache
def known_timezones() -> frozenset[str]:
    """The IANA time zone names this system knows (read once: listing them scans the tz database)."""
    return frozenset(zoneinfo.available_timezones())


def _verify(user: User, password: str) -> bool:
    try:
        HASHER.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = HASHER.hash(password)
    return True


class LoginAttempt(Model, name="base.login_attempt"):
    """Failed logins in a row for one login string (whether or not a user has it)."""

    _description = "Login attempts"
    _rec_name = "login"
    _sql_constraints = (Unique("login", message="This login is already tracked."),)

    login = fields.Char(required=True)
    failures = fields.Integer(default=0, required=True)
    locked_until = fields.Datetime()

    @classmethod
    def for_login(cls, env: Environment, login: str) -> LoginAttempt:
        found = env.session.scalars(select(cls).where(cls.login == login)).first()  # type: ignore[attr-defined]
        return found if found is not None else cls.new(env, {"login": login})
