"""stock's screens: transfers, stock on hand, moves history, counts, reports, configuration, the dashboard.

The Inventory app shows receipts, deliveries and internal transfers (a
board by state), what is on hand per location and lot (quants, grouped
and summed in SQL), the history of done moves with their values, counts
and reorder rules. Its reports (stock value by location or category,
turnover by period, late deliveries by customer or product) are lists of
report models (`addons.stock.reporting`): filtered, grouped with sums,
exported like any list. Transfer buttons show in the states their methods
accept; the server checks again. With sales installed the order form
gains its deliveries, and its line editor the columns Available and
Expected (filled while the order is a quotation) and Delivered.
"""

from addons.stock.reporting import PERIODS
from core.views import Action
from core.views import Button
from core.views import Chart
from core.views import Dashboard
from core.views import Field
from core.views import Filter
from core.views import FormView
from core.views import Group
from core.views import GroupBy
from core.views import KanbanView
from core.views import ListView
from core.views import Menu
from core.views import Page
from core.views import SearchView
from core.views import Tile
from core.views import extend

USERS = ("stock.group_user",)
MANAGERS = ("stock.group_manager",)
OPEN = ["draft", "waiting", "ready"]
LATE = (("state", "in", ["waiting", "ready"]), ("scheduled_date", "<", "@today"))

# -- transfers ------------------------------------------------------------------------

picking_list = ListView(
    "stock.picking",
    columns=["name", "kind", "partner", "scheduled_date", "origin", "warehouse", "state"],
)
picking_kanban = KanbanView(
    "stock.picking", group_by="state", card=["name", "partner", "scheduled_date", "origin"]
)
picking_form = FormView(
    "stock.picking",
    status="state",
    buttons=[
        Button("action_confirm", "Mark as to do", states=["draft"], primary=True),
        Button("action_assign", "Check availability", states=["waiting"]),
        Button("action_validate", "Validate", states=["waiting", "ready"], primary=True),
        Button("action_unreserve", "Unreserve", states=["ready"]),
        Button("action_return", "Return", states=["done"], confirm="Return everything not yet returned?"),
        Button(
            "action_cancel", "Cancel", states=["draft", "waiting", "ready"], confirm="Cancel this transfer?"
        ),
    ],
    groups=[
        Group("partner", ["name", "kind", "partner", "warehouse", "origin"]),
        Group(
            "where", ["location", "location_dest", "scheduled_date", "date_done", "move_type"], label="Where"
        ),
    ],
    pages=[
        Page(
            "moves",
            "Operations",
            [
                Field(
                    "moves",
                    columns=[
                        "product",
                        "description",
                        "quantity",
                        "quantity_reserved",
                        "quantity_done",
                        "state",
                    ],
                )
            ],
        ),
        Page(
            "other",
            "Other information",
            ["backorder_of", "return_of", "company", Field("note", widget="text")],
        ),
    ],
)
picking_search = SearchView(
    "stock.picking",
    fields=["name", "partner", "origin"],
    filters=[
        Filter("receipts", "Receipts", [("kind", "=", "incoming")]),
        Filter("deliveries", "Deliveries", [("kind", "=", "outgoing")]),
        Filter("internal", "Internal", [("kind", "=", "internal")]),
        Filter("ready", "Ready", [("state", "=", "ready")]),
        Filter("waiting", "Waiting", [("state", "=", "waiting")]),
        Filter("late", "Late", list(LATE)),
        Filter("backorders", "Backorders", [("backorder_of", "is set", 0)]),
    ],
    group_by=[
        GroupBy("kind", "Type", "kind"),
        GroupBy("state", "Status", "state"),
        GroupBy("partner", "Partner", "partner"),
        GroupBy("scheduled", "Scheduled day", "scheduled_date:day"),
    ],
)
move_line_list = ListView(
    "stock.move_line",
    columns=["product", "location", "location_dest", "lot", "lot_name", "quantity", "reserved"],
)
move_form = FormView(
    "stock.move",
    groups=[
        Group("what", ["product", "description", "quantity", "quantity_reserved", "quantity_done", "state"]),
        Group(
            "where", ["location", "location_dest", "date", "date_done", "origin", "picking"], label="Where"
        ),
    ],
    pages=[
        Page(
            "lines",
            "Detailed operations",
            [Field("lines", columns=["location", "lot", "lot_name", "quantity", "reserved"])],
        ),
        Page("valuation", "Valuation", ["price_unit", "value", "currency", "origin_returned_move"]),
    ],
)

# -- stock and its history -------------------------------------------------------------

quant_list = ListView(
    "stock.quant",
    columns=["product", "location", "lot", "quantity", "reserved_quantity"],
    sums=["quantity", "reserved_quantity"],
)
quant_search = SearchView(
    "stock.quant",
    fields=["product", "location", "lot"],
    filters=[
        Filter("internal", "In stock", [("location.usage", "=", "internal")]),
        Filter("negative", "Negative", [("quantity", "<", 0)]),
        Filter("reserved", "Reserved", [("reserved_quantity", ">", 0)]),
    ],
    group_by=[
        GroupBy("product", "Product", "product"),
        GroupBy("location", "Location", "location"),
        GroupBy("category", "Product category", "category"),
    ],
    defaults=["internal"],
)
move_list = ListView(
    "stock.move",
    columns=[
        "date_done",
        "reference",
        "product",
        "location",
        "location_dest",
        "quantity_done",
        "value",
        "state",
    ],
    order="date_done desc, id desc",
    sums=["quantity_done", "value"],
)
move_search = SearchView(
    "stock.move",
    fields=["product", "origin", "reference"],
    filters=[
        Filter("done", "Done", [("state", "=", "done")]),
        Filter(
            "incoming",
            "Into stock",
            [("location_dest.usage", "=", "internal"), ("location.usage", "!=", "internal")],
        ),
        Filter(
            "outgoing",
            "Out of stock",
            [("location.usage", "=", "internal"), ("location_dest.usage", "!=", "internal")],
        ),
        Filter("this_month", "This month", [("date_done", ">=", "@month_start")]),
    ],
    group_by=[
        GroupBy("product", "Product", "product"),
        GroupBy("month", "Month", "date_done:month"),
        GroupBy("destination", "Destination", "location_dest"),
    ],
    defaults=["done"],
)

# -- reports -----------------------------------------------------------------------------

value_list = ListView(
    "stock.value",
    columns=["product", "location", "lot", "quantity", "unit_cost", "value", "currency"],
    sums=["quantity", "value"],
)
value_search = SearchView(
    "stock.value",
    fields=["product", "location", "category", "lot"],
    filters=[
        Filter("tracked", "With a lot or serial number", [("lot", "is set", 0)]),
        Filter("negative", "Negative", [("quantity", "<", 0)]),
    ],
    group_by=[
        GroupBy("location", "Location", "location"),
        GroupBy("warehouse", "Warehouse", "warehouse"),
        GroupBy("category", "Product category", "category"),
        GroupBy("product", "Product", "product"),
    ],
    default_group_by="location",
)
turnover_list = ListView(
    "stock.turnover",
    columns=[
        "product",
        "period",
        "opening_value",
        "closing_value",
        "average_value",
        "cogs",
        "turnover",
        "days_of_inventory",
        "currency",
    ],
    sums=["opening_value", "closing_value", "average_value", "cogs"],
)
turnover_search = SearchView(
    "stock.turnover",
    fields=["product", "category"],
    filters=[
        *(Filter(period.code, period.label, [("period", "=", period.code)]) for period in PERIODS),
        Filter("slow", "Slow movers (over 90 days)", [("days_of_inventory", ">", 90)]),
        Filter("unsold", "Nothing delivered", [("days_of_inventory", "not set", 0)]),
    ],
    group_by=[
        GroupBy("category", "Product category", "category"),
        GroupBy("period", "Period", "period"),
        GroupBy("product", "Product", "product"),
    ],
    defaults=["last_12_months"],
)
late_list = ListView(
    "stock.late_delivery",
    columns=["origin", "partner", "product", "date", "date_done", "quantity", "delay", "status"],
    sums=["quantity"],
)
late_search = SearchView(
    "stock.late_delivery",
    fields=["partner", "product", "origin"],
    filters=[
        Filter("open", "Not delivered", [("status", "=", "open")]),
        Filter("delivered", "Delivered late", [("status", "=", "delivered")]),
        Filter("week", "More than a week late", [("delay", ">", 7)]),
        Filter("this_month", "Due this month", [("date", ">=", "@month_start")]),
    ],
    group_by=[
        GroupBy("customer", "Customer", "partner"),
        GroupBy("product", "Product", "product"),
        GroupBy("category", "Product category", "category"),
        GroupBy("warehouse", "Warehouse", "warehouse"),
        GroupBy("month", "Month due", "date:month"),
        GroupBy("status", "Status", "status"),
    ],
)

# -- counts and replenishment -----------------------------------------------------------

adjustment_form = FormView(
    "stock.adjustment",
    status="state",
    buttons=[
        Button("action_load", "Load what is on hand", states=["draft"]),
        Button(
            "action_apply", "Apply", states=["draft"], primary=True, confirm="Make these counts the stock?"
        ),
    ],
    groups=[Group("count", ["name", "date", "location", "company"])],
    pages=[
        Page(
            "lines",
            "Counts",
            [Field("lines", columns=["product", "lot", "counted", "theoretical", "difference"])],
        )
    ],
)
adjustment_list = ListView("stock.adjustment", columns=["name", "date", "location", "state"])
reorder_rule_list = ListView(
    "stock.reorder_rule", columns=["product", "warehouse", "min_qty", "max_qty", "multiple"]
)

# -- configuration ------------------------------------------------------------------------

warehouse_list = ListView(
    "stock.warehouse", columns=["sequence", "name", "code", "company", "allow_negative"]
)
warehouse_form = FormView(
    "stock.warehouse",
    groups=[
        Group("warehouse", ["name", "code", "company", "partner", "allow_negative", "sequence", "active"]),
        Group(
            "locations",
            ["view_location", "lot_stock", "input_location", "output_location"],
            label="Locations",
        ),
    ],
)
location_list = ListView("stock.location", columns=["complete_name", "usage", "company"])
lot_list = ListView("stock.lot", columns=["name", "product", "expiration_date"])

# -- other addons' screens -----------------------------------------------------------------

product_form = extend(
    "product.product.form",
    pages=[
        Page(
            "inventory",
            "Inventory",
            [
                "type",
                "tracking",
                "weight",
                "volume",
                "sale_delay",
                Field("qty_on_hand", readonly=True),
                Field("qty_free", readonly=True),
                Field("qty_incoming", readonly=True),
                Field("qty_outgoing", readonly=True),
                Field("qty_forecast", readonly=True),
            ],
        )
    ],
)
category_costing = extend("product.category.form", fields=["cost_method"], after="parent")
cost_layer_list = ListView(
    "stock.cost_layer",
    columns=["product", "move", "quantity", "unit_cost", "value", "remaining_quantity", "remaining_value"],
    sums=["value", "remaining_value"],
)
product_search = extend(
    "product.product.search",
    filters=[Filter("storable", "Storable", [("type", "=", "storable")])],
    group_by=[GroupBy("type", "Product type", "type")],
)

# -- the dashboard ---------------------------------------------------------------------------

dashboard = Dashboard(
    "stock.overview",
    "Inventory",
    tiles=[
        Tile(
            "Ready to ship",
            "stock.picking",
            "count",
            domain=(("kind", "=", "outgoing"), ("state", "=", "ready")),
            action="stock.deliveries",
        ),
        Tile(
            "Waiting for goods",
            "stock.picking",
            "count",
            domain=(("state", "=", "waiting"),),
            action="stock.transfers",
        ),
        Tile("Late transfers", "stock.picking", "count", domain=LATE, action="stock.transfers"),
        Tile(
            "Receipts to do",
            "stock.picking",
            "count",
            domain=(("kind", "=", "incoming"), ("state", "in", OPEN)),
            action="stock.receipts",
        ),
        Tile("Stock value", "stock.value", "value:sum", action="stock.value_report"),
        Tile(
            "Late for customers",
            "stock.late_delivery",
            "count",
            domain=(("status", "=", "open"),),
            action="stock.late_deliveries",
        ),
    ],
    charts=[
        Chart("Transfers by status", "stock.picking", "pie", "state", domain=(("state", "in", OPEN),)),
        Chart(
            "Stock value moved by month",
            "stock.move",
            "bar",
            "date_done:month",
            "value:sum",
            domain=(("state", "=", "done"),),
        ),
        Chart(
            "On hand by location",
            "stock.quant",
            "bar",
            "location",
            "quantity:sum",
            domain=(("location.usage", "=", "internal"),),
            limit=10,
        ),
        Chart("Stock value by category", "stock.value", "bar", "category", "value:sum", limit=10),
        Chart("Late deliveries by customer", "stock.late_delivery", "bar", "partner", "count", limit=8),
    ],
)

# -- actions and menus ----------------------------------------------------------------------

actions = [
    Action(
        "stock.transfers",
        "Transfers",
        "stock.picking",
        views=["kanban", "list", "form"],
        domain=[("state", "in", OPEN)],
    ),
    Action(
        "stock.receipts",
        "Receipts",
        "stock.picking",
        domain=[("kind", "=", "incoming")],
        defaults={"kind": "incoming"},
    ),
    Action(
        "stock.deliveries",
        "Deliveries",
        "stock.picking",
        domain=[("kind", "=", "outgoing")],
        defaults={"kind": "outgoing"},
    ),
    Action(
        "stock.internal",
        "Internal transfers",
        "stock.picking",
        domain=[("kind", "=", "internal")],
        defaults={"kind": "internal"},
    ),
    Action("stock.on_hand", "Stock on hand", "stock.quant", views=["list"]),
    Action("stock.moves", "Moves history", "stock.move", views=["list", "form"]),
    Action("stock.value_report", "Stock value", "stock.value", views=["list"]),
    Action("stock.turnover_report", "Turnover", "stock.turnover", views=["list"]),
    Action("stock.late_deliveries", "Late deliveries", "stock.late_delivery", views=["list", "form"]),
    Action(
        "stock.cost_layers",
        "Cost layers",
        "stock.cost_layer",
        views=["list"],
        domain=[("remaining_quantity", ">", 0)],
    ),
    Action("stock.adjustments", "Inventory counts", "stock.adjustment"),
    Action("stock.reorder_rules", "Reorder rules", "stock.reorder_rule"),
    Action("stock.warehouses", "Warehouses", "stock.warehouse"),
    Action("stock.locations", "Locations", "stock.location"),
    Action("stock.lots", "Lots and serial numbers", "stock.lot"),
]
menus = [
    Menu("stock", "Inventory", sequence=25, groups=USERS),
    Menu("stock.operations", "Operations", parent="stock", sequence=10),
    Menu("stock.transfers", "To do", parent="stock.operations", action="stock.transfers", sequence=5),
    Menu("stock.receipts", "Receipts", parent="stock.operations", action="stock.receipts", sequence=10),
    Menu("stock.deliveries", "Deliveries", parent="stock.operations", action="stock.deliveries", sequence=20),
    Menu(
        "stock.internal",
        "Internal transfers",
        parent="stock.operations",
        action="stock.internal",
        sequence=30,
    ),
    Menu(
        "stock.adjustments",
        "Inventory counts",
        parent="stock.operations",
        action="stock.adjustments",
        sequence=40,
    ),
    Menu("stock.products_menu", "Products", parent="stock", sequence=20),
    Menu("stock.products", "Products", parent="stock.products_menu", action="product.products", sequence=10),
    Menu("stock.on_hand", "Stock on hand", parent="stock.products_menu", action="stock.on_hand", sequence=20),
    Menu(
        "stock.lots",
        "Lots and serial numbers",
        parent="stock.products_menu",
        action="stock.lots",
        sequence=30,
    ),
    Menu("stock.reporting", "Reporting", parent="stock", sequence=40),
    Menu("stock.dashboard", "Overview", parent="stock.reporting", dashboard="stock.overview", sequence=10),
    Menu("stock.moves", "Moves history", parent="stock.reporting", action="stock.moves", sequence=20),
    Menu(
        "stock.value_report",
        "Stock value",
        parent="stock.reporting",
        action="stock.value_report",
        sequence=30,
    ),
    Menu(
        "stock.turnover_report",
        "Turnover",
        parent="stock.reporting",
        action="stock.turnover_report",
        sequence=40,
    ),
    Menu(
        "stock.late_deliveries",
        "Late deliveries",
        parent="stock.reporting",
        action="stock.late_deliveries",
        sequence=50,
    ),
    Menu(
        "stock.cost_layers",
        "Cost layers",
        parent="stock.reporting",
        action="stock.cost_layers",
        sequence=60,
        groups=("product.group_cost_reader",),
    ),
    Menu("stock.configuration", "Configuration", parent="stock", sequence=90, groups=MANAGERS),
    Menu(
        "stock.configuration.warehouses",
        "Warehouses",
        parent="stock.configuration",
        action="stock.warehouses",
        groups=MANAGERS,
    ),
    Menu(
        "stock.configuration.locations",
        "Locations",
        parent="stock.configuration",
        action="stock.locations",
        groups=MANAGERS,
    ),
    Menu(
        "stock.configuration.reorder_rules",
        "Reorder rules",
        parent="stock.configuration",
        action="stock.reorder_rules",
        groups=MANAGERS,
    ),
]

declarations = [
    picking_list,
    picking_kanban,
    picking_form,
    picking_search,
    move_line_list,
    move_form,
    quant_list,
    quant_search,
    move_list,
    move_search,
    value_list,
    value_search,
    turnover_list,
    turnover_search,
    late_list,
    late_search,
    adjustment_form,
    adjustment_list,
    reorder_rule_list,
    warehouse_list,
    warehouse_form,
    location_list,
    lot_list,
    product_form,
    product_search,
    category_costing,
    cost_layer_list,
    dashboard,
    *actions,
    *menus,
]

# -- with sales --------------------------------------------------------------------------------

sales_order_form = extend(
    "sales.order.form",
    fields=["warehouse"],
    after="company",
    pages=[
        Page(
            "deliveries",
            "Deliveries",
            ["delivery_status", Field("pickings", columns=["name", "scheduled_date", "date_done", "state"])],
        )
    ],
)
sales_order_lines = extend(
    "sales.order.form",
    columns_of="lines",
    fields=["qty_free", "expected_date", "qty_delivered"],
    move=["qty_delivered"],  # sales' extra of accounting shows the column too (entered by hand without stock)
    after="quantity",
)
sales_order_list = extend("sales.order.list", fields=["delivery_status"], after="state")
sales_declarations = [sales_order_form, sales_order_lines, sales_order_list]

# -- with accounting ---------------------------------------------------------------------------

category_form = extend(
    "product.category.form",
    pages=[
        Page(
            "accounting",
            "Accounting",
            [
                "stock_valuation_account",
                "stock_received_account",
                "cogs_account",
                "inventory_loss_account",
                "inventory_gain_account",
            ],
        )
    ],
)
valuation_check_menu = Menu(
    "stock.valuation_check",
    "Stock against the books",
    parent="accounting.reports",
    url="/stock/valuation/check",
    sequence=50,
    groups=("accounting.group_user",),
)
accounting_declarations = [category_form, valuation_check_menu]
