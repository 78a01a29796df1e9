"""View declarations: defaults per model, named-anchor extensions in addon order, checks at build."""

from dataclasses import dataclass
from dataclasses import field

import pytest

from core.errors import ConfigError
from core.views import Field
from core.views import FormView
from core.views import Group
from core.views import ListView
from core.views import extend
from core.views import resolve_ui


@dataclass
class FakeAddon:
    name: str
    view_declarations: list = field(default_factory=list)
    requires: frozenset = frozenset({"base"})


def names(view):
    return [f.name for f in view.fields]


PARTNER_FORM = FormView(
    "base.partner",
    groups=[Group("identity", ["name", "is_company", "parent"]), Group("contact", ["email", "phone"])],
)


@pytest.fixture
def registry(db):
    return db.registry


def resolve(registry, *addons):
    return resolve_ui(registry, [FakeAddon("base", requires=frozenset()), *addons]).views


def test_the_registry_carries_its_resolved_views(db):
    assert {"base.partner.list", "base.partner.form", "base.addon.form"} <= set(db.registry.ui.views)


def test_models_without_declared_views_get_a_default_list_and_form(registry):
    views = resolve(registry)
    columns = names(views["base.partner.list"])
    assert columns[:2] == ["name", "is_company"]
    assert len(columns) == 6
    form = names(views["base.partner.form"])
    assert {"name", "email", "contacts", "notes", "active"} <= set(form)
    assert not {"created_at", "updated_by", "id"} & set(form)
    assert "password_hash" not in names(views["base.user.form"])  # restricted to a group


def test_a_declared_view_replaces_the_default(registry):
    partner_list = ListView("base.partner", columns=["name", Field("email", label="Mail")], order="name")
    views = resolve(registry, FakeAddon("crm", [partner_list]))
    assert views["base.partner.list"] is partner_list
    assert views["base.partner.list"].fields[1] == Field("email", label="Mail")


def test_extensions_land_at_their_anchor(registry):
    views = resolve(
        registry,
        FakeAddon("crm", [PARTNER_FORM]),
        FakeAddon(
            "loyalty",
            [
                extend("base.partner.form", after="email", fields=["ref"]),
                extend("base.partner.form", before="name", fields=[Field("vat", readonly=True)]),
                extend("base.partner.form", inside="identity", fields=["function"]),
                extend("base.partner.form", fields=["notes"]),
                extend("base.partner.list", after="name", fields=["city"]),
            ],
            requires=frozenset({"base", "crm"}),
        ),
    )
    form = views["base.partner.form"]
    assert [g.name for g in form.groups] == ["identity", "contact"]
    assert names(form) == [
        "vat",
        "name",
        "is_company",
        "parent",
        "function",
        "email",
        "ref",
        "phone",
        "notes",
    ]
    assert form.fields[0].readonly
    assert names(views["base.partner.list"])[:2] == ["name", "city"]


def test_later_addons_anchor_on_fields_earlier_ones_added(registry):
    views = resolve(
        registry,
        FakeAddon("crm", [PARTNER_FORM, extend("base.partner.form", after="email", fields=["ref"])]),
        FakeAddon(
            "loyalty",
            [extend("base.partner.form", after="ref", fields=["vat"])],
            requires=frozenset({"base", "crm"}),
        ),
    )
    assert names(views["base.partner.form"])[3:7] == ["email", "ref", "vat", "phone"]


def test_dotted_paths_follow_relations(registry):
    view = ListView("base.partner", name="partners_by_country", columns=["name", "country.code"])
    assert "partners_by_country" in resolve(registry, FakeAddon("crm", [view]))


@pytest.mark.parametrize(
    ("declarations", "message"),
    [
        (
            [ListView("base.partner", columns=["name", "nickname"])],
            "addon crm: view base.partner.list: base.partner has no field 'nickname'",
        ),
        ([ListView("base.partner", columns=["country.planet"])], "base.country has no field 'planet'"),
        (
            [ListView("base.partner", columns=["email.domain"])],
            "'email.domain' goes through base.partner.email, not a relation",
        ),
        (
            [ListView("crm.lead", columns=["name"])],
            "addon crm: view crm.lead.list shows model 'crm.lead', which no installed addon declares",
        ),
        ([ListView("base.partner", columns=["name", "name"])], "would show 'name' twice"),
        (
            [ListView("base.partner", columns=["name"], order="nickname desc")],
            "addon crm: view base.partner.list: order: Cannot sort base.partner by 'nickname desc'.",
        ),
        ([PARTNER_FORM, PARTNER_FORM], "addon crm: view base.partner.form is already declared by addon crm"),
        (["base.partner.form"], "addon crm: addon.views() got 'base.partner.form', which is not a view"),
        (
            [extend("crm.lead.form", fields=["name"])],
            "addon crm: extension of view crm.lead.form: no installed addon declares that view",
        ),
        (
            [extend("base.partner.form", after="nickname", fields=["ref"])],
            "addon crm: extension of view base.partner.form: view base.partner.form has no field 'nickname'",
        ),
        ([extend("base.partner.form", inside="sidebar", fields=["ref"])], "has no group or page 'sidebar'"),
        ([extend("base.partner.list", inside="main", fields=["ref"])], "is a list: it has no groups"),
        (
            [extend("base.partner.form", fields=["nickname"])],
            "extension of view base.partner.form: base.partner has no field 'nickname'",
        ),
        ([extend("base.partner.form", fields=["name"])], "would show 'name' twice"),
    ],
)
def test_mistakes_fail_the_build_naming_the_addon_and_view(registry, declarations, message):
    with pytest.raises(ConfigError) as raised:
        resolve(registry, FakeAddon("crm", declarations))
    assert message in raised.value.message


def test_extending_a_view_of_an_addon_not_depended_on_fails(registry):
    with pytest.raises(ConfigError, match="the view belongs to addon crm, which loyalty does not depend on"):
        resolve(
            registry,
            FakeAddon("crm", [PARTNER_FORM]),
            FakeAddon("loyalty", [extend("base.partner.form", fields=["ref"])]),
        )


def test_declarations_are_checked_when_written():
    with pytest.raises(ConfigError, match="give at most one of after, before, inside"):
        extend("base.partner.form", after="email", before="phone", fields=["ref"])
    with pytest.raises(ConfigError, match="nothing to add, move or hide"):
        extend("base.partner.form", after="email", fields=[])
    with pytest.raises(ConfigError, match="give either fields"):
        FormView("base.partner", fields=["name"], groups=[Group("main", ["email"])])
    with pytest.raises(ConfigError, match="two groups or pages are named"):
        FormView("base.partner", groups=[Group("main", ["name"]), Group("main", ["email"])])


def test_views_are_named_after_their_model_unless_named():
    assert ListView("crm.lead", columns=["name"]).name == "crm.lead.list"
    assert FormView("crm.lead", fields=["name"]).name == "crm.lead.form"
    assert FormView("crm.lead", name="crm.lead.quick", fields=["name"]).groups == (Group("main", ["name"]),)
