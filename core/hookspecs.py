"""The kernel's hook specifications: every moment an addon can act on.

Addons implement these with ``@hookimpl`` functions in their ``hooks.py`` and
list that module in ``register(addon)``. Each registry has its own pluggy
manager (see `core.plugins`), so two databases with different addons never
see each other's hooks. Addons declare hooks of their own in ``hookspecs.py``,
named after the addon (``sales_order_confirmed``). See ``docs/hooks.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any

import pluggy

if TYPE_CHECKING:
    from core.orm.environment import Environment
    from core.orm.records import RecordSet
    from core.orm.registry import Registry

PROJECT = "tessera"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


# -- lifecycle ------------------------------------------------------------------


@hookspec
def addon_installed(env: Environment, addon: str) -> None:
    """An addon was installed: its tables exist and its data files are loaded.

    Called once for the addon being installed (every installed addon's
    implementation sees it, so a dependent can react to an extra appearing),
    inside the install transaction: raising rolls the whole install back.
    The return value is ignored.
    """


@hookspec
def addon_uninstalling(env: Environment, addon: str) -> None:
    """An addon is about to be uninstalled; its tables and records still exist.

    Called inside the uninstall transaction, before anything is removed, with
    the registry that still contains the addon. Raising refuses the uninstall.
    """


@hookspec
def addon_upgraded(env: Environment, addon: str, from_version: str, to_version: str) -> None:
    """An addon's schema and data were upgraded from ``from_version`` to ``to_version``.

    Called inside the upgrade transaction after its migrations ran and its data
    files were reloaded. Raising rolls the upgrade back.
    """


# -- registry -------------------------------------------------------------------


@hookspec
def registry_ready(registry: Registry) -> None:
    """The registry of a database was built and frozen.

    Called once per registry, outside any transaction, before it serves
    requests. Use it to check declarations across addons or warm caches; it
    must not touch the database.
    """


# -- records --------------------------------------------------------------------


@hookspec
def records_created(env: Environment, records: RecordSet[Any]) -> None:
    """Records of one model were inserted (called once per model and flush).

    Runs right after the INSERTs, inside the user's transaction: records added
    or changed here are flushed with the same transaction, and raising rolls
    the user's action back.
    """


@hookspec
def records_written(env: Environment, records: RecordSet[Any], fields: list[str]) -> None:
    """Records of one model had ``fields`` changed (once per model, field set and flush).

    Runs right after the UPDATEs, inside the user's transaction, with the new
    values in place; computed fields that changed as a consequence are included.
    """


@hookspec
def records_deleted(env: Environment, model: str, ids: list[int]) -> None:
    """Records of ``model`` with these ``ids`` were deleted (once per model and flush).

    Runs after the DELETEs, inside the user's transaction; the rows are gone,
    so only their ids are passed.
    """


# -- web and jobs -----------------------------------------------------------------


@hookspec
def register_routes() -> list[Any]:
    """Werkzeug ``Rule`` objects this addon serves, with endpoints it handles.

    Collected once per registry when the web application is built; each
    implementation returns a list (possibly empty). Rules are prefixed by
    nothing: choose paths under your addon's name. An endpoint is called as
    ``endpoint(request, **url_values)`` and returns a Werkzeug ``Response``;
    ``request.env`` is the environment of the request's transaction, committed
    when the endpoint returns and rolled back when it raises (`core.web.app`).

    Routes need a logged-in user: anonymous browsers are sent to ``/login``
    and other clients get 401, and ``request.env`` acts as ``request.user``,
    so every query obeys that user's access rights and rules. Mark an
    endpoint with ``@core.web.public`` to serve it without login; there,
    without a user, ``request.env`` acts as the system, so the endpoint itself
    must decide what anyone may see. POST, PUT, PATCH and DELETE requests must
    carry the session's CSRF token (form field ``csrf_token`` or header
    ``X-CSRF-Token``; pages get it as ``request.csrf_token``), else 403.
    """


@hookspec
def register_jobs() -> list[Any]:
    """Scheduled jobs this addon runs periodically.

    Collected once per registry. The scheduler that runs them (each job in its
    own transaction, as the system) arrives with the first addon that needs
    one; until then this specification fixes the name and the contract.
    """
