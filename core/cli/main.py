"""``server.py``: the integrator's commands, and how their failures are reported.

Every command reads `core.config.Settings` (``--config``, ``--database``
override), runs, and returns an exit code. A `TesseraError` (a missing addon,
a cycle, a bad ``addons.toml``) is one line ``error: <message>`` on stderr and
exit code 1, never a traceback; so is anything unexpected, with a hint to
rerun with ``--traceback``::

    $ python server.py install nowhere
    error: addon nowhere is not on the addons paths
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence

from sqlalchemy.exc import OperationalError

from core.cli import addons
from core.cli import i18n
from core.cli import jobs
from core.cli import scaffold
from core.cli import serve
from core.cli.context import Context
from core.errors import TesseraError

PROGRAM = "server.py"


def build_parser() -> argparse.ArgumentParser:
    """The ``server.py`` argument parser with every command."""
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Tessera: create databases, install addons, run the server.",
    )
    parser.add_argument(
        "--config", metavar="FILE", help="settings file (default: $TESSERA_CONFIG, ./addons.toml)"
    )
    parser.add_argument("--database", metavar="URL", help="database URL, instead of [database] url")
    parser.add_argument("--traceback", action="store_true", help="show the full traceback of an error")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)
    addons.add_commands(commands)
    serve.add_commands(commands)
    jobs.add_commands(commands)
    scaffold.add_commands(commands)
    i18n.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``server.py`` with ``argv`` (default: the process's arguments); returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, or a usage error argparse already reported
        return exit_.code if isinstance(exit_.code, int) else 2
    ctx: Context | None = None
    try:
        ctx = Context(args)
        code: int = args.handler(ctx)
        return code
    except KeyboardInterrupt:
        return _fail("interrupted", args, code=130)
    except TesseraError as error:
        return _fail(error.message, args)
    except OperationalError as error:
        return _fail(f"the database cannot be used: {error.orig}", args)
    except Exception as error:  # one line for the unexpected too; --traceback shows the rest
        hint = "" if args.traceback else " (run again with --traceback for details)"
        return _fail(f"{type(error).__name__}: {error}{hint}", args)
    finally:
        if ctx is not None:
            ctx.close()


def _fail(message: str, args: argparse.Namespace, code: int = 1) -> int:
    """Report an error as one line on stderr (after the traceback with ``--traceback``)."""
    if args.traceback:
        traceback.print_exc(file=sys.stderr)
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    return code
