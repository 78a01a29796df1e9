"""Fixtures of stock's tests: the main warehouse, storable products, partners, a transfer factory."""

import decimal

import pytest

from core.testing import make_user


@pytest.fixture
def warehouse(env):
    return env.ref("stock.warehouse_main")


@pytest.fixture
def stock(warehouse):
    return warehouse.lot_stock


@pytest.fixture
def suppliers(env):
    return env.ref("stock.location_suppliers")


@pytest.fixture
def customers(env):
    return env.ref("stock.location_customers")


@pytest.fixture
def chair(env):
    return env["product.product"].create(
        {"name": "Chair", "default_code": "CH-1", "type": "storable", "cost": "40.00", "sale_price": "90.00"}
    )


@pytest.fixture
def desk(env):
    return env["product.product"].create(
        {"name": "Desk", "default_code": "DK-1", "type": "storable", "cost": "150.00", "sale_price": "300.00"}
    )


@pytest.fixture
def vendor(env):
    return env["base.partner"].create({"name": "Ege Mobilya Ltd.", "is_company": True})


@pytest.fixture
def customer(env):
    return env["base.partner"].create({"name": "Zsófia Kertész"})


@pytest.fixture
def make_picking(env, warehouse):
    """A confirmed transfer of ``kind`` with one move per (product, quantity[, price])."""

    def make(kind, *lines, confirm=True, **values):
        moves = []
        for product, quantity, *price in lines:
            move = {"product": product.id, "quantity": decimal.Decimal(str(quantity))}
            if price:
                move["price_unit"] = decimal.Decimal(str(price[0]))
            moves.append(move)
        picking = env["stock.picking"].create(
            {"kind": kind, "warehouse": warehouse.id, "moves": moves, **values}
        )
        return picking.action_confirm() if confirm else picking

    return make


@pytest.fixture
def receive(make_picking):
    """Receive goods into WH/Stock at a unit price: a receipt confirmed and validated."""

    def receive(*lines):
        picking = make_picking("incoming", *lines)
        picking.action_validate()
        return picking

    return receive


@pytest.fixture
def storekeeper(env):
    return make_user(env, "storekeeper", groups=["stock.group_user"])


@pytest.fixture
def stock_manager(env):
    return make_user(env, "stockmanager", groups=["stock.group_manager"])
