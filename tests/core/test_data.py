"""Data files: records by external id, loaded idempotently, updated on upgrade unless marked noupdate."""

import decimal

import pytest

from core.errors import ConfigError
from core.orm.data import DataLoader

pytestmark = pytest.mark.addons("orm_orders")

TAGS = """
[["orm_orders.tag"]]
id = "tag_vip"
name = "VIP"
color = 1

[["orm_orders.tag"]]
id = "tag_gift"
noupdate = true
name = "Gift"
"""

ORDER = """
[["orm_orders.order"]]
id = "order_demo"
name = "Demo"
partner = "base.main_partner"
tags = ["tag_vip", "tag_gift"]
lines = [{name = "Pen", quantity = 2, price = "2.50"}]
"""


def data_file(tmp_path, content, name="tags.toml"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def load(env, path, *, update=False):
    return DataLoader(env, "orm_orders").load_file(path, update=update)


def tag_names(env):
    return [tag.name for tag in env["orm_orders.tag"].search([], order="id")]


def test_loading_creates_records_reachable_by_external_id(env, tmp_path):
    assert load(env, data_file(tmp_path, TAGS)) == 2
    assert env.ref("orm_orders.tag_vip").name == "VIP"
    assert env.ref("orm_orders.tag_gift").name == "Gift"


def test_references_resolve_across_addons_and_files(env, tmp_path):
    load(env, data_file(tmp_path, TAGS))
    load(env, data_file(tmp_path, ORDER, "orders.toml"))
    order = env.ref("orm_orders.order_demo")
    assert order.partner == env.ref("base.main_partner")
    assert [tag.name for tag in order.tags] == ["VIP", "Gift"]
    assert [(line.name, line.subtotal) for line in order.lines] == [("Pen", decimal.Decimal("5.00"))]
    assert order.total == decimal.Decimal("5.00")


def test_loading_the_same_file_again_changes_nothing(env, tmp_path):
    path = data_file(tmp_path, TAGS)
    load(env, path)
    first = env.ref("orm_orders.tag_vip").id
    assert load(env, path) == 0
    assert tag_names(env) == ["VIP", "Gift"]
    assert env.ref("orm_orders.tag_vip").id == first
    assert env["base.external_id"].search_count([("addon", "=", "orm_orders")]) == 2


def test_a_reload_without_update_keeps_local_changes(env, tmp_path):
    path = data_file(tmp_path, TAGS)
    load(env, path)
    env.ref("orm_orders.tag_vip").write({"name": "Very important"})
    load(env, path)
    assert tag_names(env) == ["Very important", "Gift"]


def test_an_upgrade_updates_records_but_not_those_marked_noupdate(env, tmp_path):
    load(env, data_file(tmp_path, TAGS))
    env.ref("orm_orders.tag_vip").write({"color": 7})
    env.ref("orm_orders.tag_gift").write({"name": "Present"})
    newer = TAGS.replace('"VIP"', '"V.I.P."').replace('"Gift"', '"Gift box"')
    load(env, data_file(tmp_path, newer), update=True)
    vip, gift = env.ref("orm_orders.tag_vip"), env.ref("orm_orders.tag_gift")
    assert (vip.name, vip.color) == ("V.I.P.", 1)
    assert gift.name == "Present"


def test_an_upgrade_creates_the_records_new_in_the_file(env, tmp_path):
    load(env, data_file(tmp_path, TAGS))
    newer = TAGS + '\n[["orm_orders.tag"]]\nid = "tag_rush"\nname = "Rush"\n'
    assert load(env, data_file(tmp_path, newer), update=True) >= 1
    assert tag_names(env) == ["VIP", "Gift", "Rush"]


def test_an_unknown_external_id_names_the_file_the_record_and_the_id(env, tmp_path):
    broken = ORDER.replace('"base.main_partner"', '"base.nobody"')
    with pytest.raises(ConfigError) as caught:
        load(env, data_file(tmp_path, broken, "orders.toml"))
    message = caught.value.message
    assert "addon orm_orders: orders.toml" in message
    assert "'order_demo'" in message
    assert "'base.nobody'" in message


def test_an_unknown_field_names_the_file_the_record_and_the_field(env, tmp_path):
    with pytest.raises(ConfigError) as caught:
        load(env, data_file(tmp_path, TAGS.replace("color = 1", "colour = 1")))
    assert "tags.toml" in caught.value.message
    assert "'tag_vip'" in caught.value.message
    assert "'colour'" in caught.value.message


def test_an_unknown_model_names_the_file_and_the_model(env, tmp_path):
    with pytest.raises(ConfigError, match=r"tags.toml: unknown model 'orm_orders.label'"):
        load(env, data_file(tmp_path, TAGS.replace("orm_orders.tag", "orm_orders.label")))


def test_a_wrong_value_names_the_file_and_the_record(env, tmp_path):
    with pytest.raises(ConfigError) as caught:
        load(env, data_file(tmp_path, TAGS.replace("color = 1", 'color = "red"')))
    assert "tags.toml: orm_orders.tag 'tag_vip'" in caught.value.message
    assert "Enter a whole number." in caught.value.message


def test_a_record_without_id_is_refused(env, tmp_path):
    with pytest.raises(ConfigError, match="tags.toml"):
        load(env, data_file(tmp_path, TAGS.replace('id = "tag_vip"\n', "")))


@pytest.mark.parametrize(
    "content",
    ['["orm_orders.tag"]\nid = "tag_vip"\nname = "VIP"\n', '"orm_orders.tag" = ["VIP", "Gift"]\n'],
)
def test_records_not_written_as_an_array_of_tables_are_refused_saying_how(env, tmp_path, content):
    with pytest.raises(ConfigError) as caught:
        load(env, data_file(tmp_path, content))
    assert caught.value.message == (
        'addon orm_orders: tags.toml: write each orm_orders.tag record as a table under [["orm_orders.tag"]]'
    )


# -- updating another addon's records -------------------------------------------------------------

UPDATE = """
[["base.partner"]]
id = "base.main_partner"
city = "Izmir"
"""


def update_from(env, tmp_path, content, *, update=False):
    """Load ``content`` as orm_orders' file, which may update base's records (its dependency)."""
    return DataLoader(env, "orm_orders", {"base"}).load_file(data_file(tmp_path, content), update=update)


def test_a_qualified_id_updates_the_given_fields_of_a_dependencys_record(env, tmp_path):
    name = env.ref("base.main_partner").name

    assert update_from(env, tmp_path, UPDATE) == 1

    partner = env.ref("base.main_partner")
    assert (partner.name, partner.city) == (name, "Izmir")


def test_the_updated_record_stays_its_owners(env, tmp_path):
    update_from(env, tmp_path, UPDATE)

    assert env["base.external_id"].search_count([("addon", "=", "orm_orders")]) == 0
    assert env["base.external_id"].search_count([("addon", "=", "base"), ("name", "=", "main_partner")]) == 1


@pytest.mark.parametrize(("noupdate", "city"), [(False, "Izmir"), (True, "Ankara")])
def test_an_upgrade_applies_the_update_again_unless_it_is_noupdate(env, tmp_path, noupdate, city):
    content = UPDATE + ("noupdate = true\n" if noupdate else "")
    update_from(env, tmp_path, content)
    env.ref("base.main_partner").write({"city": "Ankara"})

    update_from(env, tmp_path, content, update=True)

    assert env.ref("base.main_partner").city == city


@pytest.mark.parametrize(
    ("external_id", "problem"),
    [
        (
            "orm_points.loyalty_desk",
            "orm_points.loyalty_desk belongs to addon orm_points, which orm_orders does not depend on: "
            "a data file updates only its dependencies' records (and the files for an extra, the extra's)",
        ),
        ("base.nobody", "updates base.nobody, which no loaded data file defines"),
        ("base.currency_eur", "base.currency_eur is a base.currency record, not a base.partner"),
    ],
)
def test_an_update_that_cannot_apply_names_the_file_the_id_and_why(env, tmp_path, external_id, problem):
    with pytest.raises(ConfigError) as caught:
        update_from(env, tmp_path, UPDATE.replace("base.main_partner", external_id))

    assert caught.value.message == f"addon orm_orders: tags.toml: base.partner {external_id!r}: {problem}"
