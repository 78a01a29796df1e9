"""Gap-free numbering on PostgreSQL: bookkeepers posting at the same time in one journal and year
get contiguous, unique numbers, and a posting rolled back leaves no hole."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from addons.accounting.charts import load_chart
from core.loader.lifecycle import install

pytestmark = pytest.mark.requires_postgresql

POSTERS = 6
DAY = dt.date(2026, 5, 4)


class Refused(Exception):
    """Raised after posting, inside the transaction, to roll it back."""


@pytest.fixture
def drafts(empty_db):
    """Committed draft entries in the MAH journal, none posted yet: the year's counter row does not exist."""
    install(empty_db, ["accounting"])
    with empty_db.transaction() as env:
        load_chart(env, env.ref("base.main_company"), "tr_tdhp")
        accounts = {a.code: a.id for a in env["accounting.account"].search([])}
        journal = env["accounting.journal"].search([("code", "=", "MAH")])[0]
        moves = env["accounting.move"].create(
            [
                {
                    "journal": journal.id,
                    "date": DAY,
                    "lines": [
                        {"account": accounts["100"], "debit": str(index + 1)},
                        {"account": accounts["500"], "credit": str(index + 1)},
                    ],
                }
                for index in range(POSTERS + 1)
            ]
        )
        return empty_db, list(moves.ids)


def test_concurrent_postings_number_contiguously_and_a_rollback_leaves_no_gap(drafts):
    db, ids = drafts
    # Every poster (and the one that rolls back) waits at the barrier, then posts at once: they
    # race for the year's counter row, which none of them has created yet.
    start = threading.Barrier(POSTERS + 1, timeout=30)

    def post(move_id):
        try:
            with db.transaction() as env:
                move = env["accounting.move"].get(move_id)
                start.wait()
                move.action_post()
                if move_id == ids[0]:
                    raise Refused(move.name)
                return move.name
        except Refused:
            return None

    with ThreadPoolExecutor(POSTERS + 1) as pool:
        results = list(pool.map(post, ids))
    numbers = sorted(name for name in results if name is not None)
    assert numbers == [f"MAH/2026/{n:05d}" for n in range(1, POSTERS + 1)]
    with db.transaction() as env:
        refused = env["accounting.move"].get(ids[0])
        assert (refused.state, refused.name) == ("draft", None)
        refused.action_post()
        assert refused.name == f"MAH/2026/{POSTERS + 1:05d}"
