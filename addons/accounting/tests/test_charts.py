"""Charts of accounts: account types, the shipped templates, and loading one into a company."""

import pytest

from addons.accounting.account_types import ACCOUNT_TYPES
from addons.accounting.account_types import types_where
from addons.accounting.charts import chart_templates
from addons.accounting.charts import load_chart
from addons.accounting.charts import read_template
from core.errors import AccessError
from core.errors import ConfigError
from core.errors import ConflictError
from core.errors import UserError
from core.testing import as_user
from core.testing import make_user

pytestmark = pytest.mark.addons("accounting")


def test_account_types_say_where_reports_put_them():
    assert ACCOUNT_TYPES["bank"].nature == "asset" and ACCOUNT_TYPES["bank"].role == "liquidity"
    assert (ACCOUNT_TYPES["payable"].nature, ACCOUNT_TYPES["payable"].statement) == (
        "liability",
        "balance_sheet",
    )
    assert ACCOUNT_TYPES["cost_of_goods_sold"].statement == "profit_loss"
    assert types_where(statement="profit_loss") == ("income", "other_income", "cost_of_goods_sold", "expense")
    assert types_where(role="liquidity") == ("bank", "cash")


def test_the_turkish_chart_gives_the_company_its_accounts_journals_and_defaults(
    env, company, accounts, journals
):
    named = {code: (accounts[code].name, accounts[code].type) for code in ("100", "102", "120", "153", "191")}
    assert named == {
        "100": ("Kasa", "cash"),
        "102": ("Bankalar", "bank"),
        "120": ("Alıcılar", "receivable"),
        "153": ("Ticari Mallar", "current_assets"),
        "191": ("İndirilecek KDV", "current_assets"),
    }
    assert (accounts["320"].name, accounts["320"].type) == ("Satıcılar", "payable")
    assert (accounts["391"].name, accounts["500"].name, accounts["570"].name) == (
        "Hesaplanan KDV",
        "Sermaye",
        "Geçmiş Yıllar Karları",
    )
    assert (accounts["590"].name, accounts["600"].type, accounts["621"].type, accounts["770"].type) == (
        "Dönem Net Karı",
        "income",
        "cost_of_goods_sold",
        "expense",
    )
    assert accounts["120"].reconcile and accounts["320"].reconcile and not accounts["100"].reconcile
    assert accounts["120"].display_name == "120 Alıcılar"
    assert sorted(journals) == ["ALS", "BNK", "KSA", "MAH", "SAT"]
    assert (journals["SAT"].type, journals["SAT"].default_account.code) == ("sale", "600")
    assert company.chart_template == "tr_tdhp"
    defaults = [
        company.default_receivable_account.code,
        company.default_payable_account.code,
        company.default_income_account.code,
        company.default_expense_account.code,
        company.default_retained_earnings_account.code,
    ]
    assert defaults == ["120", "320", "600", "770", "590"]


def test_every_shipped_template_is_valid_and_covers_every_statement():
    templates = chart_templates()
    assert set(templates) == {"generic", "tr_tdhp"}
    for template in templates.values():
        types = {account["type"] for account in template.accounts}
        assert {"receivable", "payable", "bank", "cash", "equity", "income", "expense"} <= types
        assert {journal["type"] for journal in template.journals} == {
            "sale",
            "purchase",
            "bank",
            "cash",
            "general",
        }


def test_the_generic_chart_loads_in_another_company(env):
    usd = env.ref("base.currency_usd")
    other = env["base.company"].create({"name": "Baltic Trading Ltd", "currency": usd.id})
    load_chart(env, other, "generic")
    codes = {a.code: a.name for a in env["accounting.account"].search([("company", "=", other.id)])}
    assert codes["1100"] == "Accounts receivable" and codes["3100"] == "Retained earnings"
    assert other.default_retained_earnings_account.code == "3100"


def test_a_company_loads_one_chart_only(env, company):
    with pytest.raises(UserError, match="already has a chart"):
        load_chart(env, company, "generic")


def test_an_unknown_template_is_refused(env):
    with pytest.raises(UserError, match="no chart of accounts named"):
        load_chart(env, env.ref("base.main_company"), "xx_missing")


def test_a_broken_template_names_its_file_and_the_fault(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text(
        '[chart]\nname = "Broken"\n[defaults]\nreceivable = "1"\npayable = "1"\nincome = "1"\nexpense = "1"\n'
        'retained_earnings = "9"\n[[journals]]\ncode = "J"\nname = "J"\ntype = "general"\n'
        '[[accounts]]\ncode = "1"\nname = "One"\ntype = "cash"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match=r"broken.toml: defaults.retained_earnings names account '9'"):
        read_template(broken)
    broken.write_text(broken.read_text(encoding="utf-8").replace('type = "cash"', 'type = "money"'))
    with pytest.raises(ConfigError, match="broken.toml"):
        read_template(broken)


def test_account_codes_are_unique_per_company(env, company, accounts):
    with pytest.raises(ConflictError, match="Another account of this company has this code"):
        env["accounting.account"].create(
            {"code": "100", "name": "Kasa 2", "type": "cash", "company": company.id}
        )


def test_only_advisers_load_a_chart(env):
    company = env.ref("base.main_company")
    bookkeeper = make_user(env, "bora", groups=["accounting.group_user"])
    adviser = make_user(env, "aylin", groups=["accounting.group_adviser"])
    with as_user(env, bookkeeper) as user_env, pytest.raises(AccessError):
        user_env["base.company"].get(company.id).action_load_chart("generic")
    with as_user(env, adviser) as user_env:
        user_env["base.company"].get(company.id).action_load_chart("generic")
        assert user_env["accounting.account"].search_count([("code", "=", "1100")]) == 1
