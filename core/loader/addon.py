"""`Addon`: the object an addon's ``register(addon)`` fills in.

Importing an addon registers nothing; the loader calls its ``register``
function with an `Addon`, which lists everything the addon contributes::

    def register(addon: Addon) -> None:
        addon.models(lead.Lead, partner.Partner)
        addon.views(views.lead_form, views.partner_form)
        addon.hooks(hooks)
        with addon.extra("sales"):
            addon.models(order.Order)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from core.errors import ConfigError
from core.errors import RegistryFrozenError
from core.loader.manifest import AddonManifest


class Addon:
    """One installed addon's declarations, collected by its ``register`` function.

    Attributes:
        name: the addon's name.
        manifest: its validated ``addon.toml``.
        requires: every addon it may build on: its dependencies, transitively,
            and its extras that are installed.
        installed: the names of every addon installed with it.
    """

    def __init__(self, manifest: AddonManifest, requires: frozenset[str], installed: frozenset[str]) -> None:
        self.name = manifest.name
        self.manifest = manifest
        self.requires = requires
        self.installed = installed
        self.model_classes: list[type] = []
        self.view_declarations: list[Any] = []
        self.hook_modules: list[ModuleType] = []
        self.hookspec_modules: list[ModuleType] = []
        self._inactive_extra: str | None = None
        self._frozen = False

    def __repr__(self) -> str:
        return f"<Addon {self.name} {self.manifest.version}>"

    @property
    def path(self) -> Path:
        return self.manifest.path

    def _accepting(self) -> bool:
        if self._frozen:
            raise RegistryFrozenError(
                f"addon {self.name}: register() is over; nothing more can be registered"
            )
        return self._inactive_extra is None

    def models(self, *classes: type) -> None:
        """Declare models (`Model` subclasses) and extensions (`Extension` subclasses)."""
        if self._accepting():
            self.model_classes.extend(classes)

    def views(self, *declarations: Any) -> None:
        """Declare views, view extensions, menus and actions (see `core.views`)."""
        if self._accepting():
            self.view_declarations.extend(declarations)

    def hooks(self, *modules: ModuleType) -> None:
        """Register modules of ``@hookimpl`` functions."""
        if self._accepting():
            self.hook_modules.extend(modules)

    def hookspecs(self, *modules: ModuleType) -> None:
        """Declare modules of hook specifications other addons may implement.

        Specifications are registered even inside an inactive extra block, so
        that dependents can always implement them.
        """
        if self._frozen:
            raise RegistryFrozenError(
                f"addon {self.name}: register() is over; nothing more can be registered"
            )
        self.hookspec_modules.extend(modules)

    @contextmanager
    def extra(self, name: str) -> Iterator[bool]:
        """Registrations inside the block count only when addon ``name`` is installed.

        ``name`` must be listed in the manifest's ``extras``. Yields whether it is active.
        """
        if name not in self.manifest.extras:
            raise ConfigError(f"addon {self.name}: extra({name!r}) is not listed in extras of addon.toml")
        active = name in self.installed
        previous = self._inactive_extra
        if not active:
            self._inactive_extra = name
        try:
            yield active
        finally:
            self._inactive_extra = previous

    def freeze(self) -> None:
        self._frozen = True
