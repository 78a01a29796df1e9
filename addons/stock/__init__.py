"""Stock: warehouses and locations, transfers with reservation and backorders, lots, counts, replenishment.

Models: ``stock.location`` (a tree, internal or virtual), ``stock.warehouse``
(with its locations), ``stock.quant`` (quantities on hand and reserved, kept
by `addons.stock.ledger`), ``stock.move`` and ``stock.move_line`` (what moves
and from where), ``stock.picking`` (receipts, deliveries, internal
transfers), ``stock.lot``, ``stock.adjustment`` (counts) and
``stock.reorder_rule``; ``product.product`` gains a type, tracking and its
quantities. The workflow's steps are modules of their own: `reservation`,
`validation`, `returns`, `valuation` (average cost), `forecast` and
`replenish`; `hookspecs` lists what other addons can hook into. The
reports ``stock.value``, ``stock.turnover`` and ``stock.late_delivery`` are
queries (`reporting`).

With sales installed, confirming an order creates its deliveries and
quotation lines show what is available (`addons.stock.sales`).
"""

from addons.stock import hooks
from addons.stock import hookspecs
from addons.stock import views
from addons.stock.models import adjustment
from addons.stock.models import late_delivery
from addons.stock.models import location
from addons.stock.models import lot
from addons.stock.models import move
from addons.stock.models import move_line
from addons.stock.models import picking
from addons.stock.models import product
from addons.stock.models import quant
from addons.stock.models import reorder_rule
from addons.stock.models import stock_value
from addons.stock.models import turnover
from addons.stock.models import warehouse
from addons.stock.sales import hooks as sales_hooks
from addons.stock.sales import models as sales_models
from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(
        location.Location,
        warehouse.Warehouse,
        lot.Lot,
        quant.Quant,
        picking.Picking,
        move.Move,
        move_line.MoveLine,
        adjustment.Adjustment,
        adjustment.AdjustmentLine,
        reorder_rule.ReorderRule,
        product.Product,
        stock_value.StockValue,
        turnover.Turnover,
        late_delivery.LateDelivery,
    )
    addon.views(*views.declarations)
    addon.hookspecs(hookspecs)
    addon.hooks(hooks)
    with addon.extra("sales"):
        addon.models(sales_models.Move, sales_models.Picking, sales_models.OrderLine, sales_models.Order)
        addon.views(*views.sales_declarations)
        addon.hooks(sales_hooks)
