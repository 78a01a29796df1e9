"""Configuration kept in the database: one value per key, shared by every worker.

The kernel keeps here what all the processes serving one database must agree
on without a configuration file, such as the key that signs session cookies::

    key = env.registry["base.config_parameter"].ensure(env, "web.secret_key", new_secret)

No group has rights on the model, so only the system and administrators
(who have every right) read or change it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from core.errors import ConflictError
from core.orm import fields
from core.orm.constraints import Unique
from core.orm.environment import Environment
from core.orm.model import Model


class ConfigParameter(Model, name="base.config_parameter"):
    _description = "Configuration parameter"
    _order = "key"
    _rec_name = "key"
    _sql_constraints = (Unique("key", message="This configuration key already exists."),)

    key = fields.Char(required=True)
    value = fields.Text()

    @classmethod
    def get_value(cls, env: Environment, key: str) -> str | None:
        """The value stored under ``key``, or None when there is none."""
        stmt = select(cls.value).where(cls.key == key)  # type: ignore[attr-defined]
        return env.session.scalars(stmt).first()

    @classmethod
    def ensure(cls, env: Environment, key: str, make: Callable[[], str]) -> str:
        """The value under ``key``, stored first as ``make()`` when there is none.

        Two processes racing to create it both end up with the value that was
        committed first: the loser's insert (in a savepoint) is refused by the
        unique key and it reads the winner's.
        """
        found = cls.get_value(env, key)
        if found is not None:
            return found
        value = make()
        try:
            with env.session.begin_nested():
                env[cls._name].create({"key": key, "value": value})
                env.flush()
        except ConflictError:
            winner = cls.get_value(env, key)
            if winner is None:
                raise
            return winner
        return value
