"""Chart templates keep journals and default accounts for other addons, used where those are installed."""

import pytest

from addons.accounting.charts import chart_templates
from addons.accounting.charts import load_chart_extra
from addons.accounting.charts import read_template
from core.errors import ConfigError

pytestmark = pytest.mark.addons("accounting")

TEMPLATE = (
    '[chart]\nname = "Small"\n[defaults]\nreceivable = "1"\npayable = "1"\nincome = "1"\nexpense = "1"\n'
    'retained_earnings = "1"\n[[journals]]\ncode = "J"\nname = "J"\ntype = "general"\n'
    '[[accounts]]\ncode = "1"\nname = "One"\ntype = "cash"\n'
)


def test_both_shipped_charts_keep_the_stock_accounts_and_journal():
    stock = {code: chart.extras["stock"] for code, chart in chart_templates().items()}
    assert stock["tr_tdhp"].defaults == {
        "stock_valuation": "153",
        "stock_received": "329",
        "cogs": "621",
        "inventory_loss": "197",
        "inventory_gain": "397",
    }
    assert stock["generic"].defaults["stock_valuation"] == "1200"
    assert [(j["code"], j["role"]) for j in stock["generic"].journals] == [("STJ", "stock")]


def test_a_table_for_another_addon_names_accounts_of_the_template(tmp_path):
    path = tmp_path / "small.toml"
    path.write_text(TEMPLATE + '[extras.stock.defaults]\nstock_valuation = "9"\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"small.toml: extras.stock.defaults.stock_valuation names account '9'"
    ):
        read_template(path)
    path.write_text(
        TEMPLATE + '[[extras.stock.journals]]\ncode = "J"\nname = "Again"\ntype = "general"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError, match="small.toml: two journals share a code"):
        read_template(path)
    path.write_text(TEMPLATE + "[extras.stock]\nwhatever = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="small.toml"):
        read_template(path)


def test_without_stock_the_chart_has_no_stock_journal(env, company, journals):
    assert "STJ" not in journals
    assert "329" in {account.code for account in env["accounting.account"].search([])}


def test_filling_defaults_no_installed_addon_declares_is_a_configuration_error(env, company):
    with pytest.raises(ConfigError, match=r"tr_tdhp.toml: \[extras.stock\] fills default_cogs_account"):
        load_chart_extra(env, company, "stock")
