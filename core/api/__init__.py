"""Tessera's JSON API under ``/api/v1/``: every model the caller may access, as resources.

The web application mounts `rules` next to its own pages, so API requests go
through the same pipeline: one transaction per request, the caller's rights
and rules in the ORM, errors as JSON with their HTTP status. Callers log in
with the session cookie (then unsafe methods need the ``X-CSRF-Token``
header) or an API key (`core.api.keys`)::

    from core.api import rules
    url_map = Map([*rules()])

Endpoints are in `core.api.routes`; input checking, with schemas generated
from the composed models, in `core.api.schemas`.
"""

from core.api.routes import rules as rules

__all__ = ["rules"]
