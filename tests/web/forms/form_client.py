"""A logged-in HTTP client that reads a page's form the way a browser submits it.

::

    client = FormClient(app, "editor", PASSWORD)
    page = client.get("/web/ui_forms.deal/7")
    data = page.form()                   # the inputs of the record form, as posted
    data["name"] = "Renamed"
    response = client.post("/web/ui_forms.deal/7", data)
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict
from werkzeug.test import Client

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
JSON = {"Accept": "application/json"}
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class FormParser(HTMLParser):
    """The inputs of the form ``form_id`` (outside ``<template>``), in document order."""

    def __init__(self, form_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.template = 0
        self.data: MultiDict = MultiDict()
        self.select: str | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("id") == self.form_id:
            self.inside = True
        if tag == "template":
            self.template += 1
        if not self.inside or self.template or "name" not in attributes:
            if tag == "option" and self.select is not None:
                self.options.append((attributes.get("value", ""), "selected" in attributes))
            return
        name = attributes["name"]
        if tag == "input":
            kind = attributes.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            if kind not in ("submit", "button"):
                self.data.add(name, attributes.get("value", ""))
        elif tag == "select":
            self.select, self.options = name, []
        elif tag == "textarea":
            self.textarea, self.text = name, ""

    def handle_endtag(self, tag):
        if tag == "template":
            self.template -= 1
        elif tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.options if selected] or [
                v for v, _ in self.options[:1]
            ]
            self.data.add(self.select, chosen[0] if chosen else "")
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.data.add(self.textarea, self.text.removeprefix("\n"))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.text += data


class Page:
    """A response, with its text and the forms in it."""

    def __init__(self, response):
        self.response = response
        self.status = response.status_code
        self.text = response.get_data(as_text=True)

    def form(self, form_id: str = "record-form") -> MultiDict:
        parser = FormParser(form_id)
        parser.feed(self.text)
        return parser.data

    def error_of(self, key: str) -> str | None:
        """The message shown next to the input ``key``."""
        found = re.search(rf'<p class="field-error" id="e-{re.escape(key)}">([^<]*)</p>', self.text)
        return html.unescape(found.group(1)) if found else None


class FormClient:
    """A client logged in as ``login``; posts carry the session's CSRF token."""

    def __init__(self, app, login: str, password: str) -> None:
        self.client = Client(app)
        token = TOKEN.search(self.client.get("/login", headers=HTML).get_data(as_text=True)).group(1)
        response = self.client.post(
            "/login", data={"login": login, "password": password, "csrf_token": token}
        )
        assert response.status_code == 303, response.get_data(as_text=True)
        self.token = TOKEN.search(self.client.get("/", headers=HTML).get_data(as_text=True)).group(1)

    def get(self, url: str, headers=HTML) -> Page:
        return Page(self.client.get(url, headers=headers))

    def post(self, url: str, data=None, headers=HTML) -> Page:
        data = MultiDict(data or {})
        data.setlist("csrf_token", [self.token])
        return Page(self.client.post(url, data=data, headers=headers))
