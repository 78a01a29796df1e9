"""Hook implementations that leave a trace in the database (or in the registry's views)."""

import datetime as dt

from werkzeug.routing import Rule
from werkzeug.wrappers import Response

from core.hookspecs import hookimpl

WATCHED = "base.partner"
READY_REGISTRIES = []


def _log(env, hook, subject, details=None):
    env["hooks_probe.event"].new({"hook": hook, "subject": subject, "details": details})


@hookimpl
def addon_installed(env, addon):
    _log(env, "addon_installed", addon)


@hookimpl
def addon_uninstalling(env, addon):
    if addon == "hooks_probe":
        return
    _log(env, "addon_uninstalling", addon)


@hookimpl
def addon_upgraded(env, addon, from_version, to_version):
    _log(env, "addon_upgraded", addon, {"from": from_version, "to": to_version})


@hookimpl
def registry_ready(registry):
    READY_REGISTRIES.append((registry, registry.addons, registry._frozen))


@hookimpl
def records_created(env, records):
    if records.model._name == WATCHED:
        _log(env, "records_created", WATCHED, {"ids": list(records.ids)})


@hookimpl
def records_written(env, records, fields):
    if records.model._name == WATCHED:
        _log(env, "records_written", WATCHED, {"ids": list(records.ids), "fields": fields})


@hookimpl
def records_deleted(env, model, ids):
    if model == WATCHED:
        _log(env, "records_deleted", model, {"ids": ids})


def _probe(request, **values):
    return Response("probe")


@hookimpl
def register_routes():
    return [Rule("/hooks-probe", endpoint=_probe)]


def _count_partners(env):
    _log(env, "job", "count", {"partners": env["base.partner"].search_count()})


def _fail(env):
    _log(env, "job", "fail")
    raise RuntimeError("the job failed on purpose")


@hookimpl
def register_jobs():
    from core.jobs import Job

    return [
        Job("hooks_probe.count", dt.timedelta(hours=1), _count_partners),
        Job("hooks_probe.fail", dt.timedelta(minutes=5), _fail),
    ]
