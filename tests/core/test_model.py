"""Records through a model: create, browse, search order, copy, archive, unlink, one2many writes."""

import datetime as dt
import decimal

import pytest

from core.errors import ConflictError
from core.errors import MissingError
from core.errors import ValidationError

pytestmark = pytest.mark.addons("orm_orders")


@pytest.fixture
def acme(env):
    return env["base.partner"].create({"name": "Acme"})


def make_order(env, partner, **vals):
    return env["orm_orders.order"].create({"name": "SO1", "partner": partner.id, **vals})


# -- create ------------------------------------------------------------------------


def test_create_fills_declared_defaults(env, acme):
    order = make_order(env, acme)
    assert (order.state, order.priority, order.active, order.urgent) == ("draft", 0, True, False)
    assert order.discount == decimal.Decimal("0")


def test_given_values_win_over_defaults(env, acme):
    order = make_order(env, acme, state="confirmed", date="2026-03-01", priority=3)
    assert (order.state, order.priority) == ("confirmed", 3)


def test_create_stamps_audit_fields_with_aware_datetimes(env, acme):
    before = dt.datetime.now(dt.UTC)
    order = make_order(env, acme)
    env.session.expire(order)
    assert order.created_at.tzinfo is not None
    assert before - dt.timedelta(seconds=1) <= order.created_at <= dt.datetime.now(dt.UTC)
    assert order.updated_at == order.created_at


def test_create_from_a_list_returns_the_records_in_order(env, acme):
    orders = env["orm_orders.order"].create(
        [{"name": "B", "partner": acme.id}, {"name": "A", "partner": acme.id}]
    )
    assert [order.name for order in orders] == ["B", "A"]
    assert all(order.id for order in orders)


def test_create_refuses_an_unknown_field(env, acme):
    with pytest.raises(ValidationError) as caught:
        make_order(env, acme, colour="red")
    assert caught.value.fields == {"colour": "Unknown field."}


# -- browse ------------------------------------------------------------------------


def test_browse_returns_records_in_the_order_of_the_ids(env, acme):
    first, second = make_order(env, acme, name="1"), make_order(env, acme, name="2")
    assert env["orm_orders.order"].browse([second.id, first.id]).ids == (second.id, first.id)
    assert env["orm_orders.order"].get(first.id) is first


def test_browsing_a_missing_id_raises_missing_error_naming_it(env, acme):
    order = make_order(env, acme)
    with pytest.raises(MissingError, match=f"Order #{order.id + 1000} does not exist"):
        env["orm_orders.order"].browse([order.id, order.id + 1000])


def test_get_of_a_deleted_record_raises_missing_error(env, acme):
    order = make_order(env, acme)
    order_id = order.id
    order.unlink()
    env.flush()
    with pytest.raises(MissingError):
        env["orm_orders.order"].get(order_id)


# -- search order, limit, offset ------------------------------------------------------


@pytest.fixture
def three_orders(env, acme):
    return env["orm_orders.order"].create(
        [
            {"name": "Beta", "partner": acme.id, "priority": 1},
            {"name": "Alpha", "partner": acme.id, "priority": 2},
            {"name": "Gamma", "partner": acme.id, "priority": 2},
        ]
    )


def names(records):
    return [record.name for record in records]


def test_search_sorts_by_the_models_default_order(env, three_orders):
    assert names(env["orm_orders.order"].search([])) == ["Alpha", "Beta", "Gamma"]


def test_search_sorts_by_several_keys_and_directions(env, three_orders):
    found = env["orm_orders.order"].search([], order="priority desc, name desc")
    assert names(found) == ["Gamma", "Alpha", "Beta"]


def test_search_pages_with_limit_and_offset(env, three_orders):
    assert names(env["orm_orders.order"].search([], limit=2)) == ["Alpha", "Beta"]
    assert names(env["orm_orders.order"].search([], limit=2, offset=2)) == ["Gamma"]


def test_empty_values_sort_last_ascending_and_first_descending(env, three_orders):
    three_orders[0].write({"note": "b"})
    three_orders[2].write({"note": "a"})
    assert names(env["orm_orders.order"].search([], order="note, id")) == ["Gamma", "Beta", "Alpha"]
    assert names(env["orm_orders.order"].search([], order="note desc, id")) == ["Alpha", "Beta", "Gamma"]


@pytest.mark.parametrize(
    "order", ["colour", "name sideways", "line_count", "name asc desc", "lines", "tags", "attributes"]
)
def test_sorting_by_an_unknown_or_unsortable_field_is_refused(env, order):
    with pytest.raises(ValidationError, match="Cannot sort orm_orders.order"):
        env["orm_orders.order"].search([], order=order)


def test_search_count_counts_in_sql(env, three_orders):
    assert env["orm_orders.order"].search_count([("priority", "=", 2)]) == 2


# -- write ---------------------------------------------------------------------------


def test_write_converts_user_values_and_flushes_with_the_next_query(env, acme):
    order = make_order(env, acme)
    order.write({"priority": "7", "date": "2026-02-28"})
    assert env["orm_orders.order"].search_count([("priority", "=", 7)]) == 1
    assert order.date == dt.date(2026, 2, 28)


def test_write_reports_every_wrong_value_at_once(env, acme):
    order = make_order(env, acme)
    with pytest.raises(ValidationError) as caught:
        order.write({"priority": "high", "date": "yesterday", "state": "lost"})
    assert set(caught.value.fields) == {"priority", "date", "state"}


def test_write_refuses_a_non_stored_computed_field(env, acme):
    order = make_order(env, acme)
    with pytest.raises(ValidationError) as caught:
        order.write({"line_count": 3})
    assert caught.value.fields == {"line_count": "This value is computed and cannot be set."}


# -- copy -------------------------------------------------------------------------------


def test_copy_duplicates_stored_values_and_tags_but_not_lines(env, acme):
    tag = env["orm_orders.tag"].create({"name": "vip"})
    order = make_order(
        env, acme, note="call first", tags=[tag.id], lines=[{"name": "Pen", "quantity": 2, "price": "1.50"}]
    )
    duplicate = order.copy({"name": "SO2"})
    assert duplicate.id != order.id
    assert (duplicate.name, duplicate.note, duplicate.partner) == ("SO2", "call first", acme)
    assert list(duplicate.tags) == [tag]
    assert list(duplicate.lines) == []
    assert len(order.lines) == 1


def test_copy_leaves_out_fields_declared_not_copyable(env, acme):
    order = make_order(env, acme, state="confirmed", date="2026-01-05", confirmed_at=dt.datetime.now(dt.UTC))
    assert order.copy().confirmed_at is None


# -- archive ------------------------------------------------------------------------------


@pytest.fixture
def archived(env, acme):
    make_order(env, acme, name="Live")
    return make_order(env, acme, name="Old", active=False)


def test_search_hides_archived_records(env, archived):
    assert names(env["orm_orders.order"].search([])) == ["Live"]
    assert env["orm_orders.order"].search_count([]) == 1


def test_a_domain_on_active_finds_archived_records(env, archived):
    assert names(env["orm_orders.order"].search([("active", "=", False)])) == ["Old"]
    assert env["orm_orders.order"].search_count([("active", "in", [True, False])]) == 2


def test_active_test_false_in_the_context_includes_archived_records(env, archived):
    env.context["active_test"] = False
    assert names(env["orm_orders.order"].search([])) == ["Live", "Old"]


def test_browse_still_returns_archived_records(env, archived):
    assert env["orm_orders.order"].get(archived.id).name == "Old"


# -- unlink -------------------------------------------------------------------------------


def test_unlink_deletes_the_record(env, acme):
    order = make_order(env, acme)
    order.unlink()
    env.flush()
    assert env["orm_orders.order"].search_count([]) == 0


def test_unlink_of_a_record_a_required_many2one_points_at_is_refused(env, acme):
    make_order(env, acme)
    acme.unlink()
    with pytest.raises(ConflictError, match=r"Acme cannot be deleted: 1 Order record\(s\) still refer to it"):
        env.flush()


def test_unlink_together_with_its_referrers_is_allowed(env, acme):
    order = make_order(env, acme)
    env["orm_orders.order"].browse([order.id]).unlink()
    env["base.partner"].browse([acme.id]).unlink()
    assert env["base.partner"].search_count([("name", "=", "Acme")]) == 0


def test_unlink_cascades_to_owned_lines(env, acme):
    order = make_order(env, acme, lines=[{"name": "Pen"}, {"name": "Ink"}])
    order.unlink()
    env.flush()
    assert env["orm_orders.order_line"].search_count([]) == 0


def test_unlink_of_an_optional_many2one_target_empties_the_reference(env, acme):
    usd = env["base.currency"].create({"code": "XTS", "name": "Test"})
    order = make_order(env, acme, currency=usd.id)
    usd.unlink()
    env.flush()
    env.session.expire(order)
    assert order.currency is None


# -- one2many writes ------------------------------------------------------------------------


@pytest.fixture
def order_with_lines(env, acme):
    return make_order(env, acme, lines=[{"name": "Pen", "price": "2"}, {"name": "Ink", "price": "3"}])


def test_one2many_write_keeps_updates_creates_and_removes_lines(env, order_with_lines):
    pen, ink = order_with_lines.lines
    order_with_lines.write({"lines": [{"id": pen.id, "price": "5"}, {"name": "Pad", "price": "1"}]})
    env.flush()
    lines = env["orm_orders.order_line"].search([], order="id")
    assert [(line.name, line.price) for line in lines] == [
        ("Pen", decimal.Decimal("5.00")),
        ("Pad", decimal.Decimal("1.00")),
    ]
    assert ink.id not in lines.ids


def test_one2many_write_of_an_empty_list_removes_every_line(env, order_with_lines):
    order_with_lines.write({"lines": []})
    env.flush()
    assert env["orm_orders.order_line"].search_count([]) == 0


def test_one2many_write_refuses_a_line_of_another_record(env, acme, order_with_lines):
    other = make_order(env, acme, name="SO2", lines=[{"name": "Cup"}])
    with pytest.raises(ValidationError, match="does not belong to this record"):
        order_with_lines.write({"lines": [{"id": other.lines[0].id, "price": "9"}]})
