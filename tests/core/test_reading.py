"""search_read returns what records' read returns, with a query count that does not grow with rows."""

import pytest

from core.errors import DomainError
from core.errors import ValidationError
from core.testing.queries import count_queries

FIELDS = ["name", "email", "is_company", "country", "parent", "contacts"]


@pytest.fixture
def companies(env):
    turkey = env.ref("base.country_tr")
    made = []
    for index in range(80):
        company = env["base.partner"].create(
            {
                "name": f"Şirket {index:02d}",
                "is_company": True,
                "country": turkey.id,
                "email": f"c{index}@ex.com",
            }
        )
        env["base.partner"].create([{"name": f"Kişi {index}-{n}", "parent": company.id} for n in range(2)])
        made.append(company)
    return made


def test_search_read_matches_reading_the_records(env, companies):
    domain = [("is_company", "=", True), ("name", "like", "Şirket")]
    rows = env["base.partner"].search_read(domain, FIELDS, order="name")
    records = env["base.partner"].search(domain, order="name")
    assert rows == records.read(FIELDS)
    assert rows[0]["country"] == {"id": companies[0].country_id, "display_name": "Türkiye"}
    assert len(rows[0]["contacts"]) == 2


def test_search_read_queries_do_not_grow_with_rows(env, companies):
    domain = [("name", "like", "Şirket")]
    with count_queries(env) as ten:
        assert len(env["base.partner"].search_read(domain, FIELDS, limit=10)) == 10
    with count_queries(env) as eighty:
        assert len(env["base.partner"].search_read(domain, FIELDS, limit=80)) == 80
    assert eighty.count == ten.count <= 4


def test_search_read_pages_and_sorts(env, companies):
    page = env["base.partner"].search_read(
        [("name", "like", "Şirket")], ["name"], order="name desc", limit=5, offset=5
    )
    assert [row["name"] for row in page] == [f"Şirket {i:02d}" for i in range(74, 69, -1)]


def test_search_read_refuses_unknown_fields_and_bad_domains(env):
    with pytest.raises(ValidationError) as error:
        env["base.partner"].search_read([], ["name", "colour"])
    assert error.value.fields == {"colour": "base.partner has no field 'colour'."}
    with pytest.raises(DomainError):
        env["base.partner"].search_read([("colour", "=", "red")], ["name"])
