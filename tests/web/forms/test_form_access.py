"""What users without rights see and may post, and concurrent edits."""

import re


def test_a_reader_gets_the_values_as_text_without_save_or_inputs(login, make_deal):
    deal_id = make_deal(name="Readable", website="https://deal.example", email="buyer@deal.example")
    page = login("reader").get(f"/web/ui_forms.deal/{deal_id}")

    assert page.status == 200
    assert ">Save<" not in page.text and ">Delete<" not in page.text and ">Archive<" not in page.text
    assert set(page.form()) == {"csrf_token", "updated_at"}
    assert '<a href="mailto:buyer@deal.example">buyer@deal.example</a>' in page.text
    assert '<a href="https://deal.example" rel="noopener noreferrer">https://deal.example</a>' in page.text


def test_a_reader_posting_the_form_by_hand_is_refused_with_403(login, make_deal, read_deal):
    deal_id = make_deal(name="Not yours")
    response = login("reader").post(f"/web/ui_forms.deal/{deal_id}", {"name": "Hijacked"})
    assert response.status == 403
    assert read_deal(deal_id, "name")["name"] == "Not yours"


def test_a_reader_cannot_open_a_new_record(login):
    assert login("reader").get("/web/ui_forms.deal/new").status == 403
    assert login("reader").post("/web/ui_forms.deal/new", {"name": "Sneaky"}).status == 403


def test_delete_is_offered_only_with_the_right_to_delete(login, make_deal, read_deal):
    deal_id = make_deal(name="Keep me")
    client = login("editor")
    page = client.get(f"/web/ui_forms.deal/{deal_id}")
    assert 'form="record-form" class="primary"' in page.text  # Save ("Kaydet": the editor reads Turkish)
    assert f"/web/ui_forms.deal/{deal_id}/delete" not in page.text
    assert client.post(f"/web/ui_forms.deal/{deal_id}/delete").status == 403
    assert read_deal(deal_id, "name")["name"] == "Keep me"


def test_a_concurrent_edit_is_refused_with_409_and_an_offer_to_reload(login, make_deal, form_db, read_deal):
    deal_id = make_deal(name="Shared")
    client = login("editor")
    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    with form_db.transaction() as env:  # someone else saves in between
        env["ui_forms.deal"].get(deal_id).write({"name": "Theirs"})
    data["name"] = "Mine"

    response = client.post(f"/web/ui_forms.deal/{deal_id}", data)

    assert response.status == 409
    assert "bu kayıt başka biri tarafından değiştirildi" in response.text  # the editor reads Turkish
    assert re.search(rf'<a class="button" href="/web/ui_forms.deal/{deal_id}">[^<]+</a>', response.text)
    assert response.form()["name"] == "Mine"
    assert read_deal(deal_id, "name")["name"] == "Theirs"

    again = client.post(f"/web/ui_forms.deal/{deal_id}", response.form())  # save again: replace theirs
    assert again.status == 303
    assert read_deal(deal_id, "name")["name"] == "Mine"


def test_unknown_records_and_models_are_404(login):
    client = login("admin")
    assert client.get("/web/ui_forms.deal/999999").status == 404
    assert client.get("/web/no.such_model/1").status == 404
    assert client.get("/web/no.such_model/new").status == 404
