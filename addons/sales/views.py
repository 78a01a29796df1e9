"""sales' screens: quotations and orders, configuration, the dashboard, and the pages it adds elsewhere.

The order form's status bar is ``state``; each button shows in the states
that lead to its target in the workflow (`addons.sales.models.order.Order.TRANSITIONS`),
and the server checks the transition again. Once the order is confirmed its
lines, currency and tax rounding show read-only (the model refuses changes
too: `addons.sales.models.order.LOCKED_STATES`). Print opens the printable
document in a new tab. The margin shows only to cost readers (the field's
group): other users do not get the column at all.
"""

from addons.sales.models.order import LOCKED_STATES
from addons.sales.models.order import Order
from core.views import Action
from core.views import Button
from core.views import Chart
from core.views import Dashboard
from core.views import Field
from core.views import Filter
from core.views import FormView
from core.views import Group
from core.views import GroupBy
from core.views import Link
from core.views import ListView
from core.views import Menu
from core.views import Page
from core.views import SearchView
from core.views import Tile
from core.views import extend

USERS = ("sales.group_user",)
MANAGERS = ("sales.group_manager",)
WORKFLOW = Order.TRANSITIONS
QUOTATIONS = (("state", "in", ["draft", "sent"]),)
SOLD = (("state", "in", ["confirmed", "done"]),)
LINE_COLUMNS = [
    "product",
    "description",
    "quantity",
    "uom",
    "price_unit",
    "discount",
    "taxes",
    "subtotal",
    "margin",
]

# -- orders -------------------------------------------------------------------------

order_list = ListView(
    "sales.order",
    columns=[
        "name",
        "date_order",
        "partner",
        "user",
        "amount_untaxed",
        "amount_total",
        "currency",
        "margin",
        "state",
    ],
    sums=["amount_untaxed", "amount_total", "margin"],
    template="sales/order_list.html",
)
order_form = FormView(
    "sales.order",
    status="state",
    buttons=[
        Button("action_send", "Mark as sent", states=WORKFLOW.sources("sent")),
        Button("action_confirm", "Confirm", states=WORKFLOW.sources("confirmed"), primary=True),
        Button("action_done", "Lock as done", states=WORKFLOW.sources("done")),
        Button("action_cancel", "Cancel", states=WORKFLOW.sources("cancelled"), confirm="Cancel this order?"),
        Button("action_draft", "Back to quotation", states=WORKFLOW.sources("draft")),
        Link("print", "Print", "/sales/order/{id}/print", new_tab=True),
    ],
    groups=[
        Group("customer", ["name", "partner", "contact", "user", "company"]),
        Group(
            "terms",
            [
                "date_order",
                "validity_date",
                "payment_term",
                "pricelist",
                Field("currency", readonly_states=LOCKED_STATES),
            ],
            label="Terms",
        ),
    ],
    pages=[
        Page(
            "lines",
            "Order lines",
            [Field("lines", columns=LINE_COLUMNS, readonly_states=LOCKED_STATES)],
        ),
        Page(
            "amounts",
            "Amounts",
            [
                "amount_untaxed",
                "amount_tax",
                "amount_total",
                "margin",
                Field("tax_rounding", readonly_states=LOCKED_STATES),
            ],
        ),
        Page("notes", "Terms and conditions", [Field("note", widget="text")]),
    ],
)
order_search = SearchView(
    "sales.order",
    fields=["name", "partner", "user"],
    filters=[
        Filter("mine", "My quotations and orders", [("user", "=", "@user")]),
        Filter("quotations", "Quotations", list(QUOTATIONS)),
        Filter("orders", "Sales orders", list(SOLD)),
        Filter("cancelled", "Cancelled", [("state", "=", "cancelled")]),
        Filter("this_month", "This month", [("date_order", ">=", "@month_start")]),
    ],
    group_by=[
        GroupBy("customer", "Customer", "partner"),
        GroupBy("salesperson", "Salesperson", "user"),
        GroupBy("month", "Order month", "date_order:month"),
        GroupBy("state", "Status", "state"),
    ],
)
line_list = ListView(
    "sales.order_line",
    columns=["order", "product", "description", "quantity", "price_unit", "discount", "subtotal", "currency"],
    sums=["subtotal"],
)

# -- configuration ------------------------------------------------------------------

pricelist_list = ListView("sales.pricelist", columns=["sequence", "name", "currency", "company"])
pricelist_form = FormView(
    "sales.pricelist",
    groups=[Group("pricelist", ["name", "currency", "company", "sequence", "active"])],
    pages=[
        Page(
            "rules",
            "Rules",
            [
                Field(
                    "rules",
                    columns=[
                        "applies_to",
                        "product",
                        "category",
                        "min_quantity",
                        "compute_price",
                        "fixed_price",
                        "discount",
                        "date_start",
                        "date_end",
                    ],
                )
            ],
        )
    ],
)

# -- other addons' screens ------------------------------------------------------------

partner_form = extend("base.partner.form", fields=["pricelist"], after="company")

# -- the dashboard --------------------------------------------------------------------

dashboard = Dashboard(
    "sales.overview",
    "Sales",
    tiles=[
        Tile("Open quotations", "sales.order", "count", domain=QUOTATIONS, action="sales.quotations"),
        Tile(
            "Orders this month",
            "sales.order",
            "count",
            domain=(*SOLD, ("date_order", ">=", "@month_start")),
            action="sales.orders",
        ),
        Tile(
            "Revenue this month",
            "sales.order",
            "amount_untaxed:sum",
            domain=(*SOLD, ("date_order", ">=", "@month_start")),
        ),
        Tile("Average order", "sales.order", "amount_untaxed:avg", domain=SOLD),
    ],
    charts=[
        Chart(
            "Revenue by month", "sales.order", "bar", "date_order:month", "amount_untaxed:sum", domain=SOLD
        ),
        Chart(
            "Revenue by customer", "sales.order", "bar", "partner", "amount_untaxed:sum", domain=SOLD, limit=8
        ),
        Chart("Revenue by salesperson", "sales.order", "bar", "user", "amount_untaxed:sum", domain=SOLD),
        Chart("Quotations and orders", "sales.order", "pie", "state"),
    ],
)

# -- actions and menus ----------------------------------------------------------------

actions = [
    Action("sales.quotations", "Quotations", "sales.order", domain=list(QUOTATIONS), filters=["mine"]),
    Action("sales.orders", "Sales orders", "sales.order", domain=list(SOLD)),
    Action("sales.taxes", "Taxes", "commerce.tax", filters=["sale"], defaults={"scope": "sale"}),
    Action("sales.pricelists", "Pricelists", "sales.pricelist"),
]
menus = [
    Menu("sales", "Sales", sequence=15, groups=USERS),
    Menu("sales.orders_menu", "Orders", parent="sales", sequence=10),
    Menu(
        "sales.quotations", "Quotations", parent="sales.orders_menu", action="sales.quotations", sequence=10
    ),
    Menu("sales.orders", "Sales orders", parent="sales.orders_menu", action="sales.orders", sequence=20),
    Menu("sales.products", "Products", parent="sales", action="product.products", sequence=20),
    Menu("sales.reporting", "Reporting", parent="sales", dashboard="sales.overview", sequence=40),
    Menu("sales.configuration", "Configuration", parent="sales", sequence=90, groups=MANAGERS),
    *(
        Menu(
            f"sales.configuration.{what}", label, parent="sales.configuration", action=action, groups=MANAGERS
        )
        for what, label, action in [
            ("taxes", "Taxes", "sales.taxes"),
            ("pricelists", "Pricelists", "sales.pricelists"),
            ("payment_terms", "Payment terms", "commerce.payment_terms"),
            ("categories", "Product categories", "product.categories"),
        ]
    ),
]

declarations = [
    order_list,
    order_form,
    order_search,
    line_list,
    pricelist_list,
    pricelist_form,
    partner_form,
    dashboard,
    *actions,
    *menus,
]

# -- with crm ---------------------------------------------------------------------------

lead_form = extend(
    "crm.lead.form",
    buttons=[Button("action_new_quotation", "New quotation", states=["opportunity"], primary=True)],
    pages=[
        Page(
            "quotations",
            "Quotations",
            [Field("orders", columns=["name", "date_order", "user", "amount_total", "currency", "state"])],
        )
    ],
    after="activities",
)
order_form_crm = extend("sales.order.form", fields=["opportunity", "team"], after="user")
crm_declarations = [lead_form, order_form_crm]
