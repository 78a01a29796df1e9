"""Overdue follow-ups: the daily job reminds each customer at the level their oldest overdue invoice
reached, once per level and items, in one batch for all partners, per company; with crm installed, each
reminder plans an activity for the customer's salesperson.

The company keeps its books in lira; its default levels are 15, 30 and 60 days.
Invoices to Anadolu: 1,200.00 dated and due 2026-01-15, 500.00 dated and due 2026-02-10.
"""

import datetime as dt
import importlib.util
from decimal import Decimal
from pathlib import Path

import pytest

from addons import accounting
from addons.accounting import followups
from addons.accounting.charts import load_chart
from addons.accounting.followups import create_followups
from core.errors import AccessError
from core.errors import ValidationError
from core.jobs import registered_jobs
from core.testing import as_user
from core.testing import make_user
from core.testing.queries import count_queries

pytestmark = pytest.mark.addons("accounting")
WITH_CRM = pytest.mark.addons("accounting", "crm")
D = Decimal


@pytest.fixture
def overdue(make_invoice, kdv20):
    first = make_invoice((1000, 1, [kdv20]), post=True)
    second = make_invoice((500, 1, []), date=dt.date(2026, 2, 10), post=True)
    return first, second


def summary(reminders):
    return [(f.partner.name, f.level.name, f.amount, len(f.items)) for f in reminders]


def test_the_shipped_levels_remind_at_15_30_and_60_days(env, company):
    levels = env["accounting.followup_level"].search([("company", "=", company.id)])
    assert [(level.days, level.name) for level in levels] == [
        (15, "Friendly reminder"),
        (30, "Second notice"),
        (60, "Final notice"),
    ]


def test_a_reminder_at_the_level_the_oldest_invoice_reached_once(env, overdue, customer):
    assert create_followups(env, dt.date(2026, 1, 29)) == []  # 14 days late: no level yet
    first = create_followups(env, dt.date(2026, 1, 30))
    assert summary(first) == [("Anadolu Makine A.Ş.", "Friendly reminder", D("1200.00"), 1)]
    assert (first[0].state, first[0].date) == ("to_send", dt.date(2026, 1, 30))
    assert create_followups(env, dt.date(2026, 1, 30)) == []
    assert create_followups(env, dt.date(2026, 2, 5)) == []  # same level, same items
    assert "Follow-up Friendly reminder: 1200.00 TRY overdue." in [
        entry["body"] for entry in customer.history()
    ]


def test_a_new_overdue_invoice_and_a_later_level_make_new_reminders(env, overdue):
    create_followups(env, dt.date(2026, 1, 30))
    assert summary(create_followups(env, dt.date(2026, 2, 11))) == [
        ("Anadolu Makine A.Ş.", "Friendly reminder", D("1700.00"), 2)
    ]
    assert summary(create_followups(env, dt.date(2026, 2, 14))) == [
        ("Anadolu Makine A.Ş.", "Second notice", D("1700.00"), 2)
    ]
    assert create_followups(env, dt.date(2026, 3, 1)) == []
    assert summary(create_followups(env, dt.date(2026, 3, 16))) == [
        ("Anadolu Makine A.Ş.", "Final notice", D("1700.00"), 2)
    ]


def test_payments_and_open_credits_lower_what_is_overdue(env, overdue, customer, journals):
    first, _second = overdue
    env["accounting.payment"].register([first], amount=D("200"), date=dt.date(2026, 1, 20))
    unmatched = env["accounting.payment"].create(
        {"partner": customer.id, "amount": "100", "journal": journals["BNK"].id, "date": dt.date(2026, 1, 21)}
    )
    unmatched.action_post()
    assert summary(create_followups(env, dt.date(2026, 1, 31))) == [
        ("Anadolu Makine A.Ş.", "Friendly reminder", D("900.00"), 1)
    ]
    env["accounting.payment"].register([first], date=dt.date(2026, 2, 1))
    assert create_followups(env, dt.date(2026, 2, 20)) == []  # paid; the 500 is 10 days late


def test_a_contacts_invoices_are_their_companys(env, make_invoice, customer):
    buyer = env["base.partner"].create({"name": "Ayşe Yılmaz", "parent": customer.id})
    make_invoice((100, 1, []), partner=buyer.id, post=True)
    make_invoice((50, 1, []), post=True)
    assert summary(create_followups(env, dt.date(2026, 2, 1))) == [
        ("Anadolu Makine A.Ş.", "Friendly reminder", D("150.00"), 2)
    ]


def test_each_company_reminds_with_its_own_levels(env, overdue, lira):
    other = env["base.company"].create({"name": "İkinci Şirket", "currency": lira.id})
    load_chart(env, other, "tr_tdhp")
    env["accounting.followup_level"].search([("company", "=", other.id)]).unlink()
    rhein = env["base.partner"].create({"name": "Rheinwerk GmbH"})
    journal = env["accounting.journal"].search([("company", "=", other.id), ("type", "=", "sale")])[0]
    env["accounting.invoice"].create(
        {
            "partner": rhein.id,
            "company": other.id,
            "journal": journal.id,
            "date": dt.date(2026, 1, 15),
            "lines": [{"description": "Service", "price_unit": "300", "quantity": "1"}],
        }
    ).action_post()
    assert [f.company for f in create_followups(env, dt.date(2026, 3, 1))] == [env.ref("base.main_company")]
    env["accounting.followup_level"].create({"name": "Hatırlatma", "days": 40, "company": other.id})
    reminders = create_followups(env, dt.date(2026, 3, 1))
    assert [(f.company, f.partner, f.level.days, f.amount) for f in reminders] == [
        (other, rhein, 40, D("300.00"))
    ]


def test_a_new_company_gets_the_shipped_levels(env, lira):
    other = env["base.company"].create({"name": "Üçüncü Şirket", "currency": lira.id})
    levels = env["accounting.followup_level"].search([("company", "=", other.id)])
    assert [level.days for level in levels] == [15, 30, 60]


def queries_for(env, make_invoice, count, day):
    """The statements the job runs for ``count`` overdue customers."""
    for index in range(count):
        partner = env["base.partner"].create({"name": f"Müşteri {day.day}-{index}"})
        make_invoice((100, 1, []), partner=partner.id, date=day - dt.timedelta(days=20), post=True)
    env.flush()
    env.session.expire_all()
    with count_queries(env) as counter:
        made = create_followups(env, day)
        env.flush()
    assert len(made) == count
    return counter.statements


def reads(env, make_invoice, count, day):
    return [s for s in queries_for(env, make_invoice, count, day) if not s.lstrip().startswith("INSERT")]


def test_the_job_reads_as_much_for_2_or_10_partners(env, make_invoice):
    assert len(reads(env, make_invoice, 2, dt.date(2026, 2, 10))) == len(
        reads(env, make_invoice, 10, dt.date(2026, 2, 11))
    )


@WITH_CRM
def test_with_crm_the_job_and_its_activities_read_as_much_for_2_or_10_partners(env, make_invoice):
    small = reads(env, make_invoice, 2, dt.date(2026, 2, 10))
    assert len(small) == len(reads(env, make_invoice, 10, dt.date(2026, 2, 11)))
    assert env["crm.activity"].search_count([]) == 12


@pytest.mark.requires_postgresql
@pytest.mark.parametrize("crm", [False, pytest.param(True, marks=WITH_CRM)], ids=["alone", "crm"])
def test_the_job_runs_the_same_queries_for_2_or_10_partners(env, make_invoice, crm):
    """On PostgreSQL, where SQLAlchemy batches the INSERTs of the reminders (SQLite makes one each)."""
    small = queries_for(env, make_invoice, 2, dt.date(2026, 2, 10))
    assert len(small) == len(queries_for(env, make_invoice, 10, dt.date(2026, 2, 11)))
    assert ("crm.activity" in env.registry) is crm


@pytest.fixture
def salesperson(env, customer):
    """Ayşe, a salesperson, who won an opportunity with the customer's buyer (a contact)."""
    ayse = make_user(env, "ayse", groups=["crm.group_user"])
    buyer = env["base.partner"].create({"name": "Deniz Kaya", "parent": customer.id})
    lead = {"name": "Pres hattı", "type": "opportunity", "partner": buyer.id, "user": ayse.id}
    env["crm.lead"].create(lead)
    return ayse


def activities(env):
    return [
        (a.kind, a.summary, a.partner.name, a.date_due, a.user.login if a.user else None, a.state)
        for a in env["crm.activity"].search([], order="id")
    ]


@WITH_CRM
def test_each_reminder_plans_an_activity_for_the_customers_salesperson(env, overdue, salesperson):
    create_followups(env, dt.date(2026, 1, 30))
    create_followups(env, dt.date(2026, 1, 31))
    create_followups(env, dt.date(2026, 2, 14))
    # An email at the first level, a call at the later ones; nothing new while no new level is reached.
    assert activities(env) == [
        (
            "email",
            "Payment reminder, Friendly reminder: 1200.00 TRY overdue",
            "Anadolu Makine A.Ş.",
            dt.date(2026, 1, 30),
            "ayse",
            "planned",
        ),
        (
            "call",
            "Payment reminder, Second notice: 1700.00 TRY overdue",
            "Anadolu Makine A.Ş.",
            dt.date(2026, 2, 14),
            "ayse",
            "planned",
        ),
    ]


@WITH_CRM
def test_a_customer_without_salesperson_gets_an_unassigned_activity(env, overdue):
    create_followups(env, dt.date(2026, 1, 30))
    [(kind, _summary, _partner, _date, user, _state)] = activities(env)
    assert (kind, user) == ("email", None)


@WITH_CRM
def test_salespeople_see_the_activities_of_their_customers_only(env, overdue, salesperson, make_invoice):
    other = env["base.partner"].create({"name": "Kuzey Tekstil", "is_company": True})
    make_invoice((300, 1, []), partner=other.id, post=True)
    create_followups(env, dt.date(2026, 1, 30))
    with as_user(env, salesperson) as user_env:
        seen = user_env["crm.activity"].search([])
        assert [a.partner.name for a in seen] == ["Anadolu Makine A.Ş."]
    assert env["crm.activity"].search_count([("partner", "=", other.id), ("user", "not set", 0)]) == 1


@WITH_CRM
def test_marking_the_reminder_sent_leaves_its_activity_to_crm(env, overdue, salesperson):
    [reminder] = create_followups(env, dt.date(2026, 1, 30))
    reminder.action_mark_sent()
    [activity] = env["crm.activity"].search([])
    assert activity.state == "planned"
    activity.action_done("Ödeme haftaya")
    assert (activity.state, reminder.state) == ("done", "sent")


def test_without_crm_the_job_only_makes_reminders(env, overdue):
    assert "crm.activity" not in env.registry
    assert summary(create_followups(env, dt.date(2026, 1, 30))) == [
        ("Anadolu Makine A.Ş.", "Friendly reminder", D("1200.00"), 1)
    ]


def test_marking_a_reminder_sent_happens_once(env, overdue):
    [reminder] = create_followups(env, dt.date(2026, 1, 30))
    reminder.action_mark_sent()
    assert reminder.state == "sent"
    with pytest.raises(ValidationError):
        reminder.action_mark_sent()


def test_the_letter_fills_the_placeholders_in_the_partners_language(env, overdue, db):
    [reminder] = create_followups(env, dt.date(2026, 2, 14))
    english = followups.letter(reminder, followups.translator(db.registry, "en"))
    assert english.startswith("Dear Anadolu Makine A.Ş.,") and "1,700.00" in english
    assert "{" not in english
    reminder.level.text = "Sayın {partner}, {amount} ({days} gün) — {unknown}"
    turkish = followups.letter(reminder, followups.translator(db.registry, "tr"))
    assert turkish == "Sayın Anadolu Makine A.Ş., ₺1.700,00 (30 gün) — {unknown}"


def test_hook_register_jobs_offers_the_daily_follow_ups(db):
    job = registered_jobs(db)["accounting.followups"]
    assert job.interval == dt.timedelta(days=1)


def test_advisers_configure_levels_and_bookkeepers_mark_reminders_sent(env, overdue, bookkeeper, adviser):
    [reminder] = create_followups(env, dt.date(2026, 1, 30))
    with as_user(env, bookkeeper) as user_env:
        with pytest.raises(AccessError):
            user_env["accounting.followup_level"].create({"name": "Telefon", "days": 20})
        sent = user_env["accounting.followup"].get(reminder.id).action_mark_sent()
        user_env.flush()
        assert sent.state == "sent"
    with as_user(env, adviser) as user_env:
        level = user_env["accounting.followup_level"].create({"name": "Telefon", "days": 20})
        user_env.flush()
        assert level.company.id == env.ref("base.main_company").id


def test_upgrading_to_1_2_gives_companies_without_levels_the_shipped_ones(env):
    script = Path(accounting.__file__).parent / "migrations" / "1.2.0.py"
    spec = importlib.util.spec_from_file_location("accounting_migration_1_2_0", script)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    company = env.ref("base.main_company")
    env["accounting.followup_level"].search([("company", "=", company.id)]).unlink()
    migration.migrate(None, env)
    migration.migrate(None, env)  # run twice: nothing doubles
    levels = env["accounting.followup_level"].search([("company", "=", company.id)])
    assert [level.days for level in levels] == [15, 30, 60]
