"""Who reaches what: bookkeepers, advisers, other employees, and the books of other companies."""

import datetime as dt

import pytest

from addons.accounting.charts import load_chart
from addons.accounting.reporting import Filters
from addons.accounting.reporting import trial_balance
from core.errors import AccessError
from core.testing import as_user
from core.testing import make_user

pytestmark = pytest.mark.addons("accounting")

MODELS = (
    "accounting.account",
    "accounting.journal",
    "accounting.move",
    "accounting.move_line",
    "accounting.fiscal_year",
    "accounting.analytic_account",
)


@pytest.mark.parametrize("model", MODELS)
def test_other_employees_see_nothing_of_accounting(env, employee, model):
    with as_user(env, employee) as user_env, pytest.raises(AccessError):
        user_env[model].search([])


def test_other_employees_get_no_report(env, company, employee, make_entry):
    make_entry(("100", 1, 0), ("500", 0, 1), post=True)
    with as_user(env, employee) as user_env, pytest.raises(AccessError):
        trial_balance(user_env, Filters(company=company.id))


def test_a_bookkeeper_records_entries_and_reads_the_configuration_without_changing_it(
    env, accounts, journals, bookkeeper
):
    with as_user(env, bookkeeper) as user_env:
        move = user_env["accounting.move"].create(
            {
                "journal": journals["KSA"].id,
                "date": dt.date(2026, 3, 3),
                "lines": [
                    {"account": accounts["770"].id, "debit": "45", "name": "Kırtasiye"},
                    {"account": accounts["100"].id, "credit": "45"},
                ],
            }
        )
        assert move.action_post().name == "KSA/2026/00001"
        assert user_env["accounting.account"].search_count([]) == len(accounts)
        with pytest.raises(AccessError):
            user_env["accounting.account"].create({"code": "999", "name": "Mine", "type": "expense"})
        with pytest.raises(AccessError):
            user_env["accounting.journal"].get(journals["KSA"].id).write({"name": "Petty cash"})
            user_env.flush()
        with pytest.raises(AccessError):
            user_env["accounting.fiscal_year"].create(
                {"name": "2026", "date_from": dt.date(2026, 1, 1), "date_to": dt.date(2026, 12, 31)}
            )


def test_an_adviser_keeps_the_chart_and_the_calendar(env, company, adviser):
    with as_user(env, adviser) as user_env:
        account = user_env["accounting.account"].create(
            {"code": "102.01", "name": "Garanti Bankası", "type": "bank"}
        )
        assert (account.company.id, account.reconcile) == (company.id, False)
        year = user_env["accounting.fiscal_year"].create(
            {"name": "2026", "date_from": dt.date(2026, 1, 1), "date_to": dt.date(2026, 12, 31)}
        )
        assert year.state == "open"


def test_each_company_keeps_its_books_apart(env, company, make_entry, bookkeeper):
    make_entry(("100", 1, 0), ("500", 0, 1), post=True)
    other = env["base.company"].create({"name": "Anadolu Şube", "currency": env.ref("base.currency_try").id})
    load_chart(env, other, "tr_tdhp")
    outsider = make_user(env, "deniz", groups=["accounting.group_adviser"], companies=[other])
    with as_user(env, outsider) as user_env:
        assert user_env["accounting.move"].search_count([]) == 0
        assert user_env["accounting.account"].search_count([("company", "=", company.id)]) == 0
        assert trial_balance(user_env, Filters(company=company.id)) == []
    with as_user(env, bookkeeper) as user_env:
        assert user_env["accounting.move"].search_count([]) == 1
        assert user_env["accounting.account"].search_count([("company", "=", other.id)]) == 0
