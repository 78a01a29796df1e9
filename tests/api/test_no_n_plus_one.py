"""Listing costs the same number of queries for 10 records as for 80: no query per record."""

import pytest

from core.testing.queries import count_queries

ORDERS = "/api/v1/orm_orders.order"


@pytest.fixture(scope="module")
def many_orders(api_db, partner_id):
    with api_db.transaction() as env:
        tags = env["orm_orders.tag"].create([{"name": f"n1-{i}"} for i in range(3)])
        env["orm_orders.order"].create(
            [
                {
                    "name": f"N1-{i:03}",
                    "partner": partner_id,
                    "note": "n+1",
                    "tags": [tag.id for tag in tags],
                    "lines": [{"name": "A", "price": "1"}, {"name": "B", "price": "2"}],
                }
                for i in range(80)
            ]
        )


def queries_for(admin, api_db, limit, fields):
    with count_queries(api_db.engine) as counter:
        response = admin.get(
            ORDERS, domain='[["note", "=", "n+1"]]', limit=str(limit), fields=fields, count="true"
        )
    assert response.status_code == 200
    assert len(response.json["records"]) == limit
    return counter.count


@pytest.mark.parametrize(
    "fields",
    ["name,partner,tags,lines,total,state", "name,line_count,partner_email", ""],
    ids=["stored", "computed", "all"],
)
def test_listing_80_orders_costs_no_more_queries_than_10(admin, api_db, many_orders, fields):
    assert queries_for(admin, api_db, 80, fields) == queries_for(admin, api_db, 10, fields)
