"""Fixtures of purchase's tests: vendors, storable products with vendor prices, buyers, an order factory."""

import pytest

from core.testing import make_user


@pytest.fixture
def eur(env):
    return env.ref("base.currency_eur")


@pytest.fixture
def warehouse(env):
    return env.ref("stock.warehouse_main")


@pytest.fixture
def vendor(env):
    return env["base.partner"].create({"name": "Marmara Döküm A.Ş.", "is_company": True})


@pytest.fixture
def other_vendor(env):
    return env["base.partner"].create({"name": "Baltic Industrial Supply Ltd", "is_company": True})


@pytest.fixture
def bolt(env, eur):
    return env["product.product"].create(
        {"name": "Bolt M8", "default_code": "BLT-8", "type": "storable", "currency": eur.id, "cost": "0.50"}
    )


@pytest.fixture
def nut(env, eur):
    return env["product.product"].create(
        {"name": "Nut M8", "default_code": "NUT-8", "type": "consumable", "currency": eur.id, "cost": "0.20"}
    )


@pytest.fixture
def audit(env, eur):
    return env["product.product"].create(
        {
            "name": "Supplier audit",
            "default_code": "AUD",
            "type": "service",
            "currency": eur.id,
            "cost": "300",
        }
    )


@pytest.fixture
def make_price(env, vendor, eur):
    """A vendor price of ``product`` (by default the ``vendor`` fixture's, in EUR)."""

    def make(product, price, **values):
        values.setdefault("partner", vendor.id)
        values.setdefault("currency", eur.id)
        return env["purchase.vendor_price"].create({"product": product.id, "price": str(price), **values})

    return make


@pytest.fixture
def make_order(env, vendor):
    """A request for quotation to the vendor with ``lines`` (dicts of line values) and other values."""

    def make(lines=(), **values):
        values.setdefault("partner", vendor.id)
        return env["purchase.order"].create({**values, "lines": [dict(line) for line in lines]})

    return make


@pytest.fixture
def buyer(env):
    return make_user(env, "burak", groups=["purchase.group_user"])


@pytest.fixture
def purchase_manager(env):
    return make_user(env, "pinar", groups=["purchase.group_manager"])


@pytest.fixture
def storekeeper(env):
    return make_user(env, "selim", groups=["stock.group_user"])
