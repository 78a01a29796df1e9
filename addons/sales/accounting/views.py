"""sales' screens with accounting: invoicing buttons and statuses on orders, credit, the Sales app's invoices.

The order form gets **Create invoice** (confirmed and done orders; the new
draft invoice opens), **Down payment** (a dialog asking for a percentage or
an amount) and, for sales managers, **Approve credit** on quotations waiting
for it; a *Customer credit* page shows what the customer owes, is overdue
on, the credit limit and the exposure with this order (computed on read,
so only on the form); an *Invoices* page the order's invoices. Lines show
what was delivered, invoiced and is left to invoice (stock's extra of
sales shows the delivered column too; both extensions ``move`` it, so it
shows once whichever applies last). Sales › Orders › Order lines lists the
lines of orders with the same figures; without stock, the delivered
quantity of a confirmed order's line is entered on the line's form, since
the order's lines are locked. Lists and searches get the invoice and
payment statuses; the list of orders has **Create invoices** for the
selected orders (`addons.sales.accounting.pages`). Salespeople find
customer invoices and credit notes in the Sales app, read-only.
"""

from core.views import Action
from core.views import Button
from core.views import Field
from core.views import Filter
from core.views import FormView
from core.views import Group
from core.views import GroupBy
from core.views import Menu
from core.views import Page
from core.views import Param
from core.views import SearchView
from core.views import extend

MANAGERS = ("sales.group_manager",)
QUOTATIONS = ("draft", "sent")
SOLD = ("confirmed", "done")

order_form = extend(
    "sales.order.form",
    fields=[Field("credit_hold", readonly=True)],
    after="partner",
    buttons=[
        Button("action_create_invoice", "Create invoice", states=SOLD, primary=True),
        Button(
            "action_down_payment",
            "Down payment",
            states=["confirmed"],
            params=[
                Param("percentage", label="Percentage of the order"),
                Param("amount", label="Or an amount before taxes"),
            ],
        ),
        Button("action_approve_credit", "Approve credit", states=QUOTATIONS, groups=MANAGERS),
    ],
)
order_pages = extend(
    "sales.order.form",
    after="lines",
    pages=[
        Page(
            "credit",
            "Customer credit",
            [
                Field("customer_receivable", readonly=True),
                Field("customer_overdue", readonly=True),
                Field("customer_credit_limit", readonly=True),
                Field("credit_exposure", readonly=True),
                Field("credit_approved_by", readonly=True),
            ],
        ),
        Page(
            "invoicing",
            "Invoices",
            [
                Field("invoice_status", readonly=True),
                Field("payment_status", readonly=True),
                Field("amount_invoiced", readonly=True),
                Field(
                    "invoices",
                    # Not the amount due nor the payment state: the form loads what a column is
                    # computed from, here the journal entry, which salespeople may not read.
                    columns=["name", "kind", "date", "amount_total", "state"],
                    readonly=True,
                ),
            ],
        ),
    ],
)
order_lines = extend(
    "sales.order.form",
    columns_of="lines",
    fields=["qty_delivered", "qty_invoiced", "qty_to_invoice"],
    move=["qty_delivered"],
    after="quantity",
)
order_list = extend("sales.order.list", fields=["invoice_status", "payment_status"], after="state")
order_search = extend(
    "sales.order.search",
    filters=[
        Filter("to_invoice", "To invoice", [("invoice_status", "=", "to_invoice")]),
        Filter("invoiced", "Fully invoiced", [("invoice_status", "=", "invoiced")]),
        Filter("unpaid", "Not fully paid", [("payment_status", "in", ["not_paid", "partial"])]),
        Filter("credit_hold", "Waiting for credit approval", [("credit_hold", "=", True)]),
    ],
    group_by=[
        GroupBy("invoice_status", "Invoicing", "invoice_status"),
        GroupBy("payment_status", "Payment", "payment_status"),
    ],
)
product_form = extend("product.product.form", fields=["invoice_policy"], after="purchase_ok")

# -- order lines: what was delivered, invoiced, is left (the delivered quantity entered here without stock)

line_list = extend(
    "sales.order_line.list", fields=["qty_delivered", "qty_invoiced", "qty_to_invoice"], after="quantity"
)
line_form = FormView(
    "sales.order_line",
    groups=[
        Group(
            "line",
            [
                *(
                    Field(name, readonly=True)
                    for name in ("order", "product", "description", "quantity", "uom")
                ),
                "qty_delivered",
                Field("qty_invoiced", readonly=True),
                Field("qty_to_invoice", readonly=True),
            ],
        )
    ],
)
line_search = SearchView(
    "sales.order_line",
    fields=["order", "product", "description"],
    filters=[
        Filter("to_invoice", "To invoice", [("qty_to_invoice", ">", 0)]),
        Filter("on_delivery", "Invoiced on delivery", [("product.invoice_policy", "=", "delivery")]),
    ],
    group_by=[GroupBy("order", "Order", "order"), GroupBy("product", "Product", "product")],
)

actions = [
    Action(
        "sales.to_invoice",
        "Orders to invoice",
        "sales.order",
        domain=[("invoice_status", "=", "to_invoice")],
    ),
    Action("sales.credit_holds", "Waiting for credit approval", "sales.order", filters=["credit_hold"]),
    Action(
        "sales.order_lines", "Order lines", "sales.order_line", domain=[("order.state", "in", list(SOLD))]
    ),
]
menus = [
    Menu(
        "sales.to_invoice", "To invoice", parent="sales.orders_menu", action="sales.to_invoice", sequence=25
    ),
    Menu(
        "sales.credit_holds",
        "Credit approvals",
        parent="sales.orders_menu",
        action="sales.credit_holds",
        sequence=27,
        groups=MANAGERS,
    ),
    *(
        Menu(
            f"sales.{name}",
            label,
            parent="sales.orders_menu",
            action=f"accounting.customer_{name}",
            sequence=sequence,
        )
        for name, label, sequence in (("invoices", "Invoices", 30), ("credit_notes", "Credit notes", 40))
    ),
]

declarations = [
    order_form,
    order_pages,
    order_lines,
    order_list,
    order_search,
    product_form,
    line_list,
    line_form,
    line_search,
    *actions,
    *menus,
]
