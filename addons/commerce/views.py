"""commerce's screens: taxes, payment terms and their installments, and the product's taxes.

No menus: sales and purchase place the payment terms' action in their
configuration menus, and open taxes with actions of their own (their taxes
filtered, and the default scope of new ones).
"""

from core.views import Action
from core.views import Field
from core.views import Filter
from core.views import FormView
from core.views import Group
from core.views import GroupBy
from core.views import ListView
from core.views import Page
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

payment_term_list = ListView("commerce.payment_term", columns=["sequence", "name"])
payment_term_form = FormView(
    "commerce.payment_term",
    groups=[Group("term", ["name", "sequence", "active"])],
    pages=[
        Page(
            "installments",
            "Installments",
            [Field("lines", columns=["kind", "value", "days", "end_of_month"])],
        ),
        Page("note", "Note", [Field("note", widget="text")]),
    ],
)

product_form = extend(
    "product.product.form",
    fields=[Field("taxes", widget="tags"), Field("supplier_taxes", widget="tags")],
    after="uom",
)

actions = [Action("commerce.payment_terms", "Payment terms", "commerce.payment_term")]

declarations = [
    tax_list,
    tax_form,
    tax_search,
    payment_term_list,
    payment_term_form,
    product_form,
    *actions,
]
