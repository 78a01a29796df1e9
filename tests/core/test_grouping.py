"""read_group: groups, periods, aggregates and drill-down domains, computed in SQL.

The data (active sales only; s6 is archived), with hand-computed groups below:

    sale  partner  date        weekday  confirmed_at (UTC)  state  amount   qty  urgent
    s1    Acme     2026-01-15  Thu      2026-01-15 10:00    done   100.10   1    yes
    s2    Acme     2026-02-03  Tue      2026-01-31 23:30    done   200.20   2    no
    s3    Beta     2026-02-08  Sun      2026-02-04 09:00    draft   50.05   3    no
    s4    Beta     2026-04-01  Wed      2026-04-01 12:00    done     0.10   4    no
    s5    -        2025-12-29  Mon      -                   draft    0.20   -    no
    s6    Acme     2026-02-08  Sun      -                   done  1000.00  10    no  (archived)
"""

import datetime as dt
from decimal import Decimal

import pytest

from core.errors import DomainError
from core.testing.queries import count_queries

pytestmark = pytest.mark.addons("grouping_sales")


@pytest.fixture
def sales(env):
    acme = env["base.partner"].create({"name": "Acme"})
    beta = env["base.partner"].create({"name": "Beta"})
    rows = [
        ("s1", acme, "2026-01-15", "2026-01-15T10:00:00+00:00", "done", "100.10", 1, True),
        ("s2", acme, "2026-02-03", "2026-02-01T00:30:00+01:00", "done", "200.20", 2, False),
        ("s3", beta, "2026-02-08", "2026-02-04T09:00:00+00:00", "draft", "50.05", 3, False),
        ("s4", beta, "2026-04-01", "2026-04-01T12:00:00+00:00", "done", "0.10", 4, False),
        ("s5", None, "2025-12-29", None, "draft", "0.20", None, False),
    ]
    env["grouping_sales.sale"].create(
        [
            {
                "name": name,
                "partner": partner.id if partner else None,
                "date": date,
                "confirmed_at": confirmed,
                "state": state,
                "amount": amount,
                "quantity": quantity,
                "urgent": urgent,
            }
            for name, partner, date, confirmed, state, amount, quantity, urgent in rows
        ]
    )
    env["grouping_sales.sale"].create(
        {"name": "s6", "partner": acme.id, "date": "2026-02-08", "amount": "1000", "active": False}
    )
    return {"acme": acme, "beta": beta}


def group(env, groupby, aggregates=("amount:sum",), domain=(), **options):
    return env["grouping_sales.sale"].read_group(domain, groupby, aggregates, **options)


def table(groups, *keys):
    """The groups as tuples of the given keys, for compact comparisons."""
    return [tuple(g[key] for key in keys) for g in groups]


def test_counts_and_sums_by_partner_with_names(env, sales):
    acme, beta = sales["acme"], sales["beta"]
    groups = group(env, ["partner"])
    assert table(groups, "partner", "__count", "amount:sum") == [
        ({"id": acme.id, "display_name": "Acme"}, 2, Decimal("300.30")),
        ({"id": beta.id, "display_name": "Beta"}, 2, Decimal("50.15")),
        (None, 1, Decimal("0.20")),
    ]


def test_partner_names_come_from_one_extra_query(env, sales):
    with count_queries(env) as counter:
        group(env, ["partner", "state"])
    assert counter.count == 2
    with count_queries(env) as counter:
        group(env, ["date:month", "state"])
    assert counter.count == 1


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("date:day", [
            ("2025-12-29", 1, "0.20"), ("2026-01-15", 1, "100.10"), ("2026-02-03", 1, "200.20"),
            ("2026-02-08", 1, "50.05"), ("2026-04-01", 1, "0.10"),
        ]),
        ("date:week", [
            ("2025-12-29", 1, "0.20"), ("2026-01-12", 1, "100.10"), ("2026-02-02", 2, "250.25"),
            ("2026-03-30", 1, "0.10"),
        ]),
        ("date:month", [
            ("2025-12-01", 1, "0.20"), ("2026-01-01", 1, "100.10"), ("2026-02-01", 2, "250.25"),
            ("2026-04-01", 1, "0.10"),
        ]),
        ("date", [
            ("2025-12-01", 1, "0.20"), ("2026-01-01", 1, "100.10"), ("2026-02-01", 2, "250.25"),
            ("2026-04-01", 1, "0.10"),
        ]),
        ("date:quarter", [("2025-10-01", 1, "0.20"), ("2026-01-01", 3, "350.35"), ("2026-04-01", 1, "0.10")]),
        ("date:year", [("2025-01-01", 1, "0.20"), ("2026-01-01", 4, "350.45")]),
    ],
)  # fmt: skip
def test_groups_dates_by_period(env, sales, spec, expected):
    groups = group(env, [spec])
    assert table(groups, spec, "__count", "amount:sum") == [
        (start, count, Decimal(total)) for start, count, total in expected
    ]


def test_datetimes_are_cut_into_periods_in_utc(env, sales):
    # s2 was confirmed on 1 February at 00:30 in UTC+1, which is still January in UTC.
    groups = group(env, ["confirmed_at:month"], ["id:count"])
    assert table(groups, "confirmed_at:month", "id:count") == [
        ("2026-01-01", 2),
        ("2026-02-01", 1),
        ("2026-04-01", 1),
        (None, 1),
    ]
    days = group(env, ["confirmed_at:day"], [], domain=[("partner", "=", sales["acme"].id)])
    assert table(days, "confirmed_at:day") == [("2026-01-15",), ("2026-01-31",)]


def test_groups_by_two_keys(env, sales):
    acme, beta = sales["acme"].id, sales["beta"].id
    groups = group(env, ["partner", "state"])
    rows = [(g["partner"] and g["partner"]["id"], g["state"], g["__count"], g["amount:sum"]) for g in groups]
    assert rows == [
        (acme, "done", 2, Decimal("300.30")),
        (beta, "done", 1, Decimal("0.10")),
        (beta, "draft", 1, Decimal("50.05")),
        (None, "draft", 1, Decimal("0.20")),
    ]


def test_groups_by_boolean(env, sales):
    assert table(group(env, ["urgent"]), "urgent", "__count") == [(False, 4), (True, 1)]


def test_domain_filters_before_grouping(env, sales):
    groups = group(env, ["partner"], domain=[("state", "=", "done")])
    assert [(g["partner"]["display_name"], g["__count"], g["amount:sum"]) for g in groups] == [
        ("Acme", 2, Decimal("300.30")),
        ("Beta", 1, Decimal("0.10")),
    ]


def test_archived_records_are_left_out_unless_the_domain_asks(env, sales):
    everything = group(env, [], domain=[("active", "in", [True, False])])
    assert table(everything, "__count", "amount:sum") == [(6, Decimal("1350.65"))]
    assert table(group(env, []), "__count", "amount:sum") == [(5, Decimal("350.65"))]


def test_aggregate_functions(env, sales):
    aggregates = [
        "amount:avg", "amount:min", "amount:max", "quantity:sum", "quantity:avg",
        "date:min", "date:max", "confirmed_at:max", "partner:count", "partner:count_distinct", "id:count",
    ]  # fmt: skip
    (totals,) = group(env, [], aggregates)
    assert totals["amount:avg"] == Decimal("70.13")
    assert totals["amount:min"] == Decimal("0.10")
    assert totals["amount:max"] == Decimal("200.20")
    assert totals["quantity:sum"] == 10
    assert totals["quantity:avg"] == pytest.approx(2.5)
    assert totals["date:min"] == dt.date(2025, 12, 29)
    assert totals["date:max"] == dt.date(2026, 4, 1)
    assert totals["confirmed_at:max"] == dt.datetime(2026, 4, 1, 12, tzinfo=dt.UTC)
    assert (totals["partner:count"], totals["partner:count_distinct"], totals["id:count"]) == (4, 2, 5)


def test_order_by_aggregate_and_limit(env, sales):
    by_total = group(env, ["partner"], order="amount:sum desc")
    assert [g["amount:sum"] for g in by_total] == [Decimal("300.30"), Decimal("50.15"), Decimal("0.20")]
    top_months = group(env, ["date:month"], order="amount:sum desc", limit=2)
    assert table(top_months, "date:month", "amount:sum") == [
        ("2026-02-01", Decimal("250.25")),
        ("2026-01-01", Decimal("100.10")),
    ]
    by_count = group(env, ["state"], [], order="__count desc")
    assert table(by_count, "state", "__count") == [("done", 3), ("draft", 2)]


def test_empty_result(env, sales):
    assert group(env, ["partner"], domain=[("name", "=", "nothing")]) == []
    (totals,) = group(env, [], ["amount:sum", "id:count"], domain=[("name", "=", "nothing")])
    assert (totals["__count"], totals["amount:sum"], totals["id:count"]) == (0, None, 0)


@pytest.mark.parametrize("spec", ["partner", "state", "date:week", "date:quarter", "confirmed_at:month"])
def test_each_group_domain_selects_exactly_its_records(env, sales, spec):
    base_domain = [("quantity", "!=", 2)]
    groups = group(env, [spec], ["amount:sum"], domain=base_domain)
    assert groups
    for item in groups:
        assert item["__domain"][: len(base_domain)] == base_domain
        assert env["grouping_sales.sale"].search_count(item["__domain"]) == item["__count"]


def test_group_domain_reads_like_a_search(env, sales):
    acme = sales["acme"].id
    (first, *_) = group(env, ["partner", "date:month"], domain=[("state", "=", "done")])
    assert first["__domain"] == [
        ("state", "=", "done"),
        ("partner", "=", acme),
        ("date", ">=", "2026-01-01"),
        ("date", "<", "2026-02-01"),
    ]


@pytest.mark.parametrize(
    ("groupby", "aggregates", "order", "named"),
    [
        (["nope"], [], None, "'nope'"),
        (["reference"], [], None, "reference"),
        (["lines"], [], None, "lines"),
        (["amount"], [], None, "'amount'"),
        (["date:hour"], [], None, "'hour'"),
        (["state:month"], [], None, "'state:month'"),
        ([], ["amount:median"], None, "'median'"),
        ([], ["name:sum"], None, "'name'"),
        ([], ["amount"], None, "'amount'"),
        ([], ["nope:count"], None, "'nope'"),
        (["state"], ["amount:sum"], "amount:avg desc", "'amount:avg desc'"),
        (["state"], [], "state upwards", "'state upwards'"),
        (["state", "state"], [], None, "'state'"),
    ],
)
def test_refuses_what_it_cannot_group_or_aggregate(env, groupby, aggregates, order, named):
    with pytest.raises(DomainError) as raised:
        group(env, groupby, aggregates, order=order)
    assert named in str(raised.value)
