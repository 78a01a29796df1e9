"""Buttons that ask for arguments: crm's "Mark as lost" asks for the reason and a note in a dialog.

The dialog is part of the record form: answering it posts the form's changes
with the answers to the button's ``/call/`` URL, checked and run like any
button, in one transaction.
"""

import pytest
from form_client import FormClient

from core.testing import make_user
from core.web import create_app

PASSWORD = "dialog-tests-password"
LOST = "action_lost"


@pytest.fixture(scope="module")
def crm_db(tessera_databases):
    with tessera_databases.installed("dialogs", ["base", "crm"]) as db:
        yield db


@pytest.fixture(scope="module")
def crm_app(crm_db):
    return create_app(crm_db, secret_key="d" * 40)


@pytest.fixture(scope="module")
def sellers(crm_db):
    """Two salespeople: ``selin`` works the leads of these tests, ``omer`` is her colleague."""
    with crm_db.transaction() as env:
        return {
            login: make_user(env, f"dialog_{login}", ["crm.group_user"], password=PASSWORD).id
            for login in ("selin", "omer")
        }


@pytest.fixture
def selin(crm_app, sellers):
    return FormClient(crm_app, "dialog_selin", PASSWORD)


@pytest.fixture
def make_lead(crm_db, sellers):
    """``make_lead(**vals)``: a committed open opportunity of Selin's (unless given another user); its id."""

    def make(**vals):
        with crm_db.transaction() as env:
            values = {"name": "Compressor renewal", "type": "opportunity", "user": sellers["selin"], **vals}
            return env["crm.lead"].create([values])[0].id

    return make


@pytest.fixture
def read_lead(crm_db):
    """``read_lead(id)``: the lead as the system sees it (archived or not), with its notes."""

    def read(lead_id):
        with crm_db.transaction() as env:
            lead = env["crm.lead"].search([("id", "=", lead_id), ("active", "in", [True, False])])[0]
            notes = [entry["body"] for entry in lead.history() if entry["kind"] == "note"]
            reason = lead.lost_reason.name if lead.lost_reason is not None else None
            return {"name": lead.name, "state": lead.state, "reason": reason, "notes": notes}

    return read


@pytest.fixture
def reason(crm_db):
    """The id of the lost reason "Too expensive"."""
    with crm_db.transaction() as env:
        return env.ref("crm.lost_reason_price").id


def answered(form, reason_id="", note="", label=None):
    """The form's data with the dialog answered: the chosen reason as the picker posts it, the note."""
    form[f"{LOST}.reason_id"] = str(reason_id)
    form[f"{LOST}.reason_id__label"] = label if label is not None else ("Too expensive" if reason_id else "")
    form[f"{LOST}.reason_id__shown"] = form[f"{LOST}.reason_id__label"]
    form[f"{LOST}.note"] = note
    form[LOST] = "1"
    return form


def test_the_lost_button_opens_a_dialog_asking_for_the_reason_and_a_note(selin, make_lead):
    page = selin.get(f"/web/crm.lead/{make_lead()}")

    assert 'data-dialog="dialog-action_lost"' in page.text
    assert '<dialog id="dialog-action_lost"' in page.text
    assert "data-form-dialog open>" not in page.text  # closed until the button is pressed
    assert 'data-lookup="/web/crm.lost_reason/lookup"' in page.text
    form = page.form()
    assert {f"{LOST}.reason_id", f"{LOST}.reason_id__label", f"{LOST}.note"} <= set(form)
    assert LOST not in form  # posted only by the dialog's own button


def test_answering_the_dialog_marks_the_lead_lost_with_its_reason_and_note(
    selin, make_lead, read_lead, reason
):
    lead_id = make_lead()
    form = selin.get(f"/web/crm.lead/{lead_id}").form()
    form["name"] = "Compressor renewal (lost)"

    response = selin.post(
        f"/web/crm.lead/{lead_id}/call/{LOST}", answered(form, reason, "Went with a rival.")
    )

    assert response.status == 303
    assert read_lead(lead_id) == {
        "name": "Compressor renewal (lost)",
        "state": "lost",
        "reason": "Too expensive",
        "notes": ["Went with a rival."],
    }


def test_without_script_the_header_button_shows_the_dialog_and_changes_nothing(selin, make_lead, read_lead):
    lead_id = make_lead()
    form = selin.get(f"/web/crm.lead/{lead_id}").form()
    form["name"] = "Typed, not saved yet"

    response = selin.post(f"/web/crm.lead/{lead_id}/call/{LOST}", form)

    assert response.status == 200
    assert "data-form-dialog open>" in response.text
    assert response.form()["name"] == "Typed, not saved yet"
    assert read_lead(lead_id)["state"] == "open"
    assert read_lead(lead_id)["name"] == "Compressor renewal"


@pytest.mark.parametrize(
    ("reason_id", "label", "message"),
    [
        ("", "", "This field is required."),
        ("", "Because of the weather", "Nothing named “Because of the weather” was found."),
        ("999999", "Too expensive", "No crm.lost_reason record with id 999999."),
    ],
    ids=["missing", "unknown name", "unknown id"],
)
def test_a_wrong_reason_is_refused_next_to_it_in_the_open_dialog(
    selin, make_lead, read_lead, reason_id, label, message
):
    lead_id = make_lead()
    form = selin.get(f"/web/crm.lead/{lead_id}").form()
    form["name"] = "Renamed, then refused"

    response = selin.post(f"/web/crm.lead/{lead_id}/call/{LOST}", answered(form, reason_id, label=label))

    assert response.status == 400
    assert response.error_of(f"{LOST}.reason_id") == message
    assert "data-form-dialog open>" in response.text
    assert response.form()["name"] == "Renamed, then refused"
    assert read_lead(lead_id) == {"name": "Compressor renewal", "state": "open", "reason": None, "notes": []}


def test_the_server_checks_the_stage_again(selin, make_lead, read_lead, reason):
    lead_id = make_lead()
    form = selin.get(f"/web/crm.lead/{lead_id}").form()
    assert selin.post(f"/web/crm.lead/{lead_id}/call/{LOST}", answered(form, reason)).status == 303

    again = selin.post(f"/web/crm.lead/{lead_id}/call/{LOST}", answered(form, reason, "Twice?"))

    assert again.status == 400
    assert "Mark as lost is not available at this stage." in again.text
    assert read_lead(lead_id)["notes"] == []


def test_a_colleague_s_lead_cannot_be_marked_lost(selin, make_lead, read_lead, reason, sellers):
    lead_id = make_lead(user=sellers["omer"])
    response = selin.post(f"/web/crm.lead/{lead_id}/call/{LOST}", answered({}, reason))
    assert response.status == 404
    assert read_lead(lead_id)["state"] == "open"


def test_an_answer_without_the_csrf_token_is_refused(selin, make_lead, read_lead, reason):
    lead_id = make_lead()
    form = answered(selin.get(f"/web/crm.lead/{lead_id}").form(), reason)
    del form["csrf_token"]
    response = selin.client.post(f"/web/crm.lead/{lead_id}/call/{LOST}", data=form)
    assert response.status_code == 403
    assert read_lead(lead_id)["state"] == "open"
