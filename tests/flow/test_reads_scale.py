"""Reading a page of any model costs as many queries as reading a few of its records.

Lists, exports and the JSON API read records in pages (`RecordSet.read`): the
relations of the page load in one query each and fields computed on read run
once for the page (`core.orm.compute.computes_batch`). Over every model of
every business addon, with the demo data, reading 12 records may cost a few
more queries than reading 3 (one per distinct currency or lot among them),
never one more per record.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from core.loader.lifecycle import install
from core.testing.queries import count_queries

ADDONS = ["crm", "sales", "stock", "purchase", "accounting"]
FEW, PAGE = 3, 12
SLACK = 4  # distinct values among the records (currencies and their rates, lots): bounded, not per row


@pytest.fixture(scope="module")
def demo_db(tessera_databases: Any) -> Iterator[Any]:
    db = tessera_databases.create("reads_scale")
    try:
        install(db, ADDONS, demo=True)
        yield db
    finally:
        tessera_databases.release(db)


def queries_to_read(db: Any, model: str, ids: list[int]) -> int:
    with db.transaction() as env, count_queries(env) as counter:
        env[model].browse(ids).read()
    return counter.count


def test_no_model_reads_a_page_in_one_query_per_record(demo_db: Any) -> None:
    grown = {}
    checked = 0
    for model in sorted(demo_db.registry.models):
        if model in demo_db.registry.reports:
            continue
        with demo_db.transaction() as env:
            ids = [record.id for record in env[model].search([], limit=PAGE)]
        if len(ids) < PAGE:
            continue
        checked += 1
        few, many = queries_to_read(demo_db, model, ids[:FEW]), queries_to_read(demo_db, model, ids)
        if many - few > SLACK:
            grown[model] = (few, many)
    assert checked >= 20  # the demo fills most models: the test reads them
    assert grown == {}, f"queries for {FEW} and {PAGE} records: {grown}"
