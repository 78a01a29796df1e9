"""``server.py scaffold NAME``: write a new addon and say how to install and test it.

::

    $ python server.py scaffold library --path custom_addons
    created custom_addons/library
"""

from __future__ import annotations

import argparse
from pathlib import Path

from core.cli.context import Context
from core.errors import ConfigError
from core.loader.discovery import REPOSITORY_ADDONS
from core.loader.discovery import discover
from core.loader.scaffold import scaffold


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``scaffold`` command to the ``server.py`` parser."""
    command = commands.add_parser("scaffold", help="write a new addon with a model, views and tests")
    command.add_argument("name", metavar="NAME", help="the addon's name, lower_snake_case")
    command.add_argument(
        "--path",
        type=Path,
        metavar="DIR",
        help="the folder to write it in (default: the first of [addons] paths, else addons/)",
    )
    command.set_defaults(handler=run_scaffold)


def run_scaffold(ctx: Context) -> int:
    paths = ctx.settings.addons_paths
    folder = ctx.args.path or (paths[0] if paths else REPOSITORY_ADDONS)
    existing = discover(paths).get(ctx.args.name)
    if existing is not None:
        raise ConfigError(f"an addon named {ctx.args.name} already exists: {existing.path}")
    target = scaffold(ctx.args.name, folder)
    ctx.out(f"created {target}")
    parent = target.parent
    if parent != REPOSITORY_ADDONS and parent not in paths:
        ctx.progress(f"next: add {str(parent)!r} to [addons] paths in your addons.toml")
    ctx.progress(f"install it:  python server.py install {ctx.args.name}")
    ctx.progress(f"test it:     pytest {target / 'tests'} -o tessera_addons_paths={parent}")
    return 0
