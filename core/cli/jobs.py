"""``server.py jobs``: run the scheduled jobs that are due, once or in a loop.

Run it from cron (``* * * * * python server.py jobs``) or as one long-lived
process (``python server.py jobs --loop 60``); several at once are safe on
PostgreSQL, where each job's row is locked while it runs.
"""

from __future__ import annotations

import argparse
import time

from core.cli.context import Context
from core.jobs import run_due_jobs


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add this module's command to the ``server.py`` parser."""
    jobs = commands.add_parser("jobs", help="run the scheduled jobs that are due")
    jobs.add_argument("--loop", type=int, metavar="SECONDS", help="keep running, checking every SECONDS")
    jobs.set_defaults(handler=run_jobs)


def run_jobs(ctx: Context) -> int:
    db = ctx.installed_db()
    failed = False
    while True:
        for outcome in run_due_jobs(db):
            failed |= not outcome.ok
            ctx.progress(f"{outcome.name}: {'ok' if outcome.ok else 'failed: ' + outcome.error}")
        if not ctx.args.loop:
            return 1 if failed else 0
        time.sleep(ctx.args.loop)
