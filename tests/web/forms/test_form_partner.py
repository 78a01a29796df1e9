"""The partner form of the base addon: a company and its contact person, created in one post."""

import pytest


@pytest.fixture
def count_partners(form_db):
    def count(*names):
        with form_db.transaction() as env:
            return env["base.partner"].search_count([("name", "in", list(names))])

    return count


def new_company(client, name, contact_name, contact_email):
    """What a browser posts after typing a company and adding one contact line."""
    data = client.get("/web/base.partner/new").form()
    data["name"] = name
    data.setlist("is_company", ["0", "1"])
    data["contacts.0.id"] = ""
    data["contacts.0.name"] = contact_name
    data["contacts.0.function"] = "Buyer"
    data["contacts.0.email"] = contact_email
    data["contacts.0.phone"] = ""
    return data


def test_a_company_is_created_with_its_contact_person_in_one_post(login, form_db):
    client = login("admin")
    response = client.post(
        "/web/base.partner/new", new_company(client, "Acme Forms", "Jane Roe", "jane@acme.example")
    )

    assert response.status == 303
    location = response.response.headers["Location"]
    with form_db.transaction() as env:
        company = env["base.partner"].search([("name", "=", "Acme Forms")])[0]
        assert location.endswith(f"/web/base.partner/{company.id}")
        assert company.is_company
        assert [(c.name, c.function, c.email) for c in company.contacts] == [
            ("Jane Roe", "Buyer", "jane@acme.example")
        ]
    shown = client.get(location)
    assert shown.form()["contacts.0.name"] == "Jane Roe"


def test_a_refused_value_returns_400_with_the_message_beside_it_and_writes_nothing(login, count_partners):
    client = login("admin")
    data = new_company(client, "Refused Co", "John Refused", "jane@acme.example")
    data["email"] = "not-an-email"

    response = client.post("/web/base.partner/new", data)

    assert response.status == 400
    assert response.error_of("email") == "'not-an-email' is not an email address."
    assert 'aria-invalid="true" aria-describedby="e-email"' in response.text
    assert count_partners("Refused Co", "John Refused") == 0
    kept = response.form()
    assert kept["name"] == "Refused Co"
    assert kept["email"] == "not-an-email"
    assert kept["contacts.0.name"] == "John Refused"


def test_a_missing_required_value_is_shown_beside_the_field_and_in_the_summary(login, count_partners):
    client = login("admin")
    data = new_company(client, "", "Lonely Contact", "lonely@example.com")

    response = client.post("/web/base.partner/new", data)

    assert response.status == 400
    assert response.error_of("name") == "This field is required."
    assert "<strong>Name</strong>: This field is required." in response.text
    assert count_partners("Lonely Contact") == 0


def test_a_contact_line_without_a_name_is_refused_on_its_cell(login, count_partners):
    client = login("admin")
    data = new_company(client, "Nameless Contact Co", "", "someone@example.com")

    response = client.post("/web/base.partner/new", data)

    assert response.status == 400
    assert response.error_of("contacts.0.name") == "This field is required."
    assert count_partners("Nameless Contact Co") == 0


def test_a_contact_opened_from_its_company_starts_with_the_company_filled_in(login, form_db):
    with form_db.transaction() as env:
        company_id = env["base.partner"].create({"name": "Parent Prefill", "is_company": True}).id
    client = login("admin")

    data = client.get(f"/web/base.partner/new?default_parent={company_id}").form()

    assert (data["parent"], data["parent__label"]) == (str(company_id), "Parent Prefill")


def test_deleting_a_partner_that_a_user_needs_is_refused_with_409_on_the_form(login, form_db, users):
    with form_db.transaction() as env:
        partner = env["base.user"].search([("login", "=", users["reader"])])[0].partner
        partner_id, name = partner.id, partner.name
    client = login("admin")

    response = client.post(f"/web/base.partner/{partner_id}/delete")

    assert response.status == 409
    assert "cannot be deleted" in response.text
    assert response.form()["name"] == name
    with form_db.transaction() as env:
        assert env["base.partner"].search_count([("id", "=", partner_id)]) == 1
