"""Act as a user in tests: create one with groups and companies, and work in their own session.

::

    from core.testing import as_user, make_user

    def test_clerks_cannot_change_rules(env):
        clerk = make_user(env, "clerk", groups=["base.group_user"])
        with as_user(env, clerk) as clerk_env, pytest.raises(AccessError):
            clerk_env["base.rule"].search([])
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from core.orm.environment import Environment
from core.orm.sessions import session_factory


def make_user(
    env: Environment,
    login: str,
    groups: Iterable[str] = ("base.group_user",),
    companies: Iterable[Any] | None = None,
    password: str | None = None,
) -> Any:
    """A user in ``groups`` (external ids), allowed in ``companies`` (default: the main company).

    The first company is the user's current one; ``password`` is set when given.
    """
    allowed = list(companies) if companies is not None else [env.ref("base.main_company")]
    user = env["base.user"].create(
        {
            "login": login,
            "name": login.replace("_", " ").title(),
            "company": allowed[0].id,
            "companies": [company.id for company in allowed],
            "groups": [env.ref(group).id for group in groups],
        }
    )
    if password is not None:
        user.set_password(password)
    return user


@contextmanager
def as_user(env: Environment, user: Any) -> Iterator[Environment]:
    """``user``'s environment, in a session of its own on ``env``'s connection, as a request has.

    Its identity map starts empty, so nothing ``env`` loaded as the system leaks
    into it; what it does not commit is rolled back when the block ends, and
    ``env``'s records are expired so they show what the user committed.
    """
    env.flush()
    session = session_factory(env.session.connection(), join_transaction_mode="create_savepoint")()
    try:
        yield Environment(env.registry, session, user_id=user.id)
    finally:
        session.close()
        env.session.expire_all()
