"""Find addons on the addons paths, import them and run their ``register``.

The kernel's own addon ``base`` lives in ``core/base``. Every other addon is a
folder with an ``addon.toml`` in one of the addons paths: the repository's
``addons/`` and the extra paths of ``addons.toml``. All are imported as
``addons.<name>`` (extra paths join the ``addons`` package's path), so
relative imports work and an addon is imported once per process.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Iterable
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import addons as addons_package
from core.errors import ConfigError
from core.loader.addon import Addon
from core.loader.graph import KERNEL_ADDON
from core.loader.graph import closure
from core.loader.graph import resolve
from core.loader.manifest import AddonManifest
from core.loader.manifest import read_manifest

CORE_DIR = Path(__file__).resolve().parent.parent
REPOSITORY_ADDONS = Path(addons_package.__file__).resolve().parent


def discover(paths: Iterable[Path | str] = ()) -> dict[str, AddonManifest]:
    """Every addon on the repository's and the given paths, by name.

    Raises:
        ConfigError: a path does not exist, a manifest is invalid, or two
            paths hold an addon of the same name.
    """
    found = {KERNEL_ADDON: read_manifest(CORE_DIR / KERNEL_ADDON)}
    for base in [REPOSITORY_ADDONS, *(Path(p).resolve() for p in paths)]:
        if not base.is_dir():
            raise ConfigError(f"addons path {base} does not exist")
        for directory in sorted(base.iterdir()):
            if not (directory / "addon.toml").is_file():
                continue
            manifest = read_manifest(directory)
            other = found.get(manifest.name)
            if other is not None and other.path != manifest.path:
                raise ConfigError(f"addon {manifest.name} is in two places: {other.path} and {manifest.path}")
            found[manifest.name] = manifest
    return found


def add_addons_path(path: Path) -> None:
    """Make the addons in folder ``path`` importable as ``addons.<name>``."""
    folder = str(path)
    if folder not in addons_package.__path__:
        addons_package.__path__.append(folder)


def import_addon(manifest: AddonManifest) -> ModuleType:
    """Import the addon's package from the folder its manifest was read in, and return it.

    A process imports an addon once. If the package already imported under
    ``addons.<name>`` came from another folder (another database's addons
    path, or the previous version of the code), it and its submodules are
    imported again from ``manifest.path``; registries built from the old code
    keep their classes.

    Raises:
        ConfigError: the package cannot be imported.
    """
    if manifest.name == KERNEL_ADDON:
        return importlib.import_module("core.base")
    add_addons_path(manifest.path.parent)
    qualified = f"{addons_package.__name__}.{manifest.name}"
    module = sys.modules.get(qualified)
    if module is not None and _folder_of(module) == manifest.path.resolve():
        return module
    _forget(qualified)
    spec = importlib.util.spec_from_file_location(
        qualified, manifest.path / "__init__.py", submodule_search_locations=[str(manifest.path)]
    )
    if spec is None or spec.loader is None:
        raise ConfigError(f"addon {manifest.name}: {manifest.path}/__init__.py cannot be imported")
    module = importlib.util.module_from_spec(spec)
    sys.modules[qualified] = module
    try:
        spec.loader.exec_module(module)
    except (ImportError, OSError) as error:
        _forget(qualified)
        raise ConfigError(f"addon {manifest.name}: cannot be imported: {error}") from error
    setattr(addons_package, manifest.name, module)
    return module


def _forget(qualified: str) -> None:
    """Drop a package and its submodules from ``sys.modules``."""
    for key in [key for key in sys.modules if key == qualified or key.startswith(f"{qualified}.")]:
        del sys.modules[key]


def _folder_of(module: ModuleType) -> Path | None:
    file = getattr(module, "__file__", None)
    return Path(file).resolve().parent if file else None


def load(names: Sequence[str], available: dict[str, AddonManifest]) -> list[Addon]:
    """Import ``names`` and their dependencies in order and run each ``register``.

    Raises:
        ConfigError: resolution fails, an addon has no ``register`` function,
            or its registration is wrong.
    """
    manifests = resolve(names, available)
    installed = frozenset(manifest.name for manifest in manifests)
    loaded: list[Addon] = []
    for manifest in manifests:
        active_extras = [extra for extra in manifest.extras if extra in installed]
        requires = frozenset(closure([*manifest.dependency_names, *active_extras], available)) - {
            manifest.name
        }
        addon = Addon(manifest, requires, installed)
        module = import_addon(manifest)
        register = getattr(module, "register", None)
        if not callable(register):
            raise ConfigError(
                f"addon {manifest.name}: {manifest.path}/__init__.py has no register(addon) function"
            )
        register(addon)
        addon.freeze()
        loaded.append(addon)
    return loaded
