"""Purchase: requests for quotation that become orders, priced by vendor prices, received through stock.

Models: ``purchase.order`` and ``purchase.order_line`` (the workflow, the
amounts and what was received), ``purchase.vendor_price`` (who sells what,
from which quantity, at what price and lead time); ``product.product`` gains
its vendor prices, ``stock.picking`` its purchase order and ``stock.move``
its purchase line. Confirming an order makes its receipt
(`addons.purchase.receipts`); stock's reorder job is answered with requests
for quotation grouped by vendor (`addons.purchase.replenish`, through the
hooks in `addons.purchase.hooks`); `addons.purchase.reporting` has the
figures behind the dashboard.

Lines carry purchase taxes (the product's vendor taxes by default) and
orders their untaxed, tax and total amounts, computed by commerce
(`addons.commerce.documents`) as sales orders are. Vendor bills and the
three-way match come with the accounting addon, as an extra of purchase
(`addons.purchase.accounting`).
"""

from addons.purchase import hooks
from addons.purchase import views
from addons.purchase.accounting import hooks as accounting_hooks
from addons.purchase.accounting import models as accounting_models
from addons.purchase.models import order
from addons.purchase.models import order_line
from addons.purchase.models import product
from addons.purchase.models import stock_move
from addons.purchase.models import stock_picking
from addons.purchase.models import vendor_price
from core.loader.addon import Addon


def register(addon: Addon) -> None:
    addon.models(
        vendor_price.VendorPrice,
        order.Order,
        order_line.OrderLine,
        product.Product,
        stock_picking.Picking,
        stock_move.Move,
    )
    addon.views(*views.declarations)
    addon.hooks(hooks)
    with addon.extra("accounting"):
        addon.models(
            accounting_models.Product,
            accounting_models.Invoice,
            accounting_models.InvoiceLine,
            accounting_models.OrderLine,
            accounting_models.Order,
        )
        addon.views(*views.accounting_declarations)
        addon.hooks(accounting_hooks)
