"""Taxes post to accounts and report into grids: the chart's defaults, a tax's own accounts, the
Turkish practice for credit notes (391 ↔ 191), and the taxes a chart maps when it is loaded."""

import pytest

from addons.accounting.charts import load_chart
from addons.accounting.models.tax import tax_account
from core.errors import ValidationError

pytestmark = pytest.mark.addons("accounting")


def test_the_turkish_chart_gives_default_tax_and_exchange_accounts(company):
    codes = [
        account.code
        for account in (
            company.default_sale_tax_account,
            company.default_purchase_tax_account,
            company.default_exchange_gain_account,
            company.default_exchange_loss_account,
        )
    ]
    assert codes == ["391", "191", "646", "656"]


def test_a_tax_without_an_account_posts_to_the_companys_default_for_its_scope(env, company):
    sale = env["commerce.tax"].create({"name": "KDV %10", "amount": "10"})
    purchase = env["commerce.tax"].create({"name": "KDV %10 alış", "amount": "10", "scope": "purchase"})
    assert tax_account(sale, company, refund=False).code == "391"
    assert tax_account(sale, company, refund=True).code == "391"
    assert tax_account(purchase, company, refund=False).code == "191"


def test_credit_notes_take_the_refund_account_and_invoices_the_tax_account(company, kdv20, kdv20_purchase):
    assert tax_account(kdv20, company, refund=False).code == "391"
    assert tax_account(kdv20, company, refund=True).code == "191"
    assert tax_account(kdv20_purchase, company, refund=False).code == "191"
    assert tax_account(kdv20_purchase, company, refund=True).code == "391"


def test_an_account_of_another_company_is_passed_over_for_the_companys_default(env, company, kdv20):
    other = env["base.company"].create({"name": "Ege Şube", "currency": env.ref("base.currency_try").id})
    load_chart(env, other, "tr_tdhp")
    account = tax_account(kdv20, other, refund=True)
    assert (account.code, account.company) == ("391", other)


def test_without_any_account_the_invoice_cannot_book_the_tax(env, company):
    bare = env["base.company"].create({"name": "Bare", "currency": env.ref("base.currency_eur").id})
    tax = env["commerce.tax"].create({"name": "VAT", "amount": "20"})
    with pytest.raises(ValidationError, match="VAT has no account in Bare"):
        tax_account(tax, bare, refund=False)


def test_loading_a_chart_maps_the_taxes_it_names_to_accounts_and_grids(env):
    kdv20 = env["commerce.tax"].create({"name": "KDV %20", "amount": "20"})
    env["base.external_id"].create(
        {"addon": "commerce", "name": "demo_tax_kdv20", "model": "commerce.tax", "res_id": kdv20.id}
    )
    first = env.ref("base.main_company")
    load_chart(env, first, "tr_tdhp")
    grids = [kdv20.base_grid, kdv20.tax_grid, kdv20.refund_base_grid, kdv20.refund_tax_grid]
    assert [grid.code for grid in grids] == ["TR-M20", "TR-HK", "TR-SIM", "TR-SIK"]
    assert (kdv20.account.code, kdv20.refund_account.code, kdv20.account.company) == ("391", "191", first)
    second = env["base.company"].create({"name": "Ege Şube", "currency": env.ref("base.currency_try").id})
    load_chart(env, second, "tr_tdhp")
    assert kdv20.account.company == first  # a shared tax keeps the first company's account ...
    assert tax_account(kdv20, second, refund=False).company == second  # ... the second uses its own 391
