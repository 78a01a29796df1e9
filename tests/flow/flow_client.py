"""A person's integration in the flow tests: JSON requests with their API key, through Werkzeug."""

from __future__ import annotations

import json
from typing import Any

from werkzeug.test import Client

API = "/api/v1"


class Caller:
    """One person's integration: a Werkzeug client sending JSON with their API key."""

    def __init__(self, client: Client, key: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}

    def request(self, method: str, path: str, body: Any = None, **query: Any) -> Any:
        response = self.client.open(
            path, method=method, json=body, query_string=query or None, headers=self.headers
        )
        assert response.status_code in (200, 201), (method, path, response.status_code, response.json)
        return response.json

    def get(self, path: str, **query: Any) -> Any:
        return self.request("GET", path, **query)

    def post(self, path: str, body: Any = None) -> Any:
        return self.request("POST", path, body)

    def call(self, model: str, record_id: int, method: str, **arguments: Any) -> Any:
        return self.post(f"{API}/{model}/{record_id}/call/{method}", arguments)["result"]

    def search(self, model: str, domain: list[Any], fields: str) -> list[dict[str, Any]]:
        return self.get(f"{API}/{model}", domain=json.dumps(domain), fields=fields)["records"]  # type: ignore[no-any-return]

    def report(self, name: str, **filters: Any) -> dict[str, Any]:
        return self.get(f"/accounting/reports/{name}/export.json", **filters)  # type: ignore[no-any-return]
