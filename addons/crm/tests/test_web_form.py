"""The public contact form, over real HTTP: a visitor's submission becomes a lead."""

import re

import pytest
from werkzeug.test import Client

from core.web import create_app

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def web_db(tessera_databases):
    with tessera_databases.installed("crm_web", ["crm"]) as db:
        yield db


@pytest.fixture(scope="module")
def app(web_db):
    return create_app(web_db, secret_key="w" * 32)


@pytest.fixture
def client(app):
    return Client(app)


def token_of(response):
    return re.search(r'name="csrf_token" value="([^"]+)"', response.get_data(as_text=True)).group(1)


def leads_named(db, name):
    with db.transaction() as env:
        return [
            (lead.contact_name, lead.email, lead.source.name if lead.source else None, lead.medium)
            for lead in env["crm.lead"].search([("contact_name", "=", name)])
        ]


def submission(token, name, **values):
    return {"csrf_token": token, "contact_name": name, "partner_name": "Marmara Gıda", **values}


def test_anyone_can_open_the_form(client):
    response = client.get("/crm/contact", headers=HTML)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'name="contact_name"' in page and token_of(response)


def test_a_submission_creates_a_lead_from_the_website(client, web_db):
    token = token_of(client.get("/crm/contact", headers=HTML))
    response = client.post(
        "/crm/contact",
        data=submission(token, "Gizem Aksoy", email="gizem@marmaragida.example", description="Soğuk zincir"),
    )
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/crm/contact?sent=1")
    assert leads_named(web_db, "Gizem Aksoy") == [
        ("Gizem Aksoy", "gizem@marmaragida.example", "Website", "web_form")
    ]
    thanks = client.get(response.headers["Location"], headers=HTML)
    assert "Thank you" in thanks.get_data(as_text=True)


def test_a_post_without_the_page_s_token_is_refused(client, web_db):
    response = client.post("/crm/contact", data={"contact_name": "Forged", "email": "x@forged.example"})
    assert response.status_code == 403
    assert leads_named(web_db, "Forged") == []


def test_wrong_input_shows_the_form_again_with_the_errors(client, web_db):
    token = token_of(client.get("/crm/contact", headers=HTML))
    response = client.post(
        "/crm/contact", data=submission(token, "Hasty", email="not-an-address"), headers=HTML
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This is not an email address." in page and 'value="Hasty"' in page
    assert leads_named(web_db, "Hasty") == []


def test_what_bots_fill_in_the_hidden_field_is_dropped(client, web_db):
    token = token_of(client.get("/crm/contact", headers=HTML))
    response = client.post(
        "/crm/contact", data=submission(token, "Bot", email="bot@spam.example", website="http://spam.example")
    )
    assert response.status_code == 303
    assert leads_named(web_db, "Bot") == []


def test_the_form_speaks_the_visitor_s_language(client):
    page = client.get("/crm/contact?lang=tr", headers=HTML).get_data(as_text=True)
    assert 'lang="tr"' in page and "Bize ulaşın" in page
    persian = client.get("/crm/contact", headers={**HTML, "Accept-Language": "fa-IR,fa;q=0.9"})
    assert 'dir="rtl"' in persian.get_data(as_text=True)
