"""purchase's screens: requests for quotation and orders, vendor prices, the dashboard, the product's page.

The order form's status bar is ``state``; each button shows in the states
that lead to its target in the workflow (`addons.purchase.models.order.Order.TRANSITIONS`),
and the server checks the transition again. The form lists the order's
receipts (with their backorders and returns) in a tab of their own.

With accounting installed (`accounting_declarations`), orders show their
billing status (a column, a filter, a group-by), their lines the billed
quantity, their form **Create bill** (for those who edit the order) and a tab of
their bills; the bill's lines show the three-way match (ordered, received,
billed on other bills, the order's price), and products their bill policy.
"""

from addons.purchase.models.order import Order
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

USERS = ("purchase.group_user",)
MANAGERS = ("purchase.group_manager",)
WORKFLOW = Order.TRANSITIONS
RFQS = (("state", "in", ["draft", "sent"]),)
PURCHASED = (("state", "in", ["purchase", "done"]),)
TO_RECEIVE = (("state", "=", "purchase"), ("receipt_status", "!=", "full"))
LINE_COLUMNS = [
    "product",
    "description",
    "quantity",
    "uom",
    "price_unit",
    "discount",
    "taxes",
    "date_planned",
    "subtotal",
    "qty_received",
]
VENDOR_PRICE_COLUMNS = [
    "partner",
    "sequence",
    "min_quantity",
    "price",
    "currency",
    "delay",
    "date_start",
    "date_end",
]

# -- orders -------------------------------------------------------------------------

order_list = ListView(
    "purchase.order",
    columns=[
        "name",
        "date_order",
        "partner",
        "user",
        "date_planned",
        "amount_untaxed",
        "amount_total",
        "currency",
        "receipt_status",
        "state",
    ],
    sums=["amount_untaxed", "amount_total"],
)
order_form = FormView(
    "purchase.order",
    status="state",
    buttons=[
        Button("action_send", "Mark as sent", states=WORKFLOW.sources("sent")),
        Button("action_confirm", "Confirm order", states=WORKFLOW.sources("purchase"), primary=True),
        Button("action_done", "Lock", states=WORKFLOW.sources("done")),
        Button("action_cancel", "Cancel", states=WORKFLOW.sources("cancelled"), confirm="Cancel this order?"),
        Button("action_draft", "Back to request for quotation", states=WORKFLOW.sources("draft")),
        Link("print", "Print", "/purchase/order/{id}/print", new_tab=True),
    ],
    groups=[
        Group("vendor", ["name", "partner", "partner_ref", "user", "company"]),
        Group(
            "terms",
            ["date_order", "date_planned", "payment_term", "warehouse", "currency", "receipt_status"],
            label="Terms and delivery",
        ),
    ],
    pages=[
        Page("lines", "Products", [Field("lines", columns=LINE_COLUMNS)]),
        Page("amounts", "Amounts", ["amount_untaxed", "amount_tax", "amount_total", "tax_rounding"]),
        Page(
            "receipts",
            "Receipts",
            [Field("receipts", columns=["name", "kind", "scheduled_date", "date_done", "state"])],
        ),
        Page("notes", "Terms and conditions", [Field("note", widget="text")]),
    ],
)
order_search = SearchView(
    "purchase.order",
    fields=["name", "partner", "partner_ref", "user"],
    filters=[
        Filter("mine", "My requests and orders", [("user", "=", "@user")]),
        Filter("rfqs", "Requests for quotation", list(RFQS)),
        Filter("orders", "Purchase orders", list(PURCHASED)),
        Filter("to_receive", "To receive", list(TO_RECEIVE)),
        Filter("late", "Late", [*TO_RECEIVE, ("date_planned", "<", "@today")]),
        Filter("cancelled", "Cancelled", [("state", "=", "cancelled")]),
        Filter("this_month", "This month", [("date_order", ">=", "@month_start")]),
    ],
    group_by=[
        GroupBy("vendor", "Vendor", "partner"),
        GroupBy("buyer", "Buyer", "user"),
        GroupBy("month", "Order month", "date_order:month"),
        GroupBy("state", "Status", "state"),
        GroupBy("receipt_status", "Receipt", "receipt_status"),
    ],
)
line_list = ListView(
    "purchase.order_line",
    columns=[
        "order",
        "partner",
        "product",
        "quantity",
        "qty_received",
        "price_unit",
        "subtotal",
        "currency",
        "date_planned",
    ],
    sums=["subtotal"],
)

# -- vendor prices ------------------------------------------------------------------

vendor_price_list = ListView("purchase.vendor_price", columns=["product", *VENDOR_PRICE_COLUMNS, "company"])
vendor_price_search = SearchView(
    "purchase.vendor_price",
    fields=["product", "partner"],
    filters=[
        Filter(
            "current",
            "Valid today",
            [
                "|",
                ("date_start", "not set", 0),
                ("date_start", "<=", "@today"),
                "|",
                ("date_end", "not set", 0),
                ("date_end", ">=", "@today"),
            ],
        )
    ],
    group_by=[GroupBy("vendor", "Vendor", "partner"), GroupBy("product", "Product", "product")],
)

# -- other addons' screens ------------------------------------------------------------

product_form = extend(
    "product.product.form",
    pages=[Page("purchase", "Purchase", [Field("vendor_prices", columns=VENDOR_PRICE_COLUMNS)])],
)

# -- the dashboard --------------------------------------------------------------------

this_month = ("date_order", ">=", "@month_start")
dashboard = Dashboard(
    "purchase.overview",
    "Purchase",
    tiles=[
        Tile("Open requests for quotation", "purchase.order", "count", domain=RFQS, action="purchase.rfqs"),
        Tile(
            "Orders this month",
            "purchase.order",
            "count",
            domain=(*PURCHASED, this_month),
            action="purchase.orders",
        ),
        Tile("Purchased this month", "purchase.order", "amount_untaxed:sum", domain=(*PURCHASED, this_month)),
        Tile("Orders to receive", "purchase.order", "count", domain=TO_RECEIVE, action="purchase.to_receive"),
    ],
    charts=[
        Chart(
            "Purchases by month",
            "purchase.order",
            "bar",
            "date_order:month",
            "amount_untaxed:sum",
            domain=PURCHASED,
        ),
        Chart(
            "Purchases by vendor",
            "purchase.order",
            "bar",
            "partner",
            "amount_untaxed:sum",
            domain=PURCHASED,
            limit=8,
        ),
        Chart(
            "Purchases by product",
            "purchase.order_line",
            "bar",
            "product",
            "subtotal:sum",
            domain=(("order.state", "in", ["purchase", "done"]),),
            limit=8,
        ),
        Chart(
            "Receipts of open orders",
            "purchase.order",
            "pie",
            "receipt_status",
            domain=(("state", "=", "purchase"),),
        ),
    ],
)

# -- actions and menus ----------------------------------------------------------------

actions = [
    Action("purchase.rfqs", "Requests for quotation", "purchase.order", domain=list(RFQS), filters=["mine"]),
    Action("purchase.orders", "Purchase orders", "purchase.order", domain=list(PURCHASED)),
    Action("purchase.to_receive", "Orders to receive", "purchase.order", domain=list(TO_RECEIVE)),
    Action("purchase.vendor_prices", "Vendor prices", "purchase.vendor_price", filters=["current"]),
    Action("purchase.products", "Products", "product.product", filters=["can_buy"]),
    Action("purchase.taxes", "Taxes", "commerce.tax", filters=["purchase"], defaults={"scope": "purchase"}),
]
menus = [
    Menu("purchase", "Purchase", sequence=20, groups=USERS),
    Menu("purchase.orders_menu", "Orders", parent="purchase", sequence=10),
    Menu(
        "purchase.rfqs",
        "Requests for quotation",
        parent="purchase.orders_menu",
        action="purchase.rfqs",
        sequence=10,
    ),
    Menu(
        "purchase.orders",
        "Purchase orders",
        parent="purchase.orders_menu",
        action="purchase.orders",
        sequence=20,
    ),
    Menu(
        "purchase.to_receive",
        "Orders to receive",
        parent="purchase.orders_menu",
        action="purchase.to_receive",
        sequence=30,
    ),
    Menu(
        "purchase.vendor_prices",
        "Vendor prices",
        parent="purchase",
        action="purchase.vendor_prices",
        sequence=20,
    ),
    Menu("purchase.products", "Products", parent="purchase", action="purchase.products", sequence=30),
    Menu("purchase.reporting", "Reporting", parent="purchase", dashboard="purchase.overview", sequence=40),
    Menu("purchase.configuration", "Configuration", parent="purchase", sequence=90, groups=MANAGERS),
    Menu(
        "purchase.configuration.taxes",
        "Taxes",
        parent="purchase.configuration",
        action="purchase.taxes",
        sequence=10,
        groups=MANAGERS,
    ),
    Menu(
        "purchase.configuration.payment_terms",
        "Payment terms",
        parent="purchase.configuration",
        action="commerce.payment_terms",
        sequence=20,
        groups=MANAGERS,
    ),
]

# -- with accounting: bills of orders and the three-way match ----------------------------

BILLERS = ("purchase.group_user", "accounting.group_user")
accounting_declarations = [
    extend("purchase.order.list", fields=["bill_status"], after="receipt_status"),
    extend(
        "purchase.order.form",
        fields=["bill_status"],
        after="receipt_status",
        buttons=[Button("action_create_bill", "Create bill", states=["purchase", "done"], groups=BILLERS)],
        pages=[
            Page(
                "bills",
                "Bills",
                [Field("bills", columns=["name", "ref", "date", "amount_total", "payment_state", "state"])],
            )
        ],
    ),
    extend("purchase.order.form", columns_of="lines", fields=["qty_billed"], after="qty_received"),
    extend(
        "purchase.order.search",
        filters=[
            Filter("to_bill", "To bill", [("bill_status", "=", "to_bill")]),
            Filter("billed", "Fully billed", [("bill_status", "=", "billed")]),
        ],
        group_by=[GroupBy("bill_status", "Billing", "bill_status")],
    ),
    extend("purchase.order_line.list", fields=["qty_billed"], after="qty_received"),
    extend("accounting.invoice.form", fields=["purchase_order"], after="origin"),
    extend(
        "accounting.invoice.form",
        columns_of="lines",
        fields=[
            "purchase_qty_ordered",
            "purchase_qty_received",
            "purchase_qty_billed",
            "purchase_price_unit",
        ],
        after="price_unit",
    ),
    extend("product.product.form", fields=["bill_policy"], after="purchase_ok"),
]

declarations = [
    order_list,
    order_form,
    order_search,
    line_list,
    vendor_price_list,
    vendor_price_search,
    product_form,
    dashboard,
    *actions,
    *menus,
]
