"""Fixtures of accounting's tests: the main company with Turkey's chart, its accounts and journals,
an entry factory, and the people: a bookkeeper, an adviser, an employee without accounting rights."""

import datetime as dt
import decimal

import pytest

from addons.accounting.charts import load_chart
from core.testing import make_user


@pytest.fixture
def company(env):
    """The main company, with the Tek Düzen Hesap Planı loaded."""
    company = env.ref("base.main_company")
    load_chart(env, company, "tr_tdhp")
    return company


@pytest.fixture
def accounts(env, company):
    """The company's accounts by code: ``accounts["120"]`` is 120 Alıcılar."""
    return {
        account.code: account for account in env["accounting.account"].search([("company", "=", company.id)])
    }


@pytest.fixture
def journals(env, company):
    """The company's journals by code: SAT, ALS, BNK, KSA, MAH."""
    return {
        journal.code: journal for journal in env["accounting.journal"].search([("company", "=", company.id)])
    }


@pytest.fixture
def make_entry(env, accounts, journals):
    """A draft entry in ``journal`` (default MAH) on ``date`` with items given as
    (account code, debit, credit) or (account code, debit, credit, extra values)."""

    def make(*items, journal="MAH", date=dt.date(2026, 3, 10), post=False, target_env=None, **values):
        lines = []
        for code, debit, credit, *extra in items:
            line = {
                "account": accounts[code].id,
                "debit": decimal.Decimal(str(debit)),
                "credit": decimal.Decimal(str(credit)),
            }
            line.update(extra[0] if extra else {})
            lines.append(line)
        moves = (target_env or env)["accounting.move"]
        move = moves.create({"journal": journals[journal].id, "date": date, "lines": lines, **values})
        return move.action_post() if post else move

    return make


@pytest.fixture
def bookkeeper(env, company):
    return make_user(env, "bora", groups=["accounting.group_user"])


@pytest.fixture
def adviser(env, company):
    return make_user(env, "aylin", groups=["accounting.group_adviser"])


@pytest.fixture
def employee(env, company):
    return make_user(env, "emre", groups=["base.group_user"])
