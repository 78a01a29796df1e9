"""Computed fields: stored ones follow their dependencies across relations; related and on-the-fly ones."""

import decimal

import pytest

from core.testing.queries import count_queries

pytestmark = pytest.mark.addons("orm_orders")

D = decimal.Decimal


@pytest.fixture
def acme(env):
    return env["base.partner"].create({"name": "Acme", "city": "Izmir", "email": "info@acme.test"})


@pytest.fixture
def order(env, acme):
    return env["orm_orders.order"].create(
        {
            "name": "SO1",
            "partner": acme.id,
            "lines": [{"name": "Pen", "quantity": 3, "price": "2.50"}, {"name": "Ink", "price": "4"}],
        }
    )


def stored_total(env, order):
    """The total as the database has it, not as the session remembers it."""
    env.flush()
    env.session.expire_all()
    return env["orm_orders.order"].get(order.id).total


# -- stored computed: within the record and across a one2many ---------------------------------


def test_subtotal_is_computed_on_create(env, order):
    assert [line.subtotal for line in order.lines] == [D("7.50"), D("4.00")]


def test_total_is_computed_from_the_lines_on_create(env, order):
    assert order.total == D("11.50")
    assert stored_total(env, order) == D("11.50")


def test_total_follows_a_line_added_through_the_order(env, order):
    pen, ink = order.lines
    order.write({"lines": [{"id": pen.id}, {"id": ink.id}, {"name": "Pad", "quantity": 2, "price": "1"}]})
    assert stored_total(env, order) == D("13.50")


def test_total_follows_a_line_created_on_its_own(env, order):
    env["orm_orders.order_line"].create({"order": order.id, "name": "Pad", "price": "0.50"})
    assert stored_total(env, order) == D("12.00")


def test_total_follows_a_changed_line(env, order):
    order.lines[0].write({"quantity": 1})
    assert stored_total(env, order) == D("6.50")


def test_total_follows_a_deleted_line(env, order):
    order.lines[1].unlink()
    assert stored_total(env, order) == D("7.50")


def test_total_follows_a_line_deleted_while_another_is_added(env, order):
    pen, ink = order.lines
    order.write({"lines": [{"id": pen.id}, {"id": ink.id}, {"name": "Pad", "price": "1"}]})
    ink.unlink()
    assert stored_total(env, order) == D("8.50")


def test_total_follows_a_line_left_out_of_a_one2many_write(env, order):
    order.write({"lines": [{"id": order.lines[1].id}]})
    assert stored_total(env, order) == D("4.00")


def test_moving_a_line_recomputes_both_orders(env, acme, order):
    other = env["orm_orders.order"].create({"name": "SO2", "partner": acme.id})
    order.lines[0].write({"order": other.id})
    assert (stored_total(env, order), stored_total(env, other)) == (D("4.00"), D("7.50"))


def test_total_adds_the_subtotals_as_stored_not_as_multiplied(env, acme):
    lines = [{"name": "Bolt", "quantity": "1.005", "price": "1"}] * 2
    order = env["orm_orders.order"].create({"name": "SO1", "partner": acme.id, "lines": lines})
    assert [line.subtotal for line in order.lines] == [D("1.01"), D("1.01")]
    assert stored_total(env, order) == D("2.02")


def test_a_monetary_total_is_rounded_to_its_currency(env, acme):
    yen = env["base.currency"].search([("code", "=", "JPY")]).ensure_one()
    order = env["orm_orders.order"].create(
        {"name": "SO1", "partner": acme.id, "currency": yen.id, "lines": [{"name": "Tea", "price": "2.75"}]}
    )
    assert stored_total(env, order) == D("3")


def test_a_stored_computed_field_is_searchable(env, order):
    assert env["orm_orders.order"].search([("total", ">", 11)]).ids == (order.id,)


def test_recomputing_many_orders_costs_the_same_queries_as_few(env, acme):
    def queries_to_reprice(count):
        orders = env["orm_orders.order"].create(
            [
                {"name": f"SO{i}", "partner": acme.id, "lines": [{"name": "Pen", "price": "1"}]}
                for i in range(count)
            ]
        )
        lines = env["orm_orders.order_line"].search([("order", "in", list(orders.ids))])
        env.session.expire_all()
        with count_queries(env) as counter:
            lines.write({"price": "2"})
        assert [order.total for order in orders] == [D("2.00")] * count
        return counter.count

    assert queries_to_reprice(20) == queries_to_reprice(5)


# -- related fields -----------------------------------------------------------------------------


def test_a_stored_related_field_copies_the_value_on_create(env, order):
    assert order.partner_city == "Izmir"


def test_a_stored_related_field_follows_the_source(env, acme, order):
    acme.write({"city": "Ankara"})
    env.flush()
    assert env["orm_orders.order"].search_count([("partner_city", "=", "Ankara")]) == 1


def test_a_stored_related_field_follows_a_new_target(env, order):
    bob = env["base.partner"].create({"name": "Bob", "city": "Bursa"})
    order.write({"partner": bob.id})
    env.flush()
    assert env["orm_orders.order"].search_count([("partner_city", "=", "Bursa")]) == 1


def test_a_non_stored_related_field_reads_through_at_once(env, acme, order):
    assert order.partner_email == "info@acme.test"
    acme.email = "sales@acme.test"
    assert order.partner_email == "sales@acme.test"


def test_a_non_stored_related_field_has_no_column(env):
    assert "partner_email" not in env.registry.tables["orm_orders.order"].c


# -- non-stored computed ------------------------------------------------------------------------


def test_a_non_stored_computed_field_is_computed_on_each_read(env, order):
    assert order.line_count == 2
    env["orm_orders.order_line"].create({"order": order.id, "name": "Pad"})
    env.session.expire(order, ["lines"])
    assert order.line_count == 3


def test_read_includes_non_stored_computed_values(env, order):
    (row,) = env["orm_orders.order"].browse([order.id]).read(["line_count", "partner_email"])
    assert row == {"id": order.id, "line_count": 2, "partner_email": "info@acme.test"}
