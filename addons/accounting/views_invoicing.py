"""accounting's screens for invoicing: invoices, bills, credit notes, payments, taxes, partners' balances.

The Accounting app gets a Customers menu (invoices, credit notes, payments)
and a Vendors menu (bills, refunds, payments): each an action on one kind
of document, which new records of the action get. The invoice form posts,
registers a payment (a draft payment of what is due opens, to check and
post), matches open payments, makes credit notes, cancels and prints; its
buttons show in the states of `Invoice.TRANSITIONS`, and the model refuses
any change to a posted invoice whatever the screen shows. Taxes get their
accounts and grids, products and categories their income and expense
accounts, partners a page with what they owe and their credit limit.
With sales installed, salespeople find customer invoices and credit notes
in the Sales app, read-only (sales' extra of accounting declares that menu).
"""

from addons.accounting.models.invoice import Invoice
from addons.accounting.models.payment import Payment
from core.views import Action
from core.views import Button
from core.views import Field
from core.views import Filter
from core.views import FormView
from core.views import Group
from core.views import GroupBy
from core.views import Link
from core.views import ListView
from core.views import Menu
from core.views import Page
from core.views import Param
from core.views import SearchView
from core.views import extend

LOCKED = ("posted", "cancelled")
ACCOUNTANTS = ("accounting.group_user",)
OPEN = ("payment_state", "in", ["not_paid", "partial"])
LINE_COLUMNS = [
    "product",
    "description",
    "account",
    "analytic_account",
    "quantity",
    "uom",
    "price_unit",
    "discount",
    "taxes",
    "subtotal",
]


def frozen(*names: str) -> list[Field]:
    """Fields shown read-only once posted or cancelled (the model refuses the changes anyway)."""
    return [Field(name, readonly_states=list(LOCKED)) for name in names]


# -- invoices --------------------------------------------------------------------------------

invoice_list = ListView(
    "accounting.invoice",
    columns=[
        "name",
        "partner",
        "date",
        "date_due",
        "origin",
        "amount_untaxed",
        "amount_total",
        "amount_residual",
        "currency",
        "payment_state",
        "state",
    ],
    sums=["amount_untaxed", "amount_total", "amount_residual"],
)
invoice_form = FormView(
    "accounting.invoice",
    status="state",
    buttons=[
        Button(
            "action_post",
            "Post",
            states=Invoice.TRANSITIONS.sources("posted"),
            primary=True,
            groups=ACCOUNTANTS,
        ),
        Button("action_register_payment", "Register payment", states=["posted"], groups=ACCOUNTANTS),
        Button("action_match_payments", "Match open payments", states=["posted"], groups=ACCOUNTANTS),
        Button(
            "action_credit_note",
            "Credit note",
            states=["posted"],
            groups=ACCOUNTANTS,
            params=[
                Param("date", label="Credit note date"),
                Param("whole", label="Credit all of it and settle the invoice"),
            ],
        ),
        Button(
            "action_cancel",
            "Cancel",
            states=Invoice.TRANSITIONS.sources("cancelled"),
            groups=ACCOUNTANTS,
            confirm="Cancel this invoice? A posted one has its entry reversed.",
        ),
        Button(
            "action_draft", "Back to draft", states=Invoice.TRANSITIONS.sources("draft"), groups=ACCOUNTANTS
        ),
        Link("print", "Print", "/accounting/invoice/{id}/print", new_tab=True),
    ],
    groups=[
        Group(
            "partner",
            [
                Field("name", readonly=True),
                *frozen("kind", "partner", "ref", "origin"),
                "user",
            ],
        ),
        Group(
            "terms",
            frozen("date", "payment_term", "date_due", "journal", "currency", "company"),
            label="Terms",
        ),
    ],
    pages=[
        Page("lines", "Invoice lines", [Field("lines", columns=LINE_COLUMNS, readonly_states=list(LOCKED))]),
        Page(
            "amounts",
            "Amounts",
            [
                "amount_untaxed",
                "amount_tax",
                "amount_total",
                "amount_residual",
                "payment_state",
                "amount_total_signed",
                "amount_residual_signed",
                *frozen("tax_rounding"),
            ],
        ),
        Page(
            "settlement",
            "Payments and credit notes",
            [
                Field(
                    "payments",
                    columns=["name", "date", "journal", "amount", "currency", "state"],
                    readonly=True,
                ),
                Field(
                    "refunds",
                    columns=["name", "date", "amount_total", "payment_state", "state"],
                    readonly=True,
                ),
                Field("reversed_invoice", readonly=True),
                Field("move", readonly=True),
            ],
        ),
        Page("notes", "Terms and conditions", [Field("note", widget="text")]),
    ],
)
invoice_search = SearchView(
    "accounting.invoice",
    fields=["name", "partner", "ref", "origin"],
    filters=[
        Filter("mine", "My documents", [("user", "=", "@user")]),
        Filter("draft", "Drafts", [("state", "=", "draft")]),
        Filter("open", "To pay or collect", [("state", "=", "posted"), OPEN]),
        Filter("overdue", "Overdue", [("state", "=", "posted"), OPEN, ("date_due", "<", "@today")]),
        Filter("this_month", "This month", [("date", ">=", "@month_start")]),
    ],
    group_by=[
        GroupBy("partner", "Partner", "partner"),
        GroupBy("payment_state", "Payment", "payment_state"),
        GroupBy("state", "Status", "state"),
        GroupBy("month", "Month", "date:month"),
    ],
)

# -- payments ----------------------------------------------------------------------------------

payment_list = ListView(
    "accounting.payment",
    columns=["date", "name", "partner", "journal", "payment_type", "ref", "amount", "currency", "state"],
    sums=["amount"],
)
payment_form = FormView(
    "accounting.payment",
    status="state",
    buttons=[
        Button("action_post", "Post", states=Payment.TRANSITIONS.sources("posted"), primary=True),
        Button(
            "action_unreconcile",
            "Unmatch",
            states=["posted"],
            confirm="Unmatch this payment from what it paid? The money stays open on the partner.",
        ),
        Button(
            "action_cancel",
            "Cancel",
            states=Payment.TRANSITIONS.sources("cancelled"),
            confirm="Cancel this payment? A posted one is unmatched and its entry reversed.",
        ),
        Button("action_draft", "Back to draft", states=Payment.TRANSITIONS.sources("draft")),
    ],
    groups=[
        Group(
            "payment",
            [
                Field("name", readonly=True),
                *frozen("payment_type", "partner_type", "partner", "amount", "currency"),
            ],
        ),
        Group(
            "bank", [*frozen("date", "journal", "company"), "ref", Field("move", readonly=True)], label="Bank"
        ),
    ],
    pages=[
        Page("invoices", "Invoices paid", [Field("invoices", widget="tags", readonly_states=list(LOCKED))])
    ],
)
payment_search = SearchView(
    "accounting.payment",
    fields=["name", "partner", "ref"],
    filters=[
        Filter("draft", "Drafts", [("state", "=", "draft")]),
        Filter("posted", "Posted", [("state", "=", "posted")]),
        Filter("this_month", "This month", [("date", ">=", "@month_start")]),
    ],
    group_by=[
        GroupBy("partner", "Partner", "partner"),
        GroupBy("journal", "Journal", "journal"),
        GroupBy("month", "Month", "date:month"),
    ],
)

# -- taxes, products, partners -------------------------------------------------------------------

tax_grid_list = ListView("accounting.tax_grid", columns=["sequence", "code", "name", "country"])
tax_form = extend(
    "commerce.tax.form",
    pages=[
        Page(
            "accounting",
            "Accounting",
            ["account", "refund_account", "base_grid", "tax_grid", "refund_base_grid", "refund_tax_grid"],
        )
    ],
)
product_form = extend(
    "product.product.form", fields=["income_account", "expense_account"], after="supplier_taxes"
)
category_form = extend(
    "product.category.form", fields=["income_account", "expense_account"], after="complete_name"
)
partner_form = extend(
    "base.partner.form",
    pages=[
        Page(
            "accounting",
            "Accounting",
            [
                Field("receivable_balance", readonly=True),
                Field("overdue_balance", readonly=True),
                "credit_limit",
                "credit_currency",
            ],
        )
    ],
)

# -- actions and menus ---------------------------------------------------------------------------


def documents(name: str, label: str, kind: str) -> Action:
    """The action listing one kind of invoice, whose new records are of that kind."""
    return Action(name, label, "accounting.invoice", domain=[("kind", "=", kind)], defaults={"kind": kind})


def payments(name: str, label: str, partner_type: str, payment_type: str) -> Action:
    """The action listing the payments of customers or of vendors."""
    defaults = {"partner_type": partner_type, "payment_type": payment_type}
    return Action(
        name, label, "accounting.payment", domain=[("partner_type", "=", partner_type)], defaults=defaults
    )


actions = [
    documents("accounting.customer_invoices", "Customer invoices", "out_invoice"),
    documents("accounting.customer_credit_notes", "Customer credit notes", "out_refund"),
    payments("accounting.customer_payments", "Customer payments", "customer", "inbound"),
    documents("accounting.vendor_bills", "Vendor bills", "in_invoice"),
    documents("accounting.vendor_refunds", "Vendor credit notes", "in_refund"),
    payments("accounting.vendor_payments", "Vendor payments", "supplier", "outbound"),
    Action("accounting.taxes", "Taxes", "commerce.tax"),
    Action("accounting.tax_grids", "Tax grids", "accounting.tax_grid"),
]
menus = [
    Menu("accounting.customers", "Customers", parent="accounting", sequence=3),
    Menu(
        "accounting.customer_invoices",
        "Invoices",
        parent="accounting.customers",
        action="accounting.customer_invoices",
        sequence=10,
    ),
    Menu(
        "accounting.customer_credit_notes",
        "Credit notes",
        parent="accounting.customers",
        action="accounting.customer_credit_notes",
        sequence=20,
    ),
    Menu(
        "accounting.customer_payments",
        "Payments",
        parent="accounting.customers",
        action="accounting.customer_payments",
        sequence=30,
    ),
    Menu("accounting.vendors", "Vendors", parent="accounting", sequence=6),
    Menu(
        "accounting.vendor_bills",
        "Bills",
        parent="accounting.vendors",
        action="accounting.vendor_bills",
        sequence=10,
    ),
    Menu(
        "accounting.vendor_refunds",
        "Refunds",
        parent="accounting.vendors",
        action="accounting.vendor_refunds",
        sequence=20,
    ),
    Menu(
        "accounting.vendor_payments",
        "Payments",
        parent="accounting.vendors",
        action="accounting.vendor_payments",
        sequence=30,
    ),
    Menu(
        "accounting.taxes", "Taxes", parent="accounting.configuration", action="accounting.taxes", sequence=50
    ),
    Menu(
        "accounting.tax_grids",
        "Tax grids",
        parent="accounting.configuration",
        action="accounting.tax_grids",
        sequence=60,
    ),
    Menu(
        "accounting.payment_terms",
        "Payment terms",
        parent="accounting.configuration",
        action="commerce.payment_terms",
        sequence=70,
    ),
]

declarations = [
    invoice_list,
    invoice_form,
    invoice_search,
    payment_list,
    payment_form,
    payment_search,
    tax_grid_list,
    tax_form,
    product_form,
    category_form,
    partner_form,
    *actions,
    *menus,
]
