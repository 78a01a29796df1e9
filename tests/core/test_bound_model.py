"""``env[model]`` offers an addon's own model-level methods with the environment filled in."""

import pytest


def test_a_models_classmethods_are_called_without_passing_the_environment(env):
    attempt = env["base.login_attempt"].for_login("ayse")
    assert (attempt.login, attempt.failures) == ("ayse", 0)


def test_unknown_private_and_record_methods_are_not_offered(env):
    partners = env["base.partner"]
    for name in ("nothing_like_this", "_fields", "write"):
        with pytest.raises(AttributeError, match=f"base.partner has no model-level method '{name}'"):
            getattr(partners, name)
