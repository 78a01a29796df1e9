"""``POST /api/v1/<model>/read_group``: aggregates per group, as JSON."""

from decimal import Decimal

import pytest

GROUP = "/api/v1/orm_orders.order/read_group"


@pytest.fixture(scope="module")
def grouped_orders(api_db, partner_id):
    with api_db.transaction() as env:
        other = env["base.partner"].create({"name": "Zeta Group"}).id
        for name, partner, state, deposit, date in [
            ("RG1", partner_id, "draft", "10.00", "2026-01-10"),
            ("RG2", partner_id, "confirmed", "20.50", "2026-02-10"),
            ("RG3", other, "confirmed", "5.25", "2026-02-20"),
        ]:
            env["orm_orders.order"].create(
                {
                    "name": name,
                    "partner": partner,
                    "state": state,
                    "deposit": deposit,
                    "date": date,
                    "note": "rg",
                }
            )
    return partner_id, other


def test_groups_with_counts_and_sums(admin, grouped_orders):
    response = admin.post(
        GROUP,
        {
            "domain": [["note", "=", "rg"]],
            "groupby": ["state"],
            "aggregates": ["deposit:sum", "id:count"],
            "order": "state",
        },
    )
    assert response.status_code == 200, response.json
    groups = response.json["groups"]
    assert [(g["state"], g["__count"], Decimal(g["deposit:sum"])) for g in groups] == [
        ("confirmed", 2, Decimal("25.75")),
        ("draft", 1, Decimal("10")),
    ]
    assert ["note", "=", "rg"] in groups[0]["__domain"]


def test_grouping_by_many2one_and_month_with_a_limit(admin, grouped_orders):
    partner_id, _other = grouped_orders
    response = admin.post(
        GROUP,
        {
            "domain": [["note", "=", "rg"]],
            "groupby": ["partner", "date:month"],
            "order": "partner",
            "limit": 1,
        },
    )
    assert response.status_code == 200, response.json
    [group] = response.json["groups"]
    assert group["partner"] == {"id": partner_id, "display_name": "Acme API"}
    assert group["date:month"] == "2026-01-01"


def test_the_default_aggregate_is_the_count(admin, grouped_orders):
    groups = admin.post(GROUP, {"domain": [["note", "=", "rg"]], "groupby": ["state"]}).json["groups"]
    assert sorted(g["__count"] for g in groups) == [1, 2]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"groupby": "state"}, "groupby"),
        ({"groupby": ["state"], "aggregates": "id:count"}, "aggregates"),
        ({"groupby": ["state"], "domain": "x"}, "domain"),
        ({"groupby": ["state"], "limit": 5000}, "limit"),
        ({"groupby": ["state"], "limit": "5"}, "limit"),
        ({"groupby": ["state"], "order": 3}, "order"),
        ({"groupby": ["state"], "having": []}, "having"),
    ],
)
def test_malformed_parameters_are_400_naming_them(admin, body, name):
    response = admin.post(GROUP, body)
    assert response.status_code == 400
    assert name in response.json["fields"]


@pytest.mark.parametrize(
    "body",
    [
        {"groupby": ["nope"]},
        {"groupby": ["lines"]},
        {"groupby": ["date:century"]},
        {"groupby": ["state"], "aggregates": ["name:sum"]},
        {"groupby": ["state"], "aggregates": ["deposit:median"]},
        {"groupby": ["state"], "order": "nope desc"},
    ],
)
def test_unknown_groups_and_aggregates_are_400(admin, body):
    assert admin.post(GROUP, body).status_code == 400


def test_read_group_needs_the_read_right(app, api_db):
    from api_client import ApiClient
    from api_client import make_user

    user = ApiClient(app, make_user(api_db)[1])
    assert user.post(GROUP, {"groupby": ["state"]}).status_code == 403
