"""The commands that change which addons a database runs: init, install, upgrade, uninstall, list.

Each is a thin layer over `core.loader.lifecycle`: it parses the arguments,
prints the lifecycle's progress on stderr and ends with a timed summary::

    $ python server.py install crm --demo
    building the registry of 2 addon(s)
    [1/1] installing crm 1.0.0
    installed 1 addon (crm) in 0.42 s
"""

from __future__ import annotations

import argparse
import getpass
import secrets
import shutil

from packaging.version import Version
from sqlalchemy import create_engine
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from core.base.models.user import MIN_PASSWORD_LENGTH
from core.cli.context import Context
from core.cli.context import plural
from core.errors import UserError
from core.loader.graph import KERNEL_ADDON
from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall
from core.loader.lifecycle import upgrade
from core.orm.engine import normalize_url

SUPERUSER = "admin"
ASK = "ask"


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's commands to the ``server.py`` parser."""
    init = commands.add_parser("init", help="create the database with base and the enabled addons")
    init.add_argument("addons", nargs="*", metavar="ADDON", help="instead of [addons] enabled")
    init.add_argument("--demo", action="store_true", help="load the addons' demo data too")
    init.add_argument(
        "--superuser-password",
        nargs="?",
        const=ASK,
        metavar="PASSWORD",
        help=f"the password of the user {SUPERUSER!r} (asked for without a value; generated and printed once "
        "without the option)",
    )
    init.set_defaults(handler=run_init)

    add = commands.add_parser("install", help="install addons and what they depend on")
    add.add_argument("addons", nargs="+", metavar="ADDON")
    add.add_argument("--demo", action="store_true", help="load their demo data too")
    add.set_defaults(handler=run_install)

    up = commands.add_parser("upgrade", help="bring installed addons to the version of their code")
    up.add_argument("addons", nargs="*", metavar="ADDON", help="default: every addon whose code is newer")
    up.set_defaults(handler=run_upgrade)

    remove = commands.add_parser("uninstall", help="remove addons with their tables, columns and data")
    remove.add_argument("addons", nargs="+", metavar="ADDON")
    remove.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    remove.set_defaults(handler=run_uninstall)

    listing = commands.add_parser("list", help="every available addon and its state in the database")
    listing.set_defaults(handler=run_list)


def run_init(ctx: Context) -> int:
    """Install base and the given (or enabled) addons into a database that has none."""
    _create_server_database(ctx)
    installed = ctx.db.installed()
    if installed:
        raise UserError(
            f"{ctx.label} is already initialised ({plural(len(installed), 'addon')} installed); "
            "use `server.py install` or `server.py upgrade`"
        )
    names = ctx.args.addons or list(ctx.settings.addons)
    new = initialise(ctx, names, demo=ctx.args.demo, password=_superuser_password(ctx))
    ctx.done(f"initialised {ctx.label} with {plural(len(new), 'addon')} ({', '.join(new)})")
    return 0


def initialise(ctx: Context, names: list[str], *, demo: bool, password: str | None) -> list[str]:
    """Install base and ``names`` into an empty database and give the superuser a password.

    Without ``password`` one is generated and printed once: it is stored only hashed.
    """
    new = install(ctx.db, [KERNEL_ADDON, *names], demo=demo, progress=ctx.progress)
    if password is None:
        password = secrets.token_urlsafe(12)
        _set_superuser_password(ctx, password)
        print(f"user {SUPERUSER!r} can log in with the password {password} (shown only now)")
    else:
        _set_superuser_password(ctx, password)
        ctx.progress(f"user {SUPERUSER!r} can log in with the given password")
    return new


def run_install(ctx: Context) -> int:
    new = install(ctx.db, ctx.args.addons, demo=ctx.args.demo, progress=ctx.progress)
    if new:
        ctx.done(f"installed {plural(len(new), 'addon')} ({', '.join(new)})")
    return 0


def run_upgrade(ctx: Context) -> int:
    db = ctx.installed_db()
    done = upgrade(db, ctx.args.addons or None, progress=ctx.progress)
    if done:
        ctx.done(f"upgraded {plural(len(done), 'addon')} ({', '.join(done)})")
    else:
        ctx.progress("every addon is up to date")
    return 0


def run_uninstall(ctx: Context) -> int:
    db = ctx.installed_db()
    names = ctx.args.addons
    if not ctx.args.yes:
        if not ctx.interactive():
            raise UserError("uninstall deletes data; confirm with --yes when there is no terminal to ask")
        question = f"Uninstall {', '.join(names)} and delete their tables and records from {ctx.label}?"
        if not ctx.confirm(question):
            ctx.progress("cancelled; nothing was changed")
            return 1
        ctx.restart_clock()
    removed = uninstall(db, names, progress=ctx.progress)
    ctx.done(f"uninstalled {plural(len(removed), 'addon')} ({', '.join(removed)})")
    return 0


def run_list(ctx: Context) -> int:
    """Print every addon on the addons paths (and any installed one whose code is gone)."""
    installed = ctx.db.installed()
    rows = [("NAME", "VERSION", "INSTALLED", "STATE", "SUMMARY")]
    for name, manifest in sorted(ctx.db.available.items()):
        version = installed.get(name)
        rows.append(
            (name, str(manifest.version), version or "-", _state(manifest.version, version), manifest.summary)
        )
    for name in sorted(set(installed) - set(ctx.db.available)):
        rows.append(
            (name, "-", installed[name], "missing", "installed, but its code is not on the addons paths")
        )
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    limit = shutil.get_terminal_size().columns if ctx.stdout.isatty() else None
    for row in rows:
        line = (
            "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True)) + "  " + row[4]
        )
        if limit and len(line) > limit:
            line = line[: limit - 1] + "…"
        ctx.out(line.rstrip())
    return 0


def _state(code: Version, installed: str | None) -> str:
    if installed is None:
        return "available"
    if code > Version(installed):
        return "upgradable"
    if code < Version(installed):
        return "code older"
    return "installed"


def _create_server_database(ctx: Context) -> None:
    """On PostgreSQL, create the configured database if the server does not have it yet."""
    url = make_url(normalize_url(ctx.settings.database_url))
    if url.get_backend_name() != "postgresql" or not url.database:
        return
    probe = create_engine(url)
    try:
        with probe.connect():
            return
    except OperationalError as error:
        if "does not exist" not in str(error.orig):
            raise
    finally:
        probe.dispose()
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            name = url.database.replace('"', '""')
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    ctx.progress(f"created the database {url.database}")


def _superuser_password(ctx: Context) -> str | None:
    """The password given on the command line, or asked for on the terminal."""
    option: str | None = ctx.args.superuser_password
    if option != ASK:
        return _checked(option)
    if not ctx.interactive():
        raise UserError("no terminal to ask for the superuser's password; pass --superuser-password PASSWORD")
    try:
        password = getpass.getpass(f"Password for {SUPERUSER!r}: ")
    except EOFError:
        password = ""
    return _checked(password)


def _checked(password: str | None) -> str | None:
    """Refuse a too-short password before anything is installed."""
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"the superuser's password needs at least {MIN_PASSWORD_LENGTH} characters")
    return password


def _set_superuser_password(ctx: Context, password: str) -> None:
    """Create the superuser, or set its password if it exists."""
    with ctx.db.transaction() as env:
        users = env["base.user"].search([("login", "=", SUPERUSER)])
        user = users[0] if users else env["base.user"].create({"login": SUPERUSER, "name": "Administrator"})
        user.set_password(password)  # type: ignore[attr-defined]
