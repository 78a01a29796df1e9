"""product's screens: the product list, form and search, categories, and their actions.

The actions have no menus here: the apps that sell or buy products (sales)
place them in their own menus.
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

product_list = ListView(
    "product.product",
    columns=["default_code", "name", "category", "uom", "sale_price", "cost", "currency"],
)
product_form = FormView(
    "product.product",
    groups=[
        Group("identity", ["name", "default_code", "barcode", "category", "active"]),
        Group("prices", ["sale_price", "cost", "currency", "uom"], label="Prices"),
        Group("usage", ["sale_ok", "purchase_ok"], label="Usage"),
    ],
    pages=[Page("description", "Description", [Field("description", widget="text")])],
)
product_search = SearchView(
    "product.product",
    fields=["name", "default_code", "barcode", "category"],
    filters=[
        Filter("can_sell", "Can be sold", [("sale_ok", "=", True)]),
        Filter("can_buy", "Can be purchased", [("purchase_ok", "=", True)]),
        Filter("archived", "Archived", [("active", "=", False)]),
    ],
    group_by=[GroupBy("category", "Category", "category"), GroupBy("uom", "Unit", "uom")],
)
category_list = ListView("product.category", columns=["name", "parent", "complete_name"])
category_form = FormView("product.category", fields=["name", "parent", "complete_name"])

actions = [
    Action("product.products", "Products", "product.product", filters=["can_sell"]),
    Action("product.categories", "Product categories", "product.category"),
]

declarations = [
    product_list,
    product_form,
    product_search,
    category_list,
    category_form,
    *actions,
]
