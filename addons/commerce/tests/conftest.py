"""Fixtures of commerce's tests: taxes of every kind and a currency to round by."""

import pytest


@pytest.fixture
def eur(env):
    return env.ref("base.currency_eur")


@pytest.fixture
def make_tax(env):
    """A tax with ``values`` (a sales tax of ``amount`` percent by default)."""

    def make(name, amount="0", **values):
        return env["commerce.tax"].create({"name": name, "amount": str(amount), **values})

    return make


@pytest.fixture
def vat20(make_tax):
    return make_tax("VAT 20%", 20)


@pytest.fixture
def vat20_included(make_tax):
    return make_tax("VAT 20% incl.", 20, price_include=True)
