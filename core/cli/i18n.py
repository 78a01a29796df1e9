"""``server.py i18n extract|update ADDON``: collect an addon's messages, then merge them into its catalogs.

``extract`` writes ``<addon>/i18n/messages.pot`` from the addon's Python
files, templates and declarations (models, fields, selections, views);
``update`` merges that template into ``i18n/<lang>.po`` for every shipped
language but English, creating missing files and keeping translations. The
name ``kernel`` means the kernel's web UI (``core/i18n/po``)::

    $ python server.py i18n extract crm
    wrote addons/crm/i18n/messages.pot (42 messages)
    $ python server.py i18n update crm
    updated addons/crm/i18n/tr.po
"""

from __future__ import annotations

import argparse

from core.cli.context import Context
from core.cli.context import plural
from core.errors import ConfigError
from core.errors import UserError
from core.i18n.catalog import ADDON_FOLDER
from core.i18n.catalog import KERNEL_DOMAIN
from core.i18n.catalog import KERNEL_FOLDER
from core.i18n.catalog import read_catalog
from core.i18n.extract import TEMPLATE_NAME
from core.i18n.extract import extract_catalog
from core.i18n.extract import kernel_catalog
from core.i18n.extract import update_catalogs
from core.i18n.extract import write_catalog
from core.i18n.languages import translated_languages
from core.loader.addon import Addon
from core.loader.discovery import discover
from core.loader.discovery import load
from core.loader.manifest import AddonManifest


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``i18n`` command and its actions to the ``server.py`` parser."""
    i18n = commands.add_parser("i18n", help="extract an addon's messages and update its translations")
    actions = i18n.add_subparsers(title="actions", metavar="ACTION", required=True)
    extract = actions.add_parser(
        "extract", help="write ADDON/i18n/messages.pot from its code and declarations"
    )
    update = actions.add_parser("update", help="merge ADDON/i18n/messages.pot into each ADDON/i18n/<lang>.po")
    for action, handler in ((extract, run_extract), (update, run_update)):
        action.add_argument(
            "addon", metavar="ADDON", help=f"an addon's name, or {KERNEL_DOMAIN} for the web UI"
        )
        action.set_defaults(handler=handler)


def run_extract(ctx: Context) -> int:
    """Write the addon's (or the kernel's) ``messages.pot``."""
    name: str = ctx.args.addon
    if name == KERNEL_DOMAIN:
        catalog = kernel_catalog()
        folder = KERNEL_FOLDER
    else:
        available = discover(ctx.settings.addons_paths)
        manifest = _manifest(name, available)
        addon = registered(manifest, available)
        catalog = extract_catalog(
            name,
            [manifest.path],
            root=manifest.path,
            model_classes=addon.model_classes,
            view_declarations=addon.view_declarations,
            version=str(manifest.version),
        )
        folder = manifest.path / ADDON_FOLDER
    path = write_catalog(catalog, folder / TEMPLATE_NAME)
    ctx.out(f"wrote {path} ({plural(len(catalog), 'message')})")
    return 0


def run_update(ctx: Context) -> int:
    """Merge the addon's (or the kernel's) ``messages.pot`` into each language's ``.po``."""
    name: str = ctx.args.addon
    if name == KERNEL_DOMAIN:
        folder = KERNEL_FOLDER
    else:
        folder = _manifest(name, discover(ctx.settings.addons_paths)).path / ADDON_FOLDER
    template_path = folder / TEMPLATE_NAME
    if not template_path.is_file():
        raise UserError(f"{template_path} does not exist; run `server.py i18n extract {name}` first")
    template = read_catalog(template_path, None, name)
    for path, created in update_catalogs(template, folder, translated_languages()):
        ctx.out(f"{'created' if created else 'updated'} {path}")
    return 0


def registered(manifest: AddonManifest, available: dict[str, AddonManifest]) -> Addon:
    """The addon after its ``register``, with every available extra active, as the loader runs it.

    Raises:
        ConfigError: a dependency is missing, or the addon cannot be imported or registered.
    """
    extras = [extra for extra in manifest.extras if extra in available]
    loaded = {addon.name: addon for addon in load([manifest.name, *extras], available)}
    return loaded[manifest.name]


def _manifest(name: str, available: dict[str, AddonManifest]) -> AddonManifest:
    try:
        return available[name]
    except KeyError:
        raise ConfigError(f"addon {name} is not on the addons paths") from None
