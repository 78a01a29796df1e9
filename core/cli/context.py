"""`Context`: what every command works with: settings, the database, and the terminal.

Output follows one rule: results go to stdout (``list``, ``scaffold``),
progress and questions go to stderr, so ``server.py list > addons.txt`` keeps
only the table.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from typing import TextIO

from sqlalchemy.engine import make_url

from core.config import Settings
from core.config import load_settings
from core.database import Database
from core.errors import UserError


class Context:
    """The settings (with command-line overrides) and the database of one command.

    Args:
        args: the parsed command line; ``config`` and ``database`` are read here.
    """

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        settings = load_settings(args.config)
        if args.database:
            settings = dataclasses.replace(settings, database_url=args.database)
        self.settings: Settings = settings
        self._db: Database | None = None
        self.started = time.perf_counter()

    @property
    def db(self) -> Database:
        """The configured database, opened on first use (a SQLite file's folder is created)."""
        if self._db is None:
            self.settings.ensure_database_folder()
            self._db = Database(self.settings.database_url, self.settings.addons_paths)
        return self._db

    @property
    def label(self) -> str:
        """The database URL without its password, for messages."""
        return make_url(self.settings.database_url).render_as_string(hide_password=True)

    def installed_db(self) -> Database:
        """The database, which must have addons installed.

        Raises:
            UserError: it has none yet (``server.py init`` comes first).
        """
        if not self.db.installed():
            raise UserError(f"{self.label} has no addons installed; run `server.py init` first")
        return self.db

    def close(self) -> None:
        """Release the database connections."""
        if self._db is not None:
            self._db.engine.dispose()

    # -- the terminal -----------------------------------------------------------------

    @property
    def stdout(self) -> TextIO:
        """Where results go (read at each use, so redirections and capture apply)."""
        return sys.stdout

    @property
    def stderr(self) -> TextIO:
        """Where progress, questions and errors go."""
        return sys.stderr

    def out(self, line: str = "") -> None:
        """Print a result line on stdout."""
        print(line, file=self.stdout)

    def progress(self, message: str) -> None:
        """Print a progress line on stderr; the lifecycle functions' ``progress`` callback."""
        print(message, file=self.stderr, flush=True)

    def done(self, what: str) -> None:
        """Print ``what`` with the time since the command started: ``installed 3 addons in 0.42 s``."""
        self.progress(f"{what} in {time.perf_counter() - self.started:.2f} s")

    def restart_clock(self) -> None:
        """Time from now on, e.g. after waiting for an answer."""
        self.started = time.perf_counter()

    def confirm(self, question: str) -> bool:
        """Ask a yes/no question on the terminal; no answer means no."""
        self.stderr.write(f"{question} [y/N] ")
        self.stderr.flush()
        answer = sys.stdin.readline()
        return answer.strip().lower() in ("y", "yes")

    @staticmethod
    def interactive() -> bool:
        """Whether a person is at the terminal to answer questions."""
        return sys.stdin.isatty()


def plural(count: int, noun: str) -> str:
    """``1 addon``, ``3 addons``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
