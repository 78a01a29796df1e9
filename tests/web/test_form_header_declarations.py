"""Declaring a form's header: buttons that ask for arguments, links built from the record, fields read-only
in some states. Every name is checked when the registry is built, and a mistake names the addon and view."""

from dataclasses import dataclass
from dataclasses import field

import pytest

from core.errors import ConfigError
from core.views import Button
from core.views import Field
from core.views import FormView
from core.views import Link
from core.views import ListView
from core.views import Param
from core.views import resolve_ui
from core.views.params import param_fields

pytestmark = pytest.mark.addons("crm")


@dataclass
class FakeAddon:
    name: str
    view_declarations: list = field(default_factory=list)
    requires: frozenset = frozenset({"base", "crm"})


def resolve(db, *declarations):
    return resolve_ui(
        db.registry, [FakeAddon("base", requires=frozenset()), FakeAddon("pipeline", declarations)]
    )


def lead_form(*buttons, fields=("name",), status="status"):
    return FormView(
        "crm.lead", name="pipeline.lead", fields=list(fields), status=status, buttons=list(buttons)
    )


def test_a_button_asks_for_fields_of_the_model_or_for_typed_parameters(db):
    lost = Button(
        "action_lost",
        "Lost",
        params=[Param("reason_id", field="lost_reason", required=True), Param("note", widget="text")],
    )
    resolve(db, lead_form(lost))

    asked = param_fields(db.registry["crm.lead"], lost)

    assert [(f.type_name, f.comodel if f.type_name == "many2one" else None) for f in asked] == [
        ("many2one", "crm.lost_reason"),
        ("char", None),
    ]
    assert [(f.label, f.required) for f in asked] == [("Lost reason", True), ("Note", False)]


@pytest.mark.parametrize(
    ("declaration", "message"),
    [
        (
            lead_form(Button("action_lost", "Lost", params=[Param("why")])),
            "button 'action_lost' asks for 'why', which crm.lead.action_lost does not take",
        ),
        (
            lead_form(Button("action_lost", "Lost", params=[Param("reason_id", field="why")])),
            "button 'action_lost': param 'reason_id': crm.lead has no field 'why'",
        ),
        (
            lead_form(Button("action_lost", "Lost", params=[Param("reason_id", field="activities")])),
            "param 'reason_id': a dialog cannot ask for a one2many field",
        ),
        (
            lead_form(Button("merge", "Merge")),
            "button 'merge' does not ask for 'ids', which crm.lead.merge requires",
        ),
        (
            lead_form(Button("merge", "Merge", params=[Param("ids")])),
            "button 'merge': param 'ids': give it a field=, or annotate the parameter with one of",
        ),
        (
            lead_form(Link("card", "Card", "/crm/card/{nickname}")),
            "link 'card': crm.lead has no field 'nickname' for its url",
        ),
        (
            lead_form(Link("card", "Card", "/crm/card/{activities}")),
            "link 'card': {activities} in its url must be a field of one value that every user sees",
        ),
        (
            lead_form(Link("card", "Card", "/crm/card/{id}", states=["closed"])),
            "link 'card' shows in unknown state 'closed'",
        ),
        (
            lead_form(fields=[Field("name", readonly_states=["closed"])]),
            "'name' is read-only in unknown state 'closed'",
        ),
        (
            lead_form(fields=[Field("name", readonly_states=["won"])], status=None),
            "'name' has readonly_states, but the view has no status",
        ),
        (
            ListView("crm.lead", name="pipeline.leads", columns=[Field("name", readonly_states=["won"])]),
            "readonly_states only applies to the fields of a form",
        ),
    ],
)
def test_mistakes_fail_the_build_naming_the_addon_and_view(db, declaration, message):
    with pytest.raises(ConfigError) as failed:
        resolve(db, declaration)
    assert failed.value.message.startswith(f"addon pipeline: view {declaration.name}: ")
    assert message in failed.value.message


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Link("go", "Go", "javascript:alert(1)"), "the url must start with one of"),
        (lambda: Link("go", "Go", "//elsewhere.example/{id}"), "the url must start with one of"),
        (lambda: Link("go", "Go", "/orders/{id!r}"), "{id} in its url must name a field, plainly"),
        (lambda: Link("go", "Go", "/orders/{id"), "expected '}'"),
        (lambda: Param("_secret"), "the name of a keyword argument is expected"),
        (lambda: Button("go", "Go", params=[Param("note"), Param("note")]), "asks for 'note' twice"),
    ],
)
def test_malformed_declarations_fail_when_written(make, message):
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace("{", r"\{")):
        make()
