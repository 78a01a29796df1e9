"""commerce as an addon: screens resolve, rights cover its models, it reads in Hungarian, demo and uninstall.

Its catalogs are checked with every shipped one (tests/core/test_cli_i18n.py).
"""

import pytest
from sqlalchemy import inspect

from core.i18n import translator
from core.loader.lifecycle import install
from core.loader.lifecycle import uninstall


@pytest.mark.addons("commerce")
def test_the_screens_resolve_and_add_taxes_to_the_product_form(db):
    ui = db.registry.ui
    assert "commerce.tax.form" in ui.views and "commerce.payment_term.form" in ui.views
    product_form = [field.name for group in ui.views["product.product.form"].groups for field in group.fields]
    assert {"taxes", "supplier_taxes"} <= set(product_form)
    assert "commerce.payment_terms" in ui.actions
    assert not [node for node in ui.menus if node.menu.name.startswith("commerce")]  # the apps place them


@pytest.mark.addons("commerce")
def test_every_commerce_model_has_rights_for_employees_and_commerce_managers(db, env):
    models = [name for name, owner in db.registry.model_owner.items() if owner == "commerce"]
    assert sorted(models) == ["commerce.payment_term", "commerce.payment_term_line", "commerce.tax"]
    for name in models:
        rights = env["base.access"].search([("model", "=", name)])
        groups = {right.group.full_name: (right.can_read, right.can_write) for right in rights}
        assert groups == {"Base / Internal user": (True, False), "Commerce / Manager": (True, True)}, name


@pytest.mark.addons("commerce")
def test_a_hungarian_user_reads_commerce_in_hungarian(db):
    assert translator(db.registry, "hu").gettext("Installments") == "Részletek"


def test_demo_installs_then_uninstalls_with_the_products_it_taxed(empty_db):
    install(empty_db, ["commerce"], demo=True)
    with empty_db.transaction() as env:
        assert env["commerce.tax"].search_count([("scope", "=", "sale")]) == 6
        assert env["commerce.tax"].search_count([("scope", "=", "purchase")]) == 4
        assert env.ref("commerce.demo_tax_kdv20_included").price_include
        cnc = env.ref("product.demo_product_cnc")
        assert ([tax.name for tax in cnc.taxes], [tax.name for tax in cnc.supplier_taxes]) == (
            ["KDV %20"], ["İndirilecek KDV %20"],
        )  # fmt: skip
        assert env["commerce.payment_term"].search_count([]) == 6
    uninstall(empty_db, ["commerce"])
    assert not {name for name in inspect(empty_db.engine).get_table_names() if name.startswith("commerce_")}
    with empty_db.transaction() as env:
        assert env.ref("product.demo_product_cnc").name  # product keeps its products
    install(empty_db, ["commerce"])
    assert "commerce" in empty_db.installed()
