"""Document numbers: formatting, yearly restart, company sequences, gap-free and standard modes."""

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from core.errors import UserError
from core.loader.lifecycle import install
from core.orm.sequences import ensure_sequence
from core.orm.sequences import next_number
from core.testing import as_user
from core.testing import make_user

MARCH_2026 = dt.date(2026, 3, 1)


def test_formats_prefix_year_and_padding(env):
    ensure_sequence(env, "test.order", "Orders", "SO/{year}/", 5)
    assert next_number(env, "test.order", on=MARCH_2026) == "SO/2026/00001"
    assert next_number(env, "test.order", on=MARCH_2026) == "SO/2026/00002"


def test_each_year_counts_from_one(env):
    ensure_sequence(env, "test.invoice", "Invoices", "INV/{year}/", 4, gap_free=True)
    assert next_number(env, "test.invoice", on=dt.date(2025, 12, 31)) == "INV/2025/0001"
    assert next_number(env, "test.invoice", on=dt.date(2026, 1, 1)) == "INV/2026/0001"
    assert next_number(env, "test.invoice", on=dt.date(2025, 12, 30)) == "INV/2025/0002"
    assert next_number(env, "test.invoice", on=dt.date(2026, 1, 2)) == "INV/2026/0002"


def test_the_year_is_the_users_so_new_year_in_istanbul_numbers_in_the_new_year(env):
    ensure_sequence(env, "test.ticket", "Tickets", "T{year}-", 3)
    env.context["tz"] = "Europe/Istanbul"
    year = dt.datetime.now(env.tz).year
    assert next_number(env, "test.ticket") == f"T{year}-001"
    just_after_midnight = dt.datetime(2041, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert next_number(env, "test.ticket", on=just_after_midnight) == "T2041-001"
    env.context["tz"] = "UTC"
    assert next_number(env, "test.ticket", on=just_after_midnight) == "T2040-001"


def test_without_year_the_count_never_restarts(env):
    ensure_sequence(env, "test.partner", "Partner codes", "P-", 3)
    assert next_number(env, "test.partner", on=dt.date(2025, 1, 1)) == "P-001"
    assert next_number(env, "test.partner", on=dt.date(2026, 1, 1)) == "P-002"


def test_unknown_code_is_a_user_error_naming_it(env):
    with pytest.raises(UserError, match="'test.nothing'"):
        next_number(env, "test.nothing")


def test_a_company_sequence_wins_over_the_shared_one(env):
    main = env.ref("base.main_company")
    other = env["base.company"].create({"name": "Other", "currency": main.currency_id})
    ensure_sequence(env, "test.order", "Orders", "ALL/", 2)
    env["base.sequence"].create(
        {"code": "test.order", "name": "Main orders", "prefix": "MC/", "company": main.id}
    )
    assert next_number(env, "test.order", company=main) == "MC/00001"
    assert next_number(env, "test.order", company=other.id) == "ALL/01"
    assert next_number(env, "test.order") == "ALL/02"


def test_ensure_sequence_keeps_an_existing_one_unchanged(env):
    first = ensure_sequence(env, "test.order", "Orders", "SO/", 5)
    first.write({"prefix": "ORD-"})
    again = ensure_sequence(env, "test.order", "Orders", "SO/", 5)
    assert again.id == first.id
    assert again.prefix == "ORD-"
    assert env["base.sequence"].search_count([("code", "=", "test.order")]) == 1


@pytest.mark.parametrize("gap_free", [True, False])
def test_numbering_carries_on_from_an_imported_counter(env, gap_free):
    sequence = ensure_sequence(env, "test.order", "Orders", "SO/{year}/", 5, gap_free=gap_free)
    env["base.sequence_number"].create({"sequence": sequence.id, "year": 2026, "next_number": 42})
    assert next_number(env, "test.order", on=MARCH_2026) == "SO/2026/00042"
    assert next_number(env, "test.order", on=MARCH_2026) == "SO/2026/00043"


def test_gap_free_rollback_gives_the_number_back(env):
    ensure_sequence(env, "test.invoice", "Invoices", "INV/", 3, gap_free=True)
    assert next_number(env, "test.invoice") == "INV/001"
    with pytest.raises(RuntimeError), env.session.begin_nested():
        assert next_number(env, "test.invoice") == "INV/002"
        raise RuntimeError("the invoice is refused")
    assert next_number(env, "test.invoice") == "INV/002"


# -- concurrent transactions on PostgreSQL ------------------------------------------------


class Refused(Exception):
    """Raised inside a transaction to roll it back on purpose."""


@pytest.fixture
def committed_db(empty_db):
    install(empty_db, ["base"])
    return empty_db


def create_sequence(db, gap_free):
    with db.transaction() as env:
        ensure_sequence(env, "test.doc", "Documents", "D", 4, gap_free=gap_free)


def take_concurrently(db, threads=8, per_thread=10):
    """Numbers committed and numbers rolled back by ``threads`` × ``per_thread`` transactions."""
    committed, refused, lock = [], [], threading.Lock()
    start = threading.Barrier(threads)

    def worker(index):
        start.wait()
        for round_ in range(per_thread):
            try:
                with db.transaction() as env:
                    number = int(next_number(env, "test.doc")[1:])
                    if (index + round_) % 3 == 0:
                        raise Refused(number)
            except Refused as error:
                with lock:
                    refused.append(error.args[0])
            else:
                with lock:
                    committed.append(number)

    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(worker, index) for index in range(threads)]:
            future.result()
    return committed, refused


@pytest.mark.requires_postgresql
def test_gap_free_numbers_have_no_hole_under_concurrency(committed_db):
    create_sequence(committed_db, gap_free=True)
    committed, refused = take_concurrently(committed_db)
    assert refused
    assert len(committed) + len(refused) == 80
    assert sorted(committed) == list(range(1, len(committed) + 1))


@pytest.mark.requires_postgresql
def test_gap_free_transactions_wait_for_the_holder_of_the_number(committed_db):
    create_sequence(committed_db, gap_free=True)
    with committed_db.transaction() as env:
        assert next_number(env, "test.doc") == "D0001"
    with committed_db.transaction() as holder:
        assert next_number(holder, "test.doc") == "D0002"
        with pytest.raises(OperationalError, match="lock timeout"), committed_db.transaction() as waiter:
            waiter.session.execute(text("SET LOCAL lock_timeout = '200ms'"))
            next_number(waiter, "test.doc")
    with committed_db.transaction() as env:
        assert next_number(env, "test.doc") == "D0003"


@pytest.mark.requires_postgresql
def test_standard_numbers_are_unique_under_concurrency(committed_db):
    create_sequence(committed_db, gap_free=False)
    committed, refused = take_concurrently(committed_db)
    assert len(committed) + len(refused) == 80
    # A number taken by a transaction that rolled back was never stored; the one
    # case where it is given again is when that transaction had created the
    # year's sequence (the creation rolls back with it). Stored numbers never repeat.
    assert len(set(committed)) == len(committed)


@pytest.mark.requires_postgresql
def test_standard_numbers_do_not_wait_for_open_transactions(committed_db):
    create_sequence(committed_db, gap_free=False)
    with committed_db.transaction() as env:
        assert next_number(env, "test.doc") == "D0001"
    with committed_db.transaction() as holder:
        assert next_number(holder, "test.doc") == "D0002"
        with committed_db.transaction() as other:
            other.session.execute(text("SET LOCAL lock_timeout = '200ms'"))
            assert next_number(other, "test.doc") == "D0003"
        with committed_db.transaction() as refused_one, pytest.raises(Refused):
            next_number(refused_one, "test.doc")
            raise Refused
    with committed_db.transaction() as env:
        assert next_number(env, "test.doc") == "D0005"


def test_a_user_without_rights_on_sequences_numbers_their_documents(env):
    ensure_sequence(env, "test.ticket", "Tickets", "T", 3)
    user = make_user(env, "clerk")
    with as_user(env, user) as user_env:
        assert user_env.access.allows("base.sequence", "read") is False
        assert next_number(user_env, "test.ticket") == "T001"
