"""Fixtures of purchase's tests: vendors, storable products with vendor prices, buyers, an order factory."""

import decimal

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


# -- with accounting: bills of orders --------------------------------------------------------


@pytest.fixture
def books(env):
    """The main company (EUR) with the Tek Düzen chart: purchase journal ALS, stock journal STJ."""
    from addons.accounting.charts import load_chart

    company = env.ref("base.main_company")
    load_chart(env, company, "tr_tdhp")
    return company


@pytest.fixture
def kdv20(env):
    """A purchase tax of 20 %."""
    return env["commerce.tax"].create({"name": "KDV %20 (alış)", "scope": "purchase", "amount": "20"})


@pytest.fixture
def chair(env, eur):
    """A storable chair costed at the average, with no vendor price (lines give their price)."""
    return env["product.product"].create(
        {"name": "Chair", "default_code": "CH-1", "type": "storable", "currency": eur.id}
    )


@pytest.fixture
def bookkeeper(env, books):
    return make_user(env, "bora", groups=["accounting.group_user"])


@pytest.fixture
def adviser(env, books):
    return make_user(env, "aylin", groups=["accounting.group_adviser"])


@pytest.fixture
def confirmed(make_order):
    """A confirmed order of (product, quantity, price[, extra values]) lines."""

    def make(*lines, **values):
        order = make_order(
            [
                {
                    "product": product.id,
                    "quantity": str(quantity),
                    "price_unit": str(price),
                    **(extra[0] if extra else {}),
                }
                for product, quantity, price, *extra in lines
            ],
            **values,
        )
        return order.action_confirm()

    return make


@pytest.fixture
def receive_order():
    """Validate an order's open receipt for ``quantities`` per product (all of it by default)."""

    def receive(order, quantities=None):
        [picking] = [p for p in order.receipts if p.state not in ("done", "cancelled")]
        if quantities is not None:
            for move in picking.moves:
                for line in move.lines:
                    line.write({"quantity": decimal.Decimal(str(quantities.get(move.product, 0)))})
        picking.action_validate()
        return picking

    return receive


@pytest.fixture
def deliver(env, warehouse):
    """Deliver ``quantity`` of ``product`` from the main warehouse to a customer."""

    def deliver(product, quantity):
        picking = env["stock.picking"].create(
            {
                "kind": "outgoing",
                "warehouse": warehouse.id,
                "moves": [{"product": product.id, "quantity": decimal.Decimal(str(quantity))}],
            }
        )
        picking.action_confirm()
        picking.action_validate()
        return picking

    return deliver
