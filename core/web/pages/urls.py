"""The URLs of the generated UI, built in one place so pages and templates agree on them.

::

    record_url("base.partner", 7)                      # "/web/base.partner/7"
    list_url("base.partner", action="base.contacts")    # "/web/base.partner?action=base.contacts"
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from urllib.parse import quote
from urllib.parse import urlencode

QueryValue = str | int | None | Iterable[str]


def query_string(params: Mapping[str, QueryValue]) -> str:
    """``params`` as a query string: None values left out, iterables repeated (``filter=a&filter=b``)."""
    pairs: list[tuple[str, str]] = []
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, str | int):
            pairs.append((key, str(value)))
        else:
            pairs.extend((key, str(item)) for item in value)
    return urlencode(pairs)


def model_url(model: str, suffix: str = "") -> str:
    """The path of a model's pages: ``/web/<model>`` plus ``suffix`` (``"/batch"``)."""
    return f"/web/{quote(model)}{suffix}"


def list_url(model: str, **params: QueryValue) -> str:
    """The records of ``model``, with query parameters (see `core.web.pages.search`)."""
    query = query_string(params)
    return model_url(model) + (f"?{query}" if query else "")


def record_url(model: str, record_id: int) -> str:
    """The form of one record."""
    return model_url(model, f"/{int(record_id)}")


def dashboard_url(name: str) -> str:
    """The page of a dashboard."""
    return f"/web/dashboard/{quote(name)}"
