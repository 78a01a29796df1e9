"""Input is checked by schemas generated from the models: every refusal is a 400 naming the field."""

import json

import pytest
from api_client import order_body

from core.api import schemas

ORDERS = "/api/v1/orm_orders.order"
PARTNERS = "/api/v1/base.partner"


@pytest.fixture(scope="module")
def order_id(admin, partner_id):
    return admin.post(ORDERS, order_body(partner_id, name="SO-VALID")).json["id"]


def refused(response, *names):
    assert response.status_code == 400, response.json
    body = response.json
    assert body["error"] == "ValidationError" and body["message"]
    for name in names:
        assert name in body["fields"], body
    return body["fields"]


def test_an_unknown_field_is_named(admin, partner_id):
    fields = refused(admin.post(ORDERS, order_body(partner_id, colour="red")), "colour")
    assert fields["colour"] == "Unknown field."


def test_a_value_of_the_wrong_type_is_named(admin, partner_id, order_id):
    refused(admin.post(ORDERS, order_body(partner_id, priority="high")), "priority")
    refused(admin.patch(f"{ORDERS}/{order_id}", {"priority": 1.5}), "priority")
    refused(admin.patch(f"{ORDERS}/{order_id}", {"priority": True}), "priority")
    refused(admin.patch(f"{ORDERS}/{order_id}", {"name": 12}), "name")
    refused(admin.patch(f"{ORDERS}/{order_id}", {"state": "cancelled"}), "state")
    refused(admin.patch(f"{ORDERS}/{order_id}", {"partner": "Acme"}), "partner")
    refused(admin.patch(f"{ORDERS}/{order_id}", {"tags": [1, "x"]}), "tags.1")
    refused(admin.patch(f"{ORDERS}/{order_id}", {"lines": {"name": "x"}}), "lines")
    refused(admin.patch(f"{ORDERS}/{order_id}", {"discount": "ten"}), "discount")
    refused(admin.patch(f"{ORDERS}/{order_id}", {"date": "01/03/2026"}), "date")


def test_every_wrong_value_is_reported_at_once(admin, order_id):
    refused(
        admin.patch(f"{ORDERS}/{order_id}", {"priority": "x", "weight": "y", "urgent": "maybe"}),
        "priority",
        "weight",
        "urgent",
    )


def test_a_missing_required_field_is_refused_on_create_only(admin, partner_id, order_id):
    body = order_body(partner_id)
    del body["name"]
    refused(admin.post(ORDERS, body), "name")
    refused(admin.post(ORDERS, {"name": "No partner"}), "partner")
    assert admin.patch(f"{ORDERS}/{order_id}", {"note": "partial"}).status_code == 200


def test_a_required_field_cannot_be_emptied(admin, order_id):
    refused(admin.patch(f"{ORDERS}/{order_id}", {"name": None}), "name")


def test_line_errors_name_the_line_and_its_field(admin, partner_id):
    body = order_body(partner_id)
    body["lines"] = [{"name": "Ok"}, {"quantity": "abc"}, "not a line"]
    fields = refused(admin.post(ORDERS, body), "lines.1.quantity", "lines.1.name", "lines.2")
    assert "lines.0.name" not in fields


def test_readonly_and_computed_fields_are_refused_on_write(admin, partner_id, order_id):
    for name, value in [
        ("total", "1"),
        ("line_count", 3),
        ("created_at", "2026-01-01T00:00:00+00:00"),
        ("id", 5),
    ]:
        fields = refused(admin.patch(f"{ORDERS}/{order_id}", {name: value}), name)
        assert fields[name] == "This field is read-only."
    refused(admin.post(ORDERS, order_body(partner_id, updated_by=1)), "updated_by")


def test_types_accept_iso_dates_offset_datetimes_and_decimals_as_strings_or_numbers(admin, order_id):
    response = admin.patch(
        f"{ORDERS}/{order_id}",
        {
            "date": "2026-02-28",
            "confirmed_at": "2026-02-28T10:30:00+02:00",
            "discount": 7.5,
            "deposit": "12.30",
        },
    )
    assert response.status_code == 200, response.json
    assert response.json["date"] == "2026-02-28"
    assert response.json["confirmed_at"].startswith("2026-02-28T08:30:00")
    assert response.json["discount"] == "7.50"
    refused(admin.patch(f"{ORDERS}/{order_id}", {"confirmed_at": "2026-02-28T10:30:00"}), "confirmed_at")


def test_a_many2one_is_an_id_or_the_object_a_read_returns(admin, partner_id, order_id):
    response = admin.patch(
        f"{ORDERS}/{order_id}", {"partner": {"id": partner_id, "display_name": "whatever"}}
    )
    assert response.status_code == 200
    missing = admin.patch(f"{ORDERS}/{order_id}", {"partner": 999999})
    refused(missing, "partner")


@pytest.mark.parametrize(
    "raw",
    ["{not json", "[1, 2]", '"text"', "null", "[" * 100_000, '{"name": "\\ud800"}'],
    ids=["malformed", "list", "string", "null", "deeply-nested", "lone-surrogate"],
)
def test_bodies_that_are_not_a_json_object_are_400(admin, order_id, raw):
    for response in (admin.post(PARTNERS, raw=raw), admin.patch(f"{PARTNERS}/1", raw=raw)):
        assert response.status_code == 400, raw[:20]
        assert response.json["error"] == "ValidationError"


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ({"domain": "not json"}, "domain"),
        ({"domain": '{"name": "x"}'}, "domain"),
        ({"domain": "42"}, "domain"),
        ({"limit": "-1"}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"limit": "99999999999999999999999"}, "limit"),
        ({"offset": "99999999999999999999999"}, "offset"),
        ({"count": "perhaps"}, "count"),
        ({"fields": "nope"}, "nope"),
        ({"order": "nope desc"}, "order"),
    ],
)
def test_bad_query_parameters_are_400_naming_the_parameter(admin, query, name):
    refused(admin.get(PARTNERS, **query), name)


@pytest.mark.parametrize(
    "domain",
    [
        '[["name"]]',
        '[["nope", "=", 1]]',
        '[["name", "~~", 1]]',
        '[["id", "=", 99999999999999999999999]]',
        '[["id", "in", [[1]]]]',
        '["|"]',
        "[42]",
        '[["name", "=", {"a": 1}]]',
        '[["country.name", "=", null]]',
    ],
)
def test_a_bad_domain_is_never_a_server_error(admin, domain):
    response = admin.get(PARTNERS, domain=domain)
    assert response.status_code in (200, 400), (domain, response.json)


def test_schemas_are_built_once_per_registry_and_follow_the_composed_model(api_db):
    first = schemas.schema_for(api_db.registry, "orm_orders.order", schemas.CREATE)
    assert schemas.schema_for(api_db.registry, "orm_orders.order", schemas.CREATE) is first
    # Fields of every addon that extends the model are in its schema (base adds the audit stamps).
    assert {"name", "lines", "tags", "created_at"} <= set(first.fields)


@pytest.mark.parametrize(
    "values",
    [
        {"name": "SO\u0000"},
        {"note": "\u0000"},
        {"lines": [{"name": "Desk\u0000"}]},
        {"attributes": {"key\u0000": "value"}},
    ],
    ids=["char", "text", "line", "json-key"],
)
def test_nul_characters_are_400_not_a_server_error(admin, partner_id, order_id, values):
    """PostgreSQL text cannot hold U+0000: found by tests/api/test_fuzz.py, once a 500 there."""
    for response in (
        admin.post(ORDERS, order_body(partner_id, **values)),
        admin.patch(f"{ORDERS}/{order_id}", values),
    ):
        assert response.status_code == 400, response.json
        assert response.json["error"] == "ValidationError"


@pytest.mark.parametrize("domain", ['[["name", "=", "\\u0000"]]', '[["name", "ilike", "a\\u0000"]]'])
def test_a_nul_character_in_a_domain_is_400(admin, domain):
    refused(admin.get(ORDERS, domain=domain), "domain")
    assert admin.post(f"{ORDERS}/read_group", {"domain": json.loads(domain)}).status_code == 400


@pytest.mark.parametrize(
    "domain",
    [
        '[["id", ">", 9223372036854775807]]',
        '[["id", "=", 2147483648]]',
        '[["partner", "in", [-2147483649]]]',
        '[["lines", "in", [4294967296]]]',
    ],
)
def test_an_id_beyond_32_bits_in_a_domain_is_400(admin, domain):
    """Ids are 32-bit INTEGER columns on PostgreSQL: a larger one was a 500 ("integer out of range")."""
    response = admin.get(ORDERS, domain=domain)
    assert response.status_code == 400, response.json
    assert response.json["error"] == "DomainError"
    assert admin.get(ORDERS, domain='[["id", "in", [2147483647]]]').json["records"] == []
