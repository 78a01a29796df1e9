"""The lookup behind many2one and tag inputs: names the user may read, and quick create."""

import pytest
from form_client import JSON


@pytest.fixture(scope="module")
def tags(form_db):
    with form_db.transaction() as env:
        for index in range(12):
            env["ui_forms.tag"].create({"name": f"Lookup public {index:02d}"})
        env["ui_forms.tag"].create({"name": "Lookup private", "private": True})


def test_the_lookup_answers_at_most_eight_matches_as_json(login, tags):
    response = login("admin").get("/web/ui_forms.tag/lookup?q=lookup public", headers=JSON)
    found = response.response.json
    assert response.status == 200
    assert [tag["display_name"] for tag in found] == [f"Lookup public {i:02d}" for i in range(8)]
    assert all(set(tag) == {"id", "display_name"} for tag in found)


def test_the_lookup_obeys_a_smaller_limit_and_refuses_a_wrong_one(login, tags):
    client = login("admin")
    assert len(client.get("/web/ui_forms.tag/lookup?q=lookup&limit=3", headers=JSON).response.json) == 3
    assert len(client.get("/web/ui_forms.tag/lookup?q=lookup&limit=50", headers=JSON).response.json) == 8
    assert client.get("/web/ui_forms.tag/lookup?limit=nope", headers=JSON).status == 400
    assert client.get("/web/ui_forms.tag/lookup?limit=%C2%B2", headers=JSON).status == 400


def test_the_lookup_returns_only_records_the_users_rules_let_them_read(login, tags):
    names = [
        t["display_name"]
        for t in login("editor").get("/web/ui_forms.tag/lookup?q=private", headers=JSON).response.json
    ]
    assert names == []
    admin = [
        t["display_name"]
        for t in login("admin").get("/web/ui_forms.tag/lookup?q=private", headers=JSON).response.json
    ]
    assert admin == ["Lookup private"]


def test_the_lookup_of_a_model_the_user_may_not_read_is_403(login):
    assert login("reader").get("/web/base.access/lookup?q=a", headers=JSON).status == 403


def test_quick_create_makes_a_record_from_its_name(login, form_db):
    response = login("editor").post("/web/ui_forms.tag/lookup", {"name": "  Quick tag  "}, headers=JSON)
    assert response.status == 201
    created = response.response.json
    assert created["display_name"] == "Quick tag"
    with form_db.transaction() as env:
        assert env["ui_forms.tag"].get(created["id"]).name == "Quick tag"


def test_quick_create_is_refused_without_the_right_an_empty_name_or_a_name_field(login, form_db):
    assert login("reader").post("/web/ui_forms.tag/lookup", {"name": "Forbidden"}, headers=JSON).status == 403
    assert login("editor").post("/web/ui_forms.tag/lookup", {"name": " "}, headers=JSON).status == 400
    refused = login("admin").post("/web/base.currency_rate/lookup", {"name": "1.5"}, headers=JSON)
    assert refused.status == 400
    with form_db.transaction() as env:
        assert env["ui_forms.tag"].search_count([("name", "=", "Forbidden")]) == 0


def test_the_form_offers_quick_create_only_where_it_can_work(login, make_deal):
    editor = login("editor").get(f"/web/ui_forms.deal/{make_deal(name='Offers')}")
    assert 'data-lookup="/web/ui_forms.tag/lookup" data-create' in editor.text
    assert 'data-lookup="/web/base.currency/lookup" data-empty-label' in editor.text  # code and name needed
