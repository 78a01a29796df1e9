"""Posted entries never change and are never deleted: ORM, attribute assignment, the system, the API."""

import datetime as dt
from decimal import Decimal

import pytest
from api_client import ApiClient
from api_client import make_user as make_api_user

from addons.accounting.charts import load_chart
from core.errors import UserError
from core.errors import ValidationError
from core.web import create_app

pytestmark = pytest.mark.addons("accounting")


@pytest.fixture
def posted(make_entry):
    return make_entry(("100", "250", 0), ("500", 0, "250"), post=True)


def test_writing_a_posted_entry_is_refused(env, posted):
    posted.write({"ref": "Changed"})
    with pytest.raises(ValidationError, match="is posted: it cannot change") as refused:
        env.flush()
    assert refused.value.fields == {"ref": "Posted."}


def test_assigning_a_field_of_a_posted_entry_is_refused(env, posted):
    posted.date = dt.date(2026, 3, 11)
    with pytest.raises(ValidationError, match="is posted"):
        env.flush()


def test_a_posted_entry_cannot_go_back_to_draft(env, posted):
    posted.state = "draft"
    with pytest.raises(ValidationError, match="is posted"):
        env.flush()


def test_writing_an_item_of_a_posted_entry_is_refused(env, posted):
    posted.lines[0].write({"debit": "300"})
    with pytest.raises(ValidationError, match="its items cannot change") as refused:
        env.flush()
    assert refused.value.fields == {"debit": "Posted.", "balance": "Posted."}


def test_assigning_an_item_field_of_a_posted_entry_is_refused(env, posted):
    posted.lines[1].name = "Another label"
    with pytest.raises(ValidationError, match="its items cannot change"):
        env.flush()


def test_adding_an_item_to_a_posted_entry_is_refused(env, posted, accounts):
    with pytest.raises(ValidationError, match="its items cannot change"):
        env["accounting.move_line"].create({"move": posted.id, "account": accounts["100"].id, "debit": "1"})


def test_deleting_an_item_of_a_posted_entry_is_refused(posted):
    with pytest.raises(UserError, match="its items cannot be deleted"):
        posted.lines[0].unlink()


def test_removing_items_from_a_posted_entry_is_refused(env, posted):
    posted.lines = [posted.lines[0]]
    with pytest.raises(ValidationError, match="is posted"):
        env.flush()


def test_a_posted_entry_cannot_be_deleted_even_by_the_system(env, posted):
    assert env.su
    with pytest.raises(UserError, match="cannot be deleted. Reverse it instead"):
        posted.unlink()
    with pytest.raises(UserError, match="cannot be deleted"):
        env["accounting.move"].search([("id", "=", posted.id)]).unlink()
    assert posted.state == "posted" and posted.amount_total == Decimal("250.00")


def test_drafts_change_and_go_freely(env, make_entry):
    draft = make_entry(("100", "1", 0), ("500", 0, "1"))
    draft.write(
        {
            "ref": "Fixed",
            "lines": [
                {"id": line.id, "debit": line.debit * 2, "credit": line.credit * 2} for line in draft.lines
            ],
        }
    )
    env.flush()
    assert draft.amount_total == Decimal("2.00")
    draft.unlink()
    env.flush()


@pytest.fixture(scope="module")
def api_db(tessera_databases):
    with tessera_databases.installed("accounting_api", ["accounting"]) as db:
        with db.transaction() as env:
            company = env.ref("base.main_company")
            load_chart(env, company, "tr_tdhp")
        yield db


@pytest.fixture(scope="module")
def api_entry(api_db):
    """A posted entry, committed, and the id of one of its items."""
    with api_db.transaction() as env:
        accounts = {a.code: a.id for a in env["accounting.account"].search([])}
        journal = env["accounting.journal"].search([("code", "=", "MAH")])[0]
        move = env["accounting.move"].create(
            {
                "journal": journal.id,
                "date": dt.date(2026, 3, 2),
                "lines": [
                    {"account": accounts["102"], "debit": "90"},
                    {"account": accounts["500"], "credit": "90"},
                ],
            }
        )
        move.action_post()
        return move.id, move.lines[0].id


@pytest.fixture(scope="module")
def bookkeeper_client(api_db, cheap_hashing_module):
    app = create_app(api_db, secret_key="k" * 40)
    return ApiClient(app, make_api_user(api_db, ("accounting.group_adviser",))[1])


@pytest.fixture(scope="module")
def cheap_hashing_module():
    from core.testing import cheap_hashing

    with cheap_hashing():
        yield


def test_the_json_api_refuses_to_change_or_delete_posted_entries(bookkeeper_client, api_entry, api_db):
    move_id, line_id = api_entry
    changed = bookkeeper_client.patch(f"/api/v1/accounting.move/{move_id}", {"ref": "Changed"})
    assert changed.status_code == 400, changed.get_data(as_text=True)
    assert "is posted" in changed.get_json()["message"]
    item = bookkeeper_client.patch(f"/api/v1/accounting.move_line/{line_id}", {"debit": "91"})
    assert item.status_code == 400 and "cannot change" in item.get_json()["message"]
    assert bookkeeper_client.delete(f"/api/v1/accounting.move/{move_id}").status_code == 400
    assert bookkeeper_client.delete(f"/api/v1/accounting.move_line/{line_id}").status_code == 400
    with api_db.transaction() as env:
        move = env["accounting.move"].get(move_id)
        assert (move.ref, move.state, move.lines[0].debit) == (None, "posted", Decimal("90.00"))
