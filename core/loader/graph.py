"""Order addons so each comes after what it depends on, or say clearly why not.

Missing dependencies, version mismatches and cycles are found here, from the
manifests alone, before anything touches the database. Extras are soft
dependencies: when the extra addon is in the set, it is ordered first.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from graphlib import CycleError
from graphlib import TopologicalSorter

from core.errors import ConfigError
from core.loader.manifest import AddonManifest

KERNEL_ADDON = "base"


def closure(names: Iterable[str], available: Mapping[str, AddonManifest]) -> set[str]:
    """``names`` and everything they depend on, transitively.

    Raises:
        ConfigError: addons or dependencies are not found on the addons paths;
            one error names every one of them and who needs it.
    """
    wanted: set[str] = set()
    missing: dict[str, list[str]] = {}
    stack = [(KERNEL_ADDON, ""), *((name, "") for name in names)]
    while stack:
        name, parent = stack.pop()
        manifest = available.get(name)
        if manifest is None:
            missing.setdefault(name, [])
            if parent:
                missing[name].append(parent)
            continue
        if name in wanted:
            continue
        wanted.add(name)
        stack.extend((dependency, name) for dependency in manifest.dependency_names)
    if missing:
        raise ConfigError("; ".join(_missing(name, parents) for name, parents in sorted(missing.items())))
    return wanted


def _missing(name: str, parents: list[str]) -> str:
    if not parents:
        return f"addon {name} is not on the addons paths"
    needing = sorted(set(parents))
    who = f"addon {needing[0]} depends" if len(needing) == 1 else f"addons {', '.join(needing)} depend"
    return f"{who} on {name}, which is not on the addons paths"


def check_versions(names: Iterable[str], available: Mapping[str, AddonManifest]) -> None:
    """Raise one `ConfigError` naming every dependency whose version does not satisfy its requirement."""
    problems = []
    for name in sorted(names):
        for requirement in available[name].depends:
            found = available[requirement.name].version
            if requirement.specifier and not requirement.specifier.contains(found, prereleases=True):
                problems.append(
                    f"addon {name} needs {requirement}, but {requirement.name} is version {found}"
                )
    if problems:
        raise ConfigError("; ".join(problems))


def resolve(names: Iterable[str], available: Mapping[str, AddonManifest]) -> list[AddonManifest]:
    """The manifests of ``names`` and their dependencies, in an order safe to install.

    Raises:
        ConfigError: a dependency is missing, has the wrong version, or addons
            depend on each other in a cycle (the cycle is named).
    """
    wanted = closure(names, available)
    check_versions(wanted, available)
    sorter: TopologicalSorter[str] = TopologicalSorter()
    for name in sorted(wanted):
        manifest = available[name]
        before = [dep for dep in manifest.dependency_names]
        before += [extra for extra in manifest.extras if extra in wanted]
        if name != KERNEL_ADDON:
            before.append(KERNEL_ADDON)
        sorter.add(name, *before)
    try:
        order = list(sorter.static_order())
    except CycleError as error:
        cycle = " -> ".join(error.args[1])
        raise ConfigError(f"addons depend on each other in a cycle: {cycle}") from None
    return [available[name] for name in order]


def requirements(manifest: AddonManifest, available: Mapping[str, AddonManifest]) -> frozenset[str]:
    """Every addon ``manifest`` depends on, transitively (not itself)."""
    return frozenset(closure(manifest.dependency_names, available)) - {manifest.name}


def dependents(name: str, installed: Iterable[str], available: Mapping[str, AddonManifest]) -> list[str]:
    """The installed addons that depend on ``name``, directly or not."""
    return sorted(
        other
        for other in installed
        if other != name and other in available and name in requirements(available[other], available)
    )
