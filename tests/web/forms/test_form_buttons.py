"""Buttons of the form view: offered by stage and group, checked again on the server, saving first."""

import pytest


def test_a_button_runs_its_method_and_shows_the_record_again(login, make_deal, read_deal):
    deal_id = make_deal(name="Qualify me")
    response = login("editor").post(f"/web/ui_forms.deal/{deal_id}/call/qualify")
    assert response.status == 303
    assert response.response.headers["Location"].endswith(f"/web/ui_forms.deal/{deal_id}")
    assert read_deal(deal_id, "stage")["stage"] == "qualified"


def test_the_form_is_saved_before_the_button_runs(login, make_deal, read_deal):
    deal_id = make_deal(name="Unsaved")
    client = login("editor")
    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    data["name"] = "Saved by the button"

    assert client.post(f"/web/ui_forms.deal/{deal_id}/call/qualify", data).status == 303
    assert read_deal(deal_id, "name", "stage") == {
        "id": deal_id,
        "name": "Saved by the button",
        "stage": "qualified",
    }


def test_a_method_returning_a_record_opens_that_record(login, make_deal, form_db):
    deal_id = make_deal(name="Original")
    response = login("editor").post(f"/web/ui_forms.deal/{deal_id}/call/follow_up?action=ui_forms.deals")
    with form_db.transaction() as env:
        follow_up = env["ui_forms.deal"].search([("name", "=", "Follow-up: Original")])[0].id
    assert response.response.headers["Location"].endswith(
        f"/web/ui_forms.deal/{follow_up}?action=ui_forms.deals"
    )


def test_a_refusal_of_the_method_shows_the_form_again_and_keeps_nothing(login, make_deal, read_deal):
    deal_id = make_deal(name="No amount", stage="qualified")
    client = login("editor")
    data = client.get(f"/web/ui_forms.deal/{deal_id}").form()
    data["name"] = "Renamed, then refused"

    response = client.post(f"/web/ui_forms.deal/{deal_id}/call/mark_won", data)

    assert response.status == 400
    assert response.error_of("amount") == "A won deal needs an amount."
    assert response.form()["name"] == "Renamed, then refused"
    assert read_deal(deal_id, "name", "stage") == {"id": deal_id, "name": "No amount", "stage": "qualified"}


def test_a_button_hidden_at_this_stage_is_refused_even_when_posted_by_hand(login, make_deal, read_deal):
    deal_id = make_deal(name="Still new", amount="100")
    client = login("admin")
    assert "call/mark_won" not in client.get(f"/web/ui_forms.deal/{deal_id}").text

    response = client.post(f"/web/ui_forms.deal/{deal_id}/call/mark_won")

    assert response.status == 400
    assert "Mark won is not available at this stage." in response.text
    assert read_deal(deal_id, "stage")["stage"] == "new"


def test_a_button_for_another_group_is_neither_shown_nor_accepted(login, make_deal, read_deal):
    deal_id = make_deal(name="Lost deal", stage="lost")
    client = login("editor")
    assert "call/reopen" not in client.get(f"/web/ui_forms.deal/{deal_id}").text

    assert client.post(f"/web/ui_forms.deal/{deal_id}/call/reopen").status == 403
    assert read_deal(deal_id, "stage")["stage"] == "lost"
    assert login("admin").post(f"/web/ui_forms.deal/{deal_id}/call/reopen").status == 303


@pytest.mark.parametrize("method", ["not_a_button", "write", "_compute_total", "unlink"])
def test_methods_that_are_not_buttons_of_the_form_are_refused(login, make_deal, read_deal, method):
    deal_id = make_deal(name="Untouchable")
    response = login("admin").post(f"/web/ui_forms.deal/{deal_id}/call/{method}")
    assert response.status == 404
    assert read_deal(deal_id, "stage", "active") == {"id": deal_id, "stage": "new", "active": True}


def test_a_reader_sees_no_buttons_and_cannot_press_them(login, make_deal, read_deal):
    deal_id = make_deal(name="Read only")
    client = login("reader")
    assert "/call/" not in client.get(f"/web/ui_forms.deal/{deal_id}").text
    assert client.post(f"/web/ui_forms.deal/{deal_id}/call/qualify").status == 403
    assert read_deal(deal_id, "stage")["stage"] == "new"
