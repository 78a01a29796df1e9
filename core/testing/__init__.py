"""Testing helpers for addon developers: fixtures, query counting, contract checks.

The pytest plugin (`core.testing.plugin`) is registered through the
``pytest11`` entry point, so installing Tessera makes its fixtures available::

    import pytest
    from core.testing import assert_max_queries

    pytestmark = pytest.mark.addons("loyalty")

    def test_partner_list(env):
        with assert_max_queries(env, 3):
            env["base.partner"].search([]).read(["name", "country"])
"""

from core.testing.plugin import cheap_hashing as cheap_hashing
from core.testing.queries import QueryCounter as QueryCounter
from core.testing.queries import assert_max_queries as assert_max_queries
from core.testing.users import as_user as as_user
from core.testing.users import make_user as make_user

__all__ = ["QueryCounter", "as_user", "assert_max_queries", "cheap_hashing", "make_user"]
