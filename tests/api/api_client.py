"""Helpers of the JSON API tests: users, a logged-in JSON client, request bodies."""

import json
import re
from itertools import count

from werkzeug.test import Client

PASSWORD = "correct horse battery"
HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
_logins = count()


def make_user(db, groups=("base.group_user",)):
    """A user of ``groups``, with its login."""
    login = f"api{next(_logins)}"
    with db.transaction() as env:
        company = env.ref("base.main_company")
        user = env["base.user"].create(
            {
                "login": login,
                "name": f"User {login}",
                "company": company.id,
                "companies": [company.id],
                "groups": [env.ref(group).id for group in groups],
            }
        )
        user.set_password(PASSWORD)
        env.flush()
        return user.id, login


class ApiClient:
    """A Werkzeug test client logged in with a session cookie, sending JSON and the CSRF token."""

    def __init__(self, app, login=None):
        self.client = Client(app)
        self.token = ""
        self.login = login
        if login is not None:
            self.log_in(login)

    def log_in(self, login):
        form = self.client.get("/login", headers=HTML).get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        response = self.client.post(
            "/login", data={"login": login, "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 303, response.get_data(as_text=True)
        home = self.client.get("/", headers=HTML).get_data(as_text=True)
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', home).group(1)

    def open(self, method, path, body=None, *, raw=None, csrf=True, query=None, headers=None):
        sent = {"Accept": "application/json", **(headers or {})}
        if csrf and self.token:
            sent["X-CSRF-Token"] = self.token
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        return self.client.open(
            path, method=method, data=data, query_string=query, headers=sent, content_type="application/json"
        )

    def get(self, path, **query):
        return self.open("GET", path, query=query)

    def post(self, path, body=None, **options):
        return self.open("POST", path, body, **options)

    def patch(self, path, body=None, **options):
        return self.open("PATCH", path, body, **options)

    def delete(self, path, **options):
        return self.open("DELETE", path, **options)


def order_body(partner_id, **values):
    """The JSON of a new order with two lines."""
    return {
        "name": "SO-API",
        "partner": partner_id,
        "lines": [
            {"name": "Desk", "quantity": "2", "price": "150.00"},
            {"name": "Chair", "quantity": 4, "price": 25.5},
        ],
        **values,
    }
