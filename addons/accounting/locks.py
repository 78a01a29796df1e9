"""Who may book on which dates: the company's two lock dates, and the adviser group.

A company closes periods with two dates (`addons.accounting.models.company`):

* the **hard lock date**: nobody (advisers, administrators and the system
  included) creates, changes or posts an entry dated on or before it. It
  only moves forward, and not over draft entries;
* the **period lock date**: only accounting advisers post entries dated on
  or before it. Bookkeepers may still prepare drafts there, for an adviser
  to post.

Closing a fiscal year sets the hard lock date to its last day
(`addons.accounting.closing`)::

    check_posting_date(env, company, dt.date(2026, 1, 31))   # raises when locked for this user
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.errors import AccessError
from core.errors import ValidationError
from core.i18n import _
from core.orm.environment import Environment

ADVISERS = "accounting.group_adviser"


def is_adviser(env: Environment) -> bool:
    """Whether the acting user is an accounting adviser (or an administrator, or the system)."""
    if env.user_id is None:
        return True
    return env.access.is_admin or ADVISERS in env.access.group_names


def check_adviser(env: Environment, message: str) -> None:
    """Raise `AccessError` with ``message`` unless the acting user is an adviser (`is_adviser`)."""
    if not is_adviser(env):
        raise AccessError(message)


def check_hard_lock(company: Any, day: dt.date) -> None:
    """Refuse any entry dated ``day`` on or before the company's hard lock date.

    Raises:
        ValidationError: ``day`` is locked for everyone.
    """
    locked = company.hard_lock_date
    if locked is not None and day <= locked:
        raise ValidationError(
            _(
                "The books of %(company)s are locked up to %(lock)s: no entry dated %(day)s can be "
                "created, changed or posted.",
                company=company.name,
                lock=locked.isoformat(),
                day=day.isoformat(),
            ),
            fields={"date": _("Locked up to %(lock)s.", lock=locked.isoformat())},
        )


def check_posting_date(env: Environment, company: Any, day: dt.date) -> None:
    """Refuse posting an entry dated ``day`` when a lock date of ``company`` forbids it to this user.

    Raises:
        ValidationError: ``day`` is on or before the hard lock date, or on or
            before the period lock date and the user is not an adviser.
    """
    check_hard_lock(company, day)
    locked = company.period_lock_date
    if locked is not None and day <= locked and not is_adviser(env):
        raise ValidationError(
            _(
                "The period of %(company)s is closed up to %(lock)s: only an accounting adviser can "
                "post an entry dated %(day)s.",
                company=company.name,
                lock=locked.isoformat(),
                day=day.isoformat(),
            ),
            fields={"date": _("Closed up to %(lock)s: ask an adviser.", lock=locked.isoformat())},
        )
