"""Users change their own language and time zone, and nobody else's, without a right on their record."""

import pytest

from core.errors import AccessError
from core.errors import ValidationError
from core.testing import as_user
from core.testing import make_user


def test_a_user_sets_their_own_language_and_time_zone(env):
    ayse = make_user(env, "ayse")
    with as_user(env, ayse) as user_env:
        me = user_env["base.user"].browse([ayse.id])[0]
        me.set_preferences(lang="fa", tz="Asia/Tehran")
        user_env.flush()
        assert (me.lang, me.tz) == ("fa", "Asia/Tehran")


def test_a_user_cannot_change_someone_elses_preferences(env):
    ayse, zoltan = make_user(env, "ayse"), make_user(env, "zoltan")
    with as_user(env, ayse) as user_env, pytest.raises(AccessError, match="only change your own"):
        user_env["base.user"].browse([zoltan.id])[0].set_preferences(lang="hu")


def test_a_user_cannot_write_their_groups_by_the_same_door(env):
    ayse = make_user(env, "ayse")
    with as_user(env, ayse) as user_env, pytest.raises(TypeError):
        user_env["base.user"].browse([ayse.id])[0].set_preferences(groups=[1])


@pytest.mark.parametrize(("values", "field"), [({"lang": "xx"}, "lang"), ({"tz": "Mars/Olympus"}, "tz")])
def test_unknown_languages_and_time_zones_are_refused(env, values, field):
    ayse = make_user(env, "ayse")
    with as_user(env, ayse) as user_env, pytest.raises(ValidationError) as refused:
        user_env["base.user"].browse([ayse.id])[0].set_preferences(**values)
        user_env.flush()
    assert field in refused.value.fields
