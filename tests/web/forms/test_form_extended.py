"""The deal form as a second addon extends it: a new page and button, a moved field, a hidden one."""

import re

import pytest


@pytest.fixture(scope="module")
def form_db(tessera_databases):
    with tessera_databases.installed("forms_extended", ["base", "ui_forms_extra"]) as db:
        yield db


def test_the_extended_form_shows_the_added_page_and_button_and_the_moved_field(login, make_deal):
    deal_id = make_deal(name="Extended")
    page = login("admin").get(f"/web/ui_forms.deal/{deal_id}")

    assert re.findall(r'data-tab="page-(\w+)"', page.text) == ["lines", "tags", "notes", "competition"]
    assert '<label for="f-competitor">Competitor</label>' in page.text
    assert "/call/escalate" in page.text
    inputs = list(page.form())
    assert inputs.index("website") == inputs.index("name") + 1  # moved after the name
    assert "pin" not in inputs and "PIN" not in page.text


def test_the_added_button_and_field_work_and_the_hidden_field_is_not_accepted(login, make_deal, read_deal):
    deal_id = make_deal(name="Escalation", pin="1111")
    client = login("editor")
    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    data["competitor"] = "Rival Inc"
    data["pin"] = "2222"

    assert client.post(f"/web/ui_forms.deal/{deal_id}/call/escalate", data).status == 303
    assert read_deal(deal_id, "competitor", "escalated", "priority", "pin") == {
        "id": deal_id,
        "competitor": "Rival Inc",
        "escalated": True,
        "priority": "1",
        "pin": "1111",
    }
