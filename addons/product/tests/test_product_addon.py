"""product as an addon: its screens resolve and its demo data installs."""

import pytest


@pytest.mark.addons("product")
def test_the_screens_resolve(db):
    ui = db.registry.ui
    assert ui.actions["product.products"].model == "product.product"
    assert ui.views["product.product.form"].groups[1].name == "prices"


def test_demo_installs(empty_db):
    from core.loader.lifecycle import install

    install(empty_db, ["product"], demo=True)
    with empty_db.transaction() as env:
        assert env["product.product"].search_count([]) >= 10
        assert env.ref("product.demo_category_parts").complete_name == "All / Machines / Spare parts"
