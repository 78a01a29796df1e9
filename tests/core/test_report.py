"""Reports: read-only models computed by one SQL query, searched, grouped and sorted like any model."""

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Select
from sqlalchemy import inspect
from sqlalchemy import select

from core.errors import ConfigError
from core.errors import UserError
from core.loader.discovery import load
from core.orm import fields
from core.orm.registry import Registry
from core.orm.report import Report
from core.testing import as_user
from core.testing import make_user
from core.testing.queries import count_queries

pytestmark = pytest.mark.addons("orm_report")


@pytest.fixture
def orders(env):
    """Two customers: Acme's order of two lines (30 + 5) and Beta's confirmed order of one (12)."""
    acme, beta = env["base.partner"].create([{"name": "Acme"}, {"name": "Beta"}])
    env["orm_orders.order"].create(
        [
            {
                "name": "A-1",
                "partner": acme.id,
                "lines": [
                    {"name": "Bolts", "quantity": "3", "price": "10"},
                    {"name": "Nuts", "quantity": "5", "price": "1"},
                ],
            },
            {
                "name": "B-1",
                "partner": beta.id,
                "state": "confirmed",
                "date": "2026-03-02",
                "lines": [{"name": "Gears", "quantity": "2", "price": "6"}],
            },
        ]
    )
    return acme, beta


def test_rows_are_searched_through_relations_and_sorted_by_the_report_s_order(env, orders):
    acme, _ = orders
    rows = env["orm_report.line_sales"].search([])
    assert [(row.name, row.partner.name, row.amount) for row in rows] == [
        ("Bolts", "Acme", Decimal("30.00")),
        ("Gears", "Beta", Decimal("12.00")),
        ("Nuts", "Acme", Decimal("5.00")),
    ]
    mine = env["orm_report.line_sales"].search([("partner.name", "=", "Acme"), ("amount", ">", 10)])
    assert [row.name for row in mine] == ["Bolts"]
    assert {row.order.name for row in rows} == {"A-1", "B-1"}
    assert rows[0].doubled == Decimal("60.00")  # a non-stored computed field works as anywhere


def test_read_group_sums_the_query_s_rows_in_one_statement(env, orders):
    with count_queries(env) as counter:
        groups = env["orm_report.line_sales"].read_group([], ["state"], ["amount:sum"])
    assert [(g["state"], g["__count"], g["amount:sum"]) for g in groups] == [
        ("confirmed", 1, Decimal("12.00")),
        ("draft", 2, Decimal("35.00")),
    ]
    assert counter.count == 1


def test_values_of_the_moment_are_read_at_each_query(env, orders):
    assert {row.as_of for row in env["orm_report.line_sales"].search([])} == {dt.date.today()}


def test_nobody_writes_a_report_not_even_the_system(env, orders):
    row = env["orm_report.line_sales"].search([], limit=1)[0]
    for attempt in (
        lambda: env["orm_report.line_sales"].create({"name": "Forged"}),
        lambda: row.write({"amount": "1"}),
        lambda: row.unlink(),
        lambda: row.copy(),
    ):
        with pytest.raises(UserError, match="Line sales is a report: its rows follow from other records"):
            attempt()
    admin = make_user(env, "report_admin", ["base.group_system"])
    with as_user(env, admin) as admin_env:
        assert admin_env.access.allows("orm_report.line_sales", "read")
        assert not admin_env.access.allows("orm_report.line_sales", "create")
        assert not admin_env.access.allows("orm_report.line_sales", "write")


def test_a_report_has_no_table_in_the_database(db):
    tables = inspect(db.engine).get_table_names()
    assert "orm_orders_order_line" in tables and "orm_report_line_sales" not in tables


# -- refused declarations ----------------------------------------------------------------------


@dataclasses.dataclass
class FakeAddon:
    model_classes: list
    name: str = "orm_bad_report"
    path: Path = Path(__file__)
    requires: frozenset = frozenset({"base", "orm_orders"})
    hook_modules: tuple = ()
    hookspec_modules: tuple = ()


def build(db, *classes):
    return Registry([*load(["orm_orders"], dict(db.available)), FakeAddon(list(classes))])


def lines_query(registry: Registry) -> Select[Any]:
    line = registry["orm_orders.order_line"]._table
    return select(line.c.id, line.c.name)


class MissingColumn(Report, name="orm_bad_report.missing"):
    name = fields.Char()
    quantity = fields.Decimal(digits=(12, 3))
    query = classmethod(lambda cls, registry: lines_query(registry))


class StoredCompute(Report, name="orm_bad_report.stored"):
    name = fields.Char(store=True)

    @name.computed_from()
    def _compute_name(self) -> None:
        self.name = "x"

    query = classmethod(lambda cls, registry: lines_query(registry))


class Lines(Report, name="orm_bad_report.lines"):
    name = fields.Char()
    query = classmethod(lambda cls, registry: lines_query(registry))


class PointsAtReport(Report, name="orm_bad_report.holder"):
    lines = fields.One2many("orm_bad_report.lines", inverse="name")
    query = classmethod(lambda cls, registry: lines_query(registry))


@pytest.mark.parametrize(
    ("classes", "message"),
    [
        ((MissingColumn,), "the query of report orm_bad_report.missing has no column 'quantity'"),
        ((StoredCompute,), "a report stores only the plain and many2one columns of its query"),
        ((Lines, PointsAtReport), "the rows of report orm_bad_report.lines are reached by many2one only"),
    ],
)
def test_mistakes_fail_the_build_naming_the_addon(db, classes, message):
    with pytest.raises(ConfigError) as caught:
        build(db, *classes)
    assert caught.value.message.startswith("addon orm_bad_report: ")
    assert message in caught.value.message
