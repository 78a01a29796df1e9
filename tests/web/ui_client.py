"""A logged-in client of the generated UI, and a small HTML reader to look at its pages as a user does.

::

    client = UIClient(app, "showcase_user", PASSWORD)
    page = client.page("/web/ui_showcase.deal", q="Acme")     # a `Page`; 200 asserted
    page.rows()           # [{"Name": "Acme deal", "Customer": "Acme", ...}, ...]
    page.text(".pager-range")                                   # "1–80 of 95"
    client.post("/web/ui_showcase.deal/batch", {"operation": "archive", "ids": [3, 4]})
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from html.parser import HTMLParser

from werkzeug.test import Client

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass
class Node:
    """An element of a parsed page: tag, attributes, children, text."""

    tag: str
    attrs: dict[str, str]
    children: list = field(default_factory=list)

    def text(self) -> str:
        """The element's text, whitespace collapsed."""
        parts = [child if isinstance(child, str) else child.text() for child in self.children]
        return " ".join(" ".join(parts).split())

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def matches(self, selector: str) -> bool:
        """A tiny selector: ``tag``, ``.class``, ``#id``, ``[attr]``, ``tag.class[attr]``."""
        found = re.fullmatch(r"([\w-]*)((?:[.#][\w-]+)*)((?:\[[\w-]+\])*)", selector)
        assert found, selector
        tag, marks, attributes = found.groups()
        if tag and tag != self.tag:
            return False
        for mark in re.findall(r"[.#][\w-]+", marks):
            if mark[0] == "." and mark[1:] not in self.classes():
                return False
            if mark[0] == "#" and self.attrs.get("id") != mark[1:]:
                return False
        return all(name in self.attrs for name in re.findall(r"\[([\w-]+)\]", attributes))

    def all(self, selector: str) -> list[Node]:
        """Every descendant matching ``selector`` (a space separates ancestor and descendant)."""
        first, _, rest = selector.partition(" ")
        found: list[Node] = []
        for child in self.children:
            if isinstance(child, Node):
                if child.matches(first):
                    found.extend(child.all(rest) if rest else [child])
                found.extend(child.all(selector))
        unique: list[Node] = []
        for node in found:
            if not any(node is other for other in unique):
                unique.append(node)
        return unique

    def one(self, selector: str) -> Node:
        found = self.all(selector)
        assert len(found) == 1, f"{len(found)} elements match {selector!r}"
        return found[0]

    def first(self, selector: str) -> Node:
        return self.all(selector)[0]

    def elements(self) -> list[Node]:
        """The child elements (not the text between them)."""
        return [child for child in self.children if isinstance(child, Node)]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


class Page:
    """A page's HTML, parsed."""

    def __init__(self, html: str) -> None:
        self.html = html
        builder = TreeBuilder()
        builder.feed(html)
        self.root = builder.root

    def all(self, selector: str) -> list[Node]:
        return self.root.all(selector)

    def one(self, selector: str) -> Node:
        return self.root.one(selector)

    def first(self, selector: str) -> Node:
        return self.root.first(selector)

    def text(self, selector: str) -> str:
        return self.one(selector).text()

    def texts(self, selector: str) -> list[str]:
        return [node.text() for node in self.all(selector)]

    def rows(self) -> list[dict[str, str]]:
        """The list's rows: column label → cell text."""
        return [
            {cell.attrs["data-label"]: cell.text() for cell in row.all("td[data-label]")}
            for row in self.all("tr[data-href]")
        ]

    def column(self, label: str) -> list[str]:
        return [row[label] for row in self.rows()]

    def groups(self) -> list[tuple[str, str, list[str]]]:
        """Each group of a grouped list: its label, its count and its sums as shown."""
        return [
            (
                group.one(".group-label").text(),
                group.one("summary .count").text(),
                [total.text() for total in group.all("summary .sum")],
            )
            for group in self.all("details.group")
        ]

    def board(self) -> list[tuple[str, str, list[str]]]:
        """Each kanban column: its title, its count and its cards' titles."""
        return [
            (
                column.one("h2").text(),
                column.one(".column-head .count").text(),
                [title.text() for title in column.all(".card-title")],
            )
            for column in self.all("section.column")
        ]


class UIClient:
    """A browser-like client logged in as ``login``: HTML pages, forms with the CSRF token."""

    def __init__(self, app, login: str, password: str) -> None:
        self.client = Client(app)
        form = self.client.get("/login", headers=HTML).get_data(as_text=True)
        token = TOKEN.search(form).group(1)
        response = self.client.post(
            "/login", data={"login": login, "password": password, "csrf_token": token}
        )
        assert response.status_code == 303, response.get_data(as_text=True)
        self.token = TOKEN.search(self.client.get("/", headers=HTML).get_data(as_text=True)).group(1)

    def get(self, path: str, headers: dict | None = None, **query):
        return self.client.get(path, query_string=query or None, headers={**HTML, **(headers or {})})

    def page(self, path: str, **query) -> Page:
        """The page at ``path``, which must answer 200."""
        response = self.get(path, **query)
        assert response.status_code == 200, response.get_data(as_text=True)[-2000:]
        return Page(response.get_data(as_text=True))

    def post(self, path: str, data: dict, csrf: bool = True):
        """A form post, as the page's form sends it (with the CSRF token field)."""
        return self.client.post(
            path, data={**data, **({"csrf_token": self.token} if csrf else {})}, headers=HTML
        )

    def fetch(self, path: str, data: dict, csrf: bool = True):
        """A script's POST: form-encoded body, JSON wanted, the token in the X-CSRF-Token header."""
        headers = {"Accept": "application/json", **({"X-CSRF-Token": self.token} if csrf else {})}
        return self.client.post(path, data=data, headers=headers)
