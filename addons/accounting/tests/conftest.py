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


@pytest.fixture
def lira(env, company):
    """The main company keeping its books in Turkish lira, with euro rates: 1 EUR = 40 TRY from
    2026-01-01, 40.96 TRY from 2026-02-01, 39.0625 TRY from 2026-03-01 (exact reciprocals)."""
    try_ = env.ref("base.currency_try")
    eur = env.ref("base.currency_eur")
    company.write({"currency": try_.id})
    env["base.currency_rate"].create(
        [
            {"currency": try_.id, "date": dt.date(2020, 1, 1), "rate": "1"},
            {"currency": eur.id, "date": dt.date(2026, 1, 1), "rate": "0.025"},
            {"currency": eur.id, "date": dt.date(2026, 2, 1), "rate": "0.0244140625"},
            {"currency": eur.id, "date": dt.date(2026, 3, 1), "rate": "0.0256"},
        ]
    )
    env.flush()
    return try_


@pytest.fixture
def customer(env):
    return env["base.partner"].create({"name": "Anadolu Makine A.Ş.", "is_company": True})


@pytest.fixture
def vendor(env):
    return env["base.partner"].create({"name": "Ege Döküm Ltd.", "is_company": True})


@pytest.fixture
def kdv20(env, accounts):
    """KDV %20 on sales: credited to 391, and debited to 191 on credit notes (Turkish practice)."""
    return env["commerce.tax"].create(
        {
            "name": "KDV %20",
            "amount": "20",
            "account": accounts["391"].id,
            "refund_account": accounts["191"].id,
        }
    )


@pytest.fixture
def kdv20_purchase(env, accounts):
    return env["commerce.tax"].create(
        {
            "name": "İndirilecek KDV %20",
            "amount": "20",
            "scope": "purchase",
            "account": accounts["191"].id,
            "refund_account": accounts["391"].id,
        }
    )


@pytest.fixture
def make_invoice(env, lira, customer):
    """A draft invoice of ``lines`` given as (price, quantity, taxes[, extra line values]), dated
    2026-01-15, to the customer in lira unless ``values`` say otherwise."""

    def make(*lines, post=False, **values):
        vals = {"partner": customer.id, "date": dt.date(2026, 1, 15), **values}
        vals["lines"] = [
            {
                "description": f"Line {index + 1}",
                "price_unit": str(price),
                "quantity": str(quantity),
                "taxes": [tax.id for tax in taxes],
                **(extra[0] if extra else {}),
            }
            for index, (price, quantity, taxes, *extra) in enumerate(lines)
        ]
        invoice = env["accounting.invoice"].create(vals)
        return invoice.action_post() if post else invoice

    return make


@pytest.fixture
def booked():
    """A function giving an entry's items as (account code, debit, credit), in their order, as text."""

    def items(move):
        return [(line.account.code, f"{line.debit:.2f}", f"{line.credit:.2f}") for line in move.lines]

    return items
