"""The ORM's refusals are in the language of the user being served, labels included."""

import pytest

from core.errors import AccessError
from core.errors import ValidationError
from core.i18n import translator
from core.i18n import using
from core.testing import as_user
from core.testing import make_user


@pytest.fixture
def speaking(env):
    """``with speaking("tr"):`` serves the block in that language, as a request would."""
    return lambda lang: using(translator(env.registry, lang))


def test_a_missing_required_field_is_named_in_turkish(env, speaking):
    with speaking("tr"), pytest.raises(ValidationError) as caught:
        env["base.partner"].create({"email": "ayse@example.com"})
    fmt = translator(env.registry, "tr")
    assert caught.value.fields == {"name": "Bu alan zorunludur."}
    assert caught.value.message == f"{fmt.gettext('Partner')}: {fmt.gettext('Name')} zorunlu."


def test_a_wrong_value_is_explained_in_persian(env, speaking):
    with speaking("fa"), pytest.raises(ValidationError) as caught:
        env["base.partner"].create({"name": "Ali", "active": "maybe"})
    assert caught.value.fields == {"active": "درست یا نادرست وارد کنید."}


def test_a_missing_right_is_refused_in_hungarian(env, speaking):
    clerk = make_user(env, "nomad", [], password="correct horse battery")
    with as_user(env, clerk) as user_env, speaking("hu"), pytest.raises(AccessError) as caught:
        user_env["base.currency"].create({"name": "Kurus", "code": "KRS", "symbol": "k"})
    assert caught.value.message.startswith("Nem hozhat létre")


def test_outside_a_request_messages_stay_in_english(env):
    with pytest.raises(ValidationError) as caught:
        env["base.partner"].create({"name": "Ali", "active": "maybe"})
    assert caught.value.fields == {"active": "Enter true or false."}
