"""One pluggy manager per registry: the kernel's hooks, then each addon's.

The kernel's own hookimpl modules are registered first, then each installed
addon's hook modules in dependency order, after all hookspecs (the kernel's
and every addon's ``hookspecs.py``) are known. ``check_pending`` then fails on
any implementation whose name matches no specification, so a misspelled hook
stops the build instead of being silently ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING

import pluggy

from core import hookspecs
from core.errors import ConfigError

if TYPE_CHECKING:
    from core.orm.registry import AddonContents


def build_plugin_manager(addons: Sequence[AddonContents]) -> pluggy.PluginManager:
    """A plugin manager with the kernel's specs and every addon's specs and impls."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    for addon in addons:
        for module in addon.hookspec_modules:
            manager.add_hookspecs(module)
    for addon in addons:
        for module in addon.hook_modules:
            _register(manager, addon.name, module)
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as error:
        raise ConfigError(f"a hook implementation matches no hook specification: {error}") from None
    return manager


def _register(manager: pluggy.PluginManager, addon: str, module: ModuleType) -> None:
    try:
        manager.register(module, name=f"{addon}:{module.__name__}")
    except (pluggy.PluginValidationError, ValueError) as error:
        raise ConfigError(f"addon {addon}: hooks in {module.__name__} are invalid: {error}") from None
