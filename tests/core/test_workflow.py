"""Declared transitions: moves along them, refusals of the others (all or nothing), in the user's language."""

import pytest

from core.errors import ConfigError
from core.errors import ValidationError
from core.i18n import translator
from core.i18n import using
from core.orm.workflow import Transitions

pytestmark = pytest.mark.addons("ui_forms")

DEALS = Transitions(
    {"new": {"qualified", "lost"}, "qualified": {"won", "lost"}, "won": set(), "lost": {"new"}}, field="stage"
)


@pytest.fixture
def make_deal(env):
    def make(name, stage="new"):
        return env["ui_forms.deal"].create({"name": name, "stage": stage})

    return make


def test_a_declared_move_changes_the_state_of_every_record(env, make_deal):
    deals = [make_deal("Pumps"), make_deal("Valves", stage="qualified")]
    DEALS.move(deals, "lost")
    assert [deal.stage for deal in deals] == ["lost", "lost"]
    assert env["ui_forms.deal"].search_count([("stage", "=", "lost")]) == 2  # flushed


def test_an_undeclared_move_is_refused_with_the_record_and_both_states(make_deal):
    deal = make_deal("Pumps")
    with pytest.raises(ValidationError) as error:
        DEALS.move([deal], "won")
    assert error.value.message == "Pumps is in the state “New” and cannot become “Won”."
    assert error.value.fields == {"stage": "Not allowed from this state."}
    assert deal.stage == "new"


def test_one_refused_record_stops_the_whole_batch(make_deal):
    deals = [make_deal("Pumps"), make_deal("Valves", stage="won")]
    with pytest.raises(ValidationError, match="Valves is in the state “Won”"):
        DEALS.move(deals, "lost")
    assert [deal.stage for deal in deals] == ["new", "won"]


def test_check_refuses_without_moving(make_deal):
    deal = make_deal("Pumps", stage="won")
    DEALS.check([make_deal("Valves")], "qualified")
    with pytest.raises(ValidationError):
        DEALS.check([deal], "new")


def test_the_refusal_speaks_the_user_s_language(db, make_deal):
    deal = make_deal("Pompalar")
    with using(translator(db.registry, "tr")), pytest.raises(ValidationError) as error:
        DEALS.move([deal], "won")
    assert error.value.message.startswith("Pompalar “") and "” durumunda ve “" in error.value.message
    assert error.value.fields == {"stage": "Bu durumdan izin verilmiyor."}


def test_sources_are_the_states_a_target_is_reached_from_in_declaration_order():
    assert DEALS.sources("lost") == ["new", "qualified"]
    assert DEALS.sources("new") == ["lost"]
    assert DEALS.sources("nowhere") == []


def test_a_transition_to_an_undeclared_state_is_a_configuration_error():
    with pytest.raises(ConfigError, match="undeclared states: archived"):
        Transitions({"draft": {"done", "archived"}, "done": set()})
