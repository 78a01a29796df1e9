"""An addon's data and demo files in a database: loaded, reloaded, and their records removed.

An addon's own files load when it is installed. The files it lists for an
extra load once both it and the extra are installed, whichever of the two
comes second, and the extra's demo files only when both were installed with
demo data::

    [extras.crm]                        # in sales/addon.toml; crm is in its extras
    data = ["data/crm_stages.toml"]
    demo = ["demo/crm_orders.toml"]

Upgrading the addon reloads both kinds. Uninstalling it removes every record
its files created; uninstalling the extra removes those of its files for that
extra (the records their ids name), newest first in both cases.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Collection
from collections.abc import Mapping
from typing import Any

from core.loader.graph import closure
from core.loader.manifest import AddonManifest
from core.loader.references import delete_rows
from core.orm.data import DataLoader
from core.orm.data import created_names
from core.orm.environment import Environment
from core.orm.registry import Registry

Progress = Callable[[str], None]
Available = Mapping[str, AddonManifest]


def _demo_flags(env: Environment) -> dict[str, bool]:
    """Each installed addon, and whether it was installed with demo data."""
    return {row.name: bool(row.demo) for row in env["base.addon"].search([])}  # type: ignore[attr-defined]


def _load(
    env: Environment, manifest: AddonManifest, files: list[str], updatable: set[str], update: bool
) -> int:
    loader = DataLoader(env, manifest.name, updatable - {manifest.name})
    return sum(loader.load_file(manifest.path / file, update=update) for file in files)


def load_own(env: Environment, available: Available, name: str, *, demo: bool, update: bool) -> int:
    """Load addon ``name``'s data files, and its demo files if ``demo``; returns the records written."""
    manifest = available[name]
    files = [*manifest.data, *(manifest.demo if demo else ())]
    return _load(env, manifest, files, closure(manifest.dependency_names, available), update)


def load_extra(env: Environment, available: Available, name: str, extra: str, *, update: bool) -> int:
    """Load addon ``name``'s files for ``extra`` (both installed); returns the records written.

    They may update the records of ``name``'s dependencies and of ``extra`` and its dependencies.
    """
    manifest = available[name]
    demo = _demo_flags(env)
    files = manifest.extra_files[extra]
    paths = [*files.data, *(files.demo if demo[name] and demo[extra] else ())]
    return _load(env, manifest, paths, closure([*manifest.dependency_names, extra], available), update)


def load_completed_extras(env: Environment, available: Available, name: str, progress: Progress) -> None:
    """Load the extras' files that installing ``name`` completes: its own for installed extras,
    and those of installed addons that have ``name`` as an extra."""
    installed = _demo_flags(env)
    pairs = [(name, extra) for extra in available[name].extra_files if extra in installed]
    pairs += [(other, name) for other in installed if other != name and name in available[other].extra_files]
    for owner, extra in pairs:
        count = load_extra(env, available, owner, extra, update=False)
        if count:
            progress(f"    {count} record(s) from {owner}'s files for {extra}")


def reload(env: Environment, available: Available, name: str) -> None:
    """Load ``name``'s files again at an upgrade, those of its installed extras included."""
    installed = _demo_flags(env)
    load_own(env, available, name, demo=installed[name], update=True)
    for extra in available[name].extra_files:
        if extra in installed:
            load_extra(env, available, name, extra, update=True)


def remove_records(env: Environment, addon: str, after: Registry) -> None:
    """Delete the records ``addon``'s files created, in the models that survive in ``after``."""
    _remove(env, [("addon", "=", addon)], after)


def remove_extra_records(
    env: Environment, available: Available, removed: Collection[str], after: Registry
) -> None:
    """Delete the records that the addons staying in ``after`` created with their files for the
    extras in ``removed``."""
    for name in after.addons:
        manifest = available[name]
        for extra, files in manifest.extra_files.items():
            if extra not in removed:
                continue
            names: set[str] = set()
            for file in (*files.data, *files.demo):
                names |= created_names(manifest.path / file, name)
            if names:
                _remove(env, [("addon", "=", name), ("name", "in", sorted(names))], after)


def _remove(env: Environment, domain: list[Any], after: Registry) -> None:
    """Delete the records whose external ids match ``domain``, and those ids.

    Newest first, in runs of one model: a record goes before the ones it was
    created to point at. Records of models that do not survive go with their tables.
    """
    links = env["base.external_id"].search(domain, order="id desc")
    doomed: list[tuple[str, list[int]]] = []
    for link in links:
        model, res_id = link.model, link.res_id  # type: ignore[attr-defined]
        if model not in after:
            continue
        if doomed and doomed[-1][0] == model:
            doomed[-1][1].append(res_id)
        else:
            doomed.append((model, [res_id]))
    links.unlink()
    env.flush()
    connection = env.session.connection()
    for model_name, ids in doomed:
        delete_rows(connection, env.registry, model_name, ids)
    env.session.expire_all()
