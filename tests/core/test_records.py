"""Record sets: reading in batches without N+1, mapping, filtering, batch write and unlink."""

import decimal

import pytest

from core.errors import ConflictError
from core.errors import UserError
from core.errors import ValidationError
from core.testing.queries import count_queries

pytestmark = pytest.mark.addons("orm_orders")


@pytest.fixture
def acme(env):
    return env["base.partner"].create({"name": "Acme"})


def make_orders(env, count, **vals):
    """``count`` orders, each with its own partner, two tags and a line, all loaded fresh."""
    tags = env["orm_orders.tag"].create([{"name": f"{count}-{i}"} for i in range(2)])
    partners = env["base.partner"].create([{"name": f"P{i:03}"} for i in range(count)])
    orders = env["orm_orders.order"].create(
        [
            {
                "name": f"SO{i:03}",
                "partner": partner.id,
                "tags": list(tags.ids),
                "lines": [{"name": "Pen", "price": "2"}],
                **vals,
            }
            for i, partner in enumerate(partners)
        ]
    )
    ids = orders.ids
    env.session.expunge_all()
    return env["orm_orders.order"].browse(ids)


# -- read ----------------------------------------------------------------------------------


def test_read_returns_json_compatible_values(env, acme):
    tag = env["orm_orders.tag"].create({"name": "vip"})
    order = env["orm_orders.order"].create(
        {"name": "SO1", "partner": acme.id, "tags": [tag.id], "date": "2026-01-31", "discount": "5"}
    )
    (row,) = env["orm_orders.order"].browse([order.id]).read(["name", "partner", "tags", "date", "discount"])
    assert row == {
        "id": order.id,
        "name": "SO1",
        "partner": {"id": acme.id, "display_name": "Acme"},
        "tags": [tag.id],
        "date": "2026-01-31",
        "discount": "5.00",
    }


def queries_to_read(env, count):
    orders = make_orders(env, count)
    with count_queries(env) as counter:
        rows = orders.read(["name", "partner", "tags"])
    assert len(rows) == count and all(len(row["tags"]) == 2 for row in rows)
    return counter.count


def test_read_runs_as_many_queries_for_50_records_as_for_10(env):
    assert queries_to_read(env, 50) == queries_to_read(env, 10)


def queries_to_reread(env, count):
    orders = make_orders(env, count)
    orders.read(["name"])
    env.session.expire_all()
    with count_queries(env) as counter:
        orders.read(["name", "priority"])
    return counter.count


def test_rereading_expired_records_runs_as_many_queries_for_50_records_as_for_10(env):
    assert queries_to_reread(env, 50) == queries_to_reread(env, 10)


def test_mapped_follows_relations_in_batches(env):
    orders = make_orders(env, 20)
    with count_queries(env) as counter:
        names = orders.mapped("partner.name")
    assert names == [f"P{i:03}" for i in range(20)]
    assert counter.count <= 2


# -- mapping and filtering -------------------------------------------------------------------


def test_mapped_flattens_to_many_values_and_deduplicates_records(env, acme):
    tag = env["orm_orders.tag"].create({"name": "vip"})
    orders = env["orm_orders.order"].create(
        [
            {"name": "SO1", "partner": acme.id, "tags": [tag.id], "lines": [{"name": "Pen", "price": "2"}]},
            {"name": "SO2", "partner": acme.id, "tags": [tag.id], "lines": [{"name": "Ink", "price": "3"}]},
        ]
    )
    assert orders.mapped("partner") == [acme]
    assert orders.mapped("tags") == [tag]
    assert orders.mapped("lines.subtotal") == [decimal.Decimal("2"), decimal.Decimal("3")]


def test_filtered_keeps_matching_records_in_order(env, acme):
    orders = env["orm_orders.order"].create(
        [{"name": f"SO{i}", "partner": acme.id, "priority": i} for i in range(4)]
    )
    assert orders.filtered(lambda order: order.priority % 2 == 1).ids == (orders[1].id, orders[3].id)


def test_ensure_one_refuses_an_empty_or_larger_set(env, acme):
    orders = env["orm_orders.order"].create(
        [{"name": "A", "partner": acme.id}, {"name": "B", "partner": acme.id}]
    )
    assert orders[:1].ensure_one() is orders[0]
    with pytest.raises(UserError, match="Expected one orm_orders.order record, got 2"):
        orders.ensure_one()
    with pytest.raises(UserError, match="got 0"):
        orders[:0].ensure_one()


# -- batch write -----------------------------------------------------------------------------


def test_batch_write_sets_every_record_and_is_visible_to_searches(env, acme):
    orders = env["orm_orders.order"].create([{"name": f"SO{i}", "partner": acme.id} for i in range(3)])
    orders.write({"priority": 5, "note": "rush"})
    assert [(order.priority, order.note) for order in orders] == [(5, "rush")] * 3
    assert env["orm_orders.order"].search_count([("priority", "=", 5), ("note", "=", "rush")]) == 3


def test_batch_write_of_a_required_field_to_empty_is_refused(env, acme):
    orders = env["orm_orders.order"].create([{"name": f"SO{i}", "partner": acme.id} for i in range(2)])
    with pytest.raises(ValidationError) as caught:
        orders.write({"name": None})
    assert caught.value.fields == {"name": "This field is required."}


def test_batch_write_runs_constraints_on_each_record(env, acme):
    orders = env["orm_orders.order"].create([{"name": f"SO{i}", "partner": acme.id} for i in range(2)])
    with pytest.raises(ValidationError, match="A confirmed order needs a date"):
        orders.write({"state": "confirmed"})


def test_batch_write_recomputes_what_depends_on_the_written_field(env, acme):
    orders = env["orm_orders.order"].create([{"name": f"SO{i}", "partner": acme.id} for i in range(2)])
    env["base.partner"].browse([acme.id]).write({"city": "Izmir"})
    lines = env["orm_orders.order_line"].create(
        [{"order": order.id, "name": "Pen", "price": "4"} for order in orders]
    )
    lines.write({"quantity": 3})
    assert [order.total for order in orders] == [decimal.Decimal("12")] * 2
    assert env["orm_orders.order"].search_count([("partner_city", "=", "Izmir")]) == 2


# -- batch unlink ----------------------------------------------------------------------------


def test_batch_unlink_deletes_records_and_their_owned_lines(env):
    orders = make_orders(env, 3)
    orders.unlink()
    assert env["orm_orders.order"].search_count([]) == 0
    assert env["orm_orders.order_line"].search_count([]) == 0


def test_batch_unlink_of_referenced_records_is_refused(env, acme):
    bob = env["base.partner"].create({"name": "Bob"})
    env["orm_orders.order"].create({"name": "SO1", "partner": bob.id})
    with pytest.raises(ConflictError, match="Bob cannot be deleted"):
        env["base.partner"].browse([acme.id, bob.id]).unlink()


@pytest.mark.parametrize("batch", [False, True], ids=["one", "batch"])
def test_unlink_refused_when_a_cascaded_record_is_referenced(env, acme, batch):
    ann = env["base.partner"].create({"name": "Ann", "parent": acme.id})
    env["orm_orders.order"].create({"name": "SO1", "partner": ann.id})
    doomed = [acme.id, env["base.partner"].create({"name": "Bob"}).id] if batch else [acme.id]
    with pytest.raises(ConflictError):
        env["base.partner"].browse(doomed).unlink()
