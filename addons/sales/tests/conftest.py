"""Fixtures of sales' tests: taxes, products, a customer, users in the sales groups, an order factory;
with accounting, the main company's Tek Düzen chart and a sales KDV."""

import pytest

from addons.accounting.charts import load_chart
from core.testing import make_user


@pytest.fixture
def eur(env):
    return env.ref("base.currency_eur")


@pytest.fixture
def vat20(env):
    return env["commerce.tax"].create({"name": "VAT 20%", "amount": "20"})


@pytest.fixture
def vat20_included(env):
    return env["commerce.tax"].create({"name": "VAT 20% incl.", "amount": "20", "price_include": True})


@pytest.fixture
def customer(env):
    return env["base.partner"].create({"name": "Anadolu Makine A.Ş.", "is_company": True})


@pytest.fixture
def machines(env):
    return env["product.category"].create({"name": "Machines"})


@pytest.fixture
def drill(env, machines, eur):
    return env["product.product"].create(
        {"name": "Drill", "default_code": "DR-1", "category": machines.id, "currency": eur.id,
         "sale_price": "100.00", "cost": "60.00"}
    )  # fmt: skip


@pytest.fixture
def salesperson(env):
    return make_user(env, "selin", groups=["sales.group_user"])


@pytest.fixture
def manager(env):
    return make_user(env, "maria", groups=["sales.group_manager"])


@pytest.fixture
def make_order(env, customer):
    """An order for the customer with ``lines`` (dicts of line values) and other values."""

    def make(lines=(), **values):
        values.setdefault("partner", customer.id)
        return env["sales.order"].create({**values, "lines": [dict(line) for line in lines]})

    return make


@pytest.fixture
def books(env):
    """The main company with the Tek Düzen Hesap Planı (needs accounting): its accounts by code."""
    company = env.ref("base.main_company")
    load_chart(env, company, "tr_tdhp")
    return {
        account.code: account for account in env["accounting.account"].search([("company", "=", company.id)])
    }


@pytest.fixture
def kdv(env, books):
    return env["commerce.tax"].create({"name": "KDV %20", "amount": "20", "scope": "sale"})
