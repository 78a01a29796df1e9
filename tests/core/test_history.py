"""Record history: creations and tracked changes are logged with display values, notes can be
posted, and the messages are an append-only audit trail that users reach through the records."""

import datetime as dt

import pytest
from sqlalchemy import func
from sqlalchemy import select

from core.errors import AccessError
from core.errors import UserError
from core.errors import ValidationError
from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall
from core.orm.environment import ENV_KEY
from core.orm.environment import Environment
from core.testing.queries import count_queries

pytestmark = pytest.mark.addons("history_probe")


@pytest.fixture
def company(env):
    return env.ref("base.main_company")


@pytest.fixture
def other_company(env):
    return env["base.company"].create(
        {"name": "Other Co", "currency": env.ref("base.main_company").currency.id}
    )


def make_user(env, login, company, groups=("base.group_user",)):
    return env["base.user"].create(
        {
            "login": login,
            "name": login.capitalize(),
            "company": company.id,
            "companies": [company.id],
            "groups": [env.ref(group).id for group in groups],
        }
    )


@pytest.fixture
def as_user(env):
    """Run a block as another user on the same session, then give the session back to ``env``."""
    environments = []

    def switch(user):
        user_env = Environment(env.registry, env.session, user_id=user.id)
        environments.append(user_env)
        return user_env

    yield switch
    env.session.info[ENV_KEY] = env


def messages_of(env, record):
    return env["base.message"].search([("model", "=", record._name), ("res_id", "=", record.id)])


def test_creation_is_logged_with_its_author(env, company, as_user):
    user = make_user(env, "ayse", company)
    user_env = as_user(user)
    partner = user_env["base.partner"].create({"name": "Acme"})
    env.session.info[ENV_KEY] = env
    [entry] = partner.history()
    assert (entry["kind"], entry["author"], entry["changes"]) == ("creation", "Ayse", [])
    assert dt.datetime.fromisoformat(entry["created_at"])


def test_tracked_change_logs_old_and_new_display_values(env, company, other_company):
    parent = env["base.partner"].create({"name": "Acme Holding", "is_company": True})
    partner = env["base.partner"].create(
        {"name": "Acme", "rating": "low", "company": company.id, "since": "2024-01-31", "credit": "100"}
    )
    partner.write(
        {
            "name": "Acme Ltd",
            "rating": "high",
            "company": other_company.id,
            "parent": parent.id,
            "since": "2025-02-01",
            "credit": "1500.5",
            "active": False,
        }
    )
    [change, creation] = partner.history()
    assert creation["kind"] == "creation"
    assert change["kind"] == "change"
    assert {c["field"]: (c["label"], c["old"], c["new"]) for c in change["changes"]} == {
        "name": ("Name", "Acme", "Acme Ltd"),
        "rating": ("Rating", "Low", "High"),
        "company": ("Company", company.name, "Other Co"),
        "parent": ("Company", None, "Acme Holding"),
        "since": ("Customer since", "2024-01-31", "2025-02-01"),
        "credit": ("Credit limit", "100.00", "1500.50"),
        "active": ("Active", True, False),
    }


def test_old_values_not_loaded_are_read_from_the_database(env, company):
    partner = env["base.partner"].create({"name": "Acme", "company": company.id, "rating": "low"})
    env.session.expire(partner)
    partner.rating = "high"
    partner.company = None
    env.flush()
    [change, _] = partner.history()
    assert {c["field"]: (c["old"], c["new"]) for c in change["changes"]} == {
        "rating": ("Low", "High"),
        "company": (company.name, None),
    }


def test_untracked_changes_are_not_logged(env):
    partner = env["base.partner"].create({"name": "Acme"})
    partner.write({"city": "İzmir", "score": 3})
    env.flush()
    assert [entry["kind"] for entry in partner.history()] == ["creation"]


def test_several_changes_in_one_flush_give_one_message_per_record(env):
    first, second = env["base.partner"].create([{"name": "Acme"}, {"name": "Beta"}])
    first.name = "Acme Ltd"
    first.email = "info@acme.example"
    second.rating = "high"
    env.flush()
    assert [len(entry["changes"]) for entry in first.history()] == [2, 0]
    assert [c["field"] for c in second.history()[0]["changes"]] == ["rating"]


def test_batch_write_logs_one_message_per_record_with_one_insert(env):
    partners = env["base.partner"].create([{"name": f"Partner {i}", "rating": "low"} for i in range(100)])
    with count_queries(env) as counter:
        partners.write({"rating": "high"})
    inserts = [s for s in counter.statements if s.lstrip().upper().startswith("INSERT INTO BASE_MESSAGE")]
    assert len(inserts) == 1
    message = env.registry["base.message"]
    stmt = select(func.count()).where(
        message.model == "base.partner", message.res_id.in_(partners.ids), message.kind == "change"
    )
    assert env.session.scalar(stmt) == 100
    assert partners[42].history()[0]["changes"] == [
        {"field": "rating", "label": "Rating", "old": "Low", "new": "High"}
    ]


def test_batch_create_logs_creations_with_one_insert(env):
    with count_queries(env) as counter:
        partners = env["base.partner"].create([{"name": f"Partner {i}"} for i in range(50)])
    inserts = [s for s in counter.statements if s.lstrip().upper().startswith("INSERT INTO BASE_MESSAGE")]
    assert len(inserts) == 1
    assert [entry["kind"] for entry in partners[-1].history()] == ["creation"]


def test_notes_are_read_back_newest_first(env):
    partner = env["base.partner"].create({"name": "Acme"})
    partner.post_note("Called about the invoice.")
    partner.post_note("  Sent the contract.  ")
    history = partner.history()
    assert [(entry["kind"], entry["body"]) for entry in history] == [
        ("note", "Sent the contract."),
        ("note", "Called about the invoice."),
        ("creation", None),
    ]
    assert len(partner.history(limit=1)) == 1


def test_an_empty_note_is_refused(env):
    partner = env["base.partner"].create({"name": "Acme"})
    with pytest.raises(ValidationError):
        partner.post_note("   ")


def test_models_without_history_have_none(env):
    country = env["base.country"].search([], limit=1)[0]
    with pytest.raises(UserError, match="keep no history"):
        country.history()


def test_messages_refuse_changes_except_to_the_system(env, company, as_user):
    partner = env["base.partner"].create({"name": "Acme"})
    partner.post_note("First")
    partner.post_note("Second")
    admin_env = as_user(env.ref("base.user_admin"))
    messages = messages_of(admin_env, partner)
    with pytest.raises(AccessError):
        messages[0].write({"body": "Rewritten"})
    with pytest.raises(AccessError):
        messages.write({"body": "Rewritten"})
    with pytest.raises(AccessError):
        messages.unlink()
    messages[0].body = "Rewritten"
    with pytest.raises(AccessError):
        admin_env.flush()
    admin_env.session.expire(messages[0])
    with admin_env.sudo():
        messages = messages_of(admin_env, partner)
        messages[0].write({"body": "Corrected by the system"})
        messages.unlink()
    assert messages_of(admin_env, partner).ids == ()


def test_a_user_cannot_reach_messages_directly(env, company, as_user):
    partner = env["base.partner"].create({"name": "Acme"})
    user_env = as_user(make_user(env, "ayse", company))
    with pytest.raises(AccessError):
        messages_of(user_env, partner)


def test_a_user_reads_and_posts_on_partners_they_can_read_only(env, company, other_company, as_user):
    shared = env["base.partner"].create({"name": "Shared"})
    hidden = env["base.partner"].create({"name": "Elsewhere", "company": other_company.id})
    user = make_user(env, "ayse", company)
    user_env = as_user(user)
    mine = user_env["base.partner"].get(shared.id)
    mine.post_note("Met them at the fair.")
    assert [(e["kind"], e["author"]) for e in mine.history()] == [("note", "Ayse"), ("creation", None)]
    with pytest.raises(AccessError):
        hidden.history()
    with pytest.raises(AccessError):
        hidden.post_note("Not mine.")


def test_deleting_a_record_keeps_its_history(env):
    partner = env["base.partner"].create({"name": "Acme"})
    partner.post_note("Closing the account.")
    partner_id = partner.id
    partner.unlink()
    env.flush()
    kinds = env["base.message"].search([("model", "=", "base.partner"), ("res_id", "=", partner_id)])
    assert [message.kind for message in kinds] == ["note", "creation"]


def test_uninstalling_an_addon_deletes_the_messages_of_its_models(empty_db):
    install(empty_db, ["history_probe"])
    with empty_db.transaction() as env:
        ticket = env["history_probe.ticket"].create({"name": "Printer jam"})
        ticket.post_note("Ordered a new drum.")
        partner_id = env["base.partner"].create({"name": "Acme"}).id
    uninstall(empty_db, ["history_probe"])
    with empty_db.transaction() as env:
        models = {message.model for message in env["base.message"].search([])}
        assert "history_probe.ticket" not in models
        assert [entry["kind"] for entry in env["base.partner"].get(partner_id).history()] == ["creation"]


def test_history_hides_changes_of_fields_the_reader_may_not_see(env, company, as_user):
    partner = env["base.partner"].create({"name": "Kaya Ltd", "company": company.id})
    partner.write({"internal_rating": "risky", "city": "Bursa", "since": "2026-01-05"})
    env.flush()
    user_env = as_user(make_user(env, "selin", company))
    [change] = [m for m in user_env["base.partner"].get(partner.id).history() if m["kind"] == "change"]
    assert [c["field"] for c in change["changes"]] == ["since"]
    assert "risky" not in str(change)
