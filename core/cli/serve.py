"""The commands that run the application: ``serve`` (the web server) and ``shell`` (Python).

On a database with nothing installed, ``serve`` first installs the enabled
addons with their demo data, so a fresh clone runs in one step::

    $ python server.py serve
    sqlite:////srv/tessera/var/tessera.db is empty: installing base with demo data
    ...
    serving sqlite:////srv/tessera/var/tessera.db at http://127.0.0.1:8000/ (Ctrl+C stops)
"""

from __future__ import annotations

import argparse
import code
import datetime as dt

from werkzeug.serving import is_running_from_reloader
from werkzeug.serving import run_simple

from core.cli.addons import initialise
from core.cli.context import Context
from core.cli.context import plural
from core.loader.graph import KERNEL_ADDON
from core.orm.environment import Environment
from core.web.app import create_app

BANNER = """\
Tessera shell on {database}, addons: {addons}
  env       an Environment as the system user:  env["base.partner"].search([("name", "ilike", "a")])
  db        the Database;  registry: its models (registry.models)
Nothing is saved until you call env.session.commit(); leaving the shell discards the rest."""


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's commands to the ``server.py`` parser."""
    serve = commands.add_parser(
        "serve", help="run the web server (installs the enabled addons on an empty database)"
    )
    serve.add_argument("--host", help="address to listen on (default: [server] host)")
    serve.add_argument("--port", type=int, help="port to listen on (default: [server] port)")
    serve.add_argument("--reload", action="store_true", help="restart when the code changes (development)")
    serve.set_defaults(handler=run_serve)

    shell = commands.add_parser("shell", help="a Python shell with env, db and registry ready")
    shell.add_argument("-c", "--command", help="run this Python code instead of an interactive shell")
    shell.set_defaults(handler=run_shell)


def run_serve(ctx: Context) -> int:
    db = ctx.db
    if not db.installed():
        names = list(ctx.settings.addons)
        ctx.progress(f"{ctx.label} is empty: installing {', '.join([KERNEL_ADDON, *names])} with demo data")
        new = initialise(ctx, names, demo=True, password=None)
        ctx.done(f"installed {plural(len(new), 'addon')} ({', '.join(new)})")
    app = create_app(
        db,
        secret_key=ctx.settings.secret_key,
        secure_cookies=ctx.settings.secure_cookies,
        session_idle=dt.timedelta(days=ctx.settings.session_idle_days),
    )
    host = ctx.args.host or ctx.settings.host
    port = ctx.args.port or ctx.settings.port
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    if not is_running_from_reloader():  # the reloader's child runs this again; say it once
        ctx.progress(f"serving {ctx.label} at http://{shown}:{port}/ (Ctrl+C stops)")
    workers = ctx.settings.workers
    db.engine.dispose()  # worker processes fork: none may inherit the install's open connections
    run_simple(
        host,
        port,
        app,
        use_reloader=ctx.args.reload,
        threaded=workers == 1,
        processes=workers,
    )
    return 0


def run_shell(ctx: Context) -> int:
    db = ctx.installed_db()
    registry = db.registry
    with db.session() as session:
        env = Environment(registry, session)
        namespace = {"env": env, "db": db, "registry": registry}
        if ctx.args.command is not None:
            exec(ctx.args.command, namespace)
        else:
            banner = BANNER.format(database=ctx.label, addons=", ".join(registry.addons))
            code.interact(banner=banner, local=namespace, exitmsg="")
    return 0
