"""Creating a batch whose many2ones name existing records costs the same number of queries
however many records it creates and however many distinct targets they name: the targets are
loaded in one query per model, and kept until the session ends so creation finds them there."""

import pytest

from core.testing.queries import count_queries


def existing_ids(env, model, vals_list):
    """Ids of new records of ``model``, with none of them left referenced here (as when a
    request names records it has not read)."""
    ids = list(env[model].create(vals_list).ids)
    env.session.expire_all()
    return ids


def selects_to_create(env, count, *, one_by_one):
    """The SELECTs run creating ``count`` contacts, each of another existing company partner and
    company. ``one_by_one`` adds an empty one2many value, which takes the path building each
    record (`Model.new`) rather than the one-INSERT batch."""
    currency = env.ref("base.main_company").currency.id
    companies = existing_ids(
        env, "base.company", [{"name": f"Co {i}", "currency": currency} for i in range(count)]
    )
    parents = existing_ids(
        env, "base.partner", [{"name": f"Firm {i}", "is_company": True} for i in range(count)]
    )
    vals_list = [
        {"name": f"Contact {i}", "parent": parent, "company": company}
        | ({"contacts": []} if one_by_one else {})
        for i, (parent, company) in enumerate(zip(parents, companies, strict=True))
    ]
    with count_queries(env) as counter:
        env["base.partner"].create(vals_list)
        env.flush()
    return [s for s in counter.statements if s.lstrip().upper().startswith("SELECT")]


@pytest.mark.parametrize("one_by_one", [False, True], ids=["one insert", "record by record"])
def test_creating_10_records_naming_10_targets_selects_as_often_as_2_naming_2(env, one_by_one):
    few = selects_to_create(env, 2, one_by_one=one_by_one)
    many = selects_to_create(env, 10, one_by_one=one_by_one)
    assert len(many) == len(few), "\n".join(many)
