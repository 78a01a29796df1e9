"""Opening a form costs the same number of queries whatever the number of its lines."""

import pytest

from core.testing.queries import count_queries


def queries_to_open(client, form_db, lines):
    with form_db.transaction() as env:
        partner = env["base.partner"].create({"name": "Supplier"})
        tags = [env["ui_forms.tag"].create({"name": f"Tag {i}"}).id for i in range(3)]
        deal = env["ui_forms.deal"].create(
            {
                "name": f"{lines} lines",
                "partner": partner.id,
                "tags": tags,
                "lines": [{"name": f"Line {i}", "partner": partner.id, "price": i} for i in range(lines)],
            }
        )
        deal_id = deal.id
    with count_queries(form_db.engine) as counter:
        page = client.get(f"/web/ui_forms.deal/{deal_id}")
    assert page.status == 200
    assert page.text.count("Line 1<") + page.text.count('value="Line 1"') == 1
    return counter.count


@pytest.mark.parametrize("role", ["admin", "reader"])
def test_a_form_with_50_lines_runs_as_many_queries_as_one_with_5(login, form_db, role):
    client = login(role)
    client.get("/")  # warm up what is loaded once per process
    many, few = queries_to_open(client, form_db, 50), queries_to_open(client, form_db, 5)
    assert many == few, (many, few)
    assert few < 40
