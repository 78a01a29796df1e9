"""commerce's screens: taxes, and the product's taxes.

No menus and no actions for taxes: sales and purchase open them from their
configuration menus, each with its own taxes filtered and as the default
scope of new ones.
"""

from core.views import Field
from core.views import Filter
from core.views import FormView
from core.views import Group
from core.views import GroupBy
from core.views import ListView
from core.views import SearchView
from core.views import extend

tax_list = ListView(
    "commerce.tax", columns=["sequence", "name", "scope", "amount_type", "amount", "price_include", "company"]
)
tax_form = FormView(
    "commerce.tax",
    groups=[
        Group("tax", ["name", "scope", "amount_type", "amount", "price_include"]),
        Group("options", ["sequence", "company", "active"], label="Options"),
        Group("group", [Field("children", widget="tags")], label="Group"),
    ],
)
tax_search = SearchView(
    "commerce.tax",
    fields=["name"],
    filters=[
        Filter("sale", "Sales taxes", [("scope", "=", "sale")]),
        Filter("purchase", "Purchase taxes", [("scope", "=", "purchase")]),
        Filter("archived", "Archived", [("active", "=", False)]),
    ],
    group_by=[GroupBy("scope", "Used in", "scope"), GroupBy("company", "Company", "company")],
)

product_form = extend(
    "product.product.form",
    fields=[Field("taxes", widget="tags"), Field("supplier_taxes", widget="tags")],
    after="uom",
)

declarations = [tax_list, tax_form, tax_search, product_form]
